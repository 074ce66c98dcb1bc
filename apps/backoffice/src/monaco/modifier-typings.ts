/**
 * @module Modifier typings: the extra lib Monaco's JavaScript service reads while a modifier is edited:
 * the `run(value, ...args)` signature built from the declared arguments, and the sandbox's `console`.
 */
import type { ModifierArg, ModifierArgType } from '@weft/api-client';

const TS_TYPE: Record<ModifierArgType, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  any: 'any',
  array: 'any[]',
  object: 'Record<string, any>',
};

/** Where the extra lib lives in Monaco's virtual file system. */
export const MODIFIER_LIB_PATH = 'ts:weft/modifier.d.ts';

/** What a new modifier starts with: the JSDoc line ties `run` to the generated signature. */
export const MODIFIER_TEMPLATE = `/** @type {WeftModifier} */
function run(value, ...args) {
  return value;
}
`;

/** Keeps doc comments intact whatever an admin typed into a description. */
const comment = (text: string): string => text.replace(/\*\//g, '* /').replace(/\r?\n/g, ' ');

export function modifierTypings(args: readonly ModifierArg[]): string {
  const params = [
    ' * @param value The value piped into the modifier: {{ value | name(...) }}.',
    ...args.map((arg) => ` * @param ${arg.name} ${comment(arg.description ?? '')}`),
  ];
  const signature = ['value: any', ...args.map((arg) => `${arg.name}${arg.optional ? '?' : ''}: ${TS_TYPE[arg.type]}`)].join(', ');
  return `/**
 * A Weft modifier: \`function run(value, ...args)\` returns the new value (JSON only), or a promise of it.
${params.join('\n')}
 */
type WeftModifier = (${signature}) => unknown;

/** Lines written here appear under the test result. */
declare const console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
`;
}
