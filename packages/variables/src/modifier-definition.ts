/** @module Modifier definition: what a modifier declares (args, examples, category) and the error it throws for bad args. */

export interface ModifierArg {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'any' | 'array' | 'object';
  optional?: boolean;
  description?: string;
}

export interface ModifierDefinition {
  name: string;
  label: string;
  category: 'text' | 'number' | 'date' | 'list' | 'object' | 'logic' | 'encoding' | 'crypto' | 'json' | 'custom';
  description: string;
  args: ModifierArg[];
  examples: { input: unknown; args: unknown[]; output: unknown }[];
  run(value: unknown, ...args: unknown[]): unknown;
}

/** Thrown by a modifier whose arguments make no sense; evaluation reports it as `modifier.bad_args`. */
export class ModifierArgsError extends Error {
  override name = 'ModifierArgsError';
}
