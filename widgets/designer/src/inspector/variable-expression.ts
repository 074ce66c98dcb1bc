/** @module Variable expression: builds the `{{{$.id.port.path | modifier("arg")}}}` text the picker inserts. */
import type { ModifierDefinition } from '@weft/variables';

export interface ModifierStep {
  name: string;
  /** What the person typed for each argument, in order. */
  args: string[];
}

/** One argument as a JSON literal: text for string arguments, parsed JSON (or quoted text) otherwise. */
function formatArg(text: string, type: string | undefined): string {
  if (type === 'string') return JSON.stringify(text);
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

export function formatVariable(expression: string, steps: readonly ModifierStep[], definitions: ReadonlyMap<string, Pick<ModifierDefinition, 'args'>>): string {
  const chain = steps.map((step) => {
    const declared = definitions.get(step.name)?.args ?? [];
    // Trailing optional arguments left empty are dropped, so the modifier uses its default.
    let count = step.args.length;
    while (count > 0 && (step.args[count - 1] ?? '') === '') count -= 1;
    const args = step.args.slice(0, count).map((text, index) => formatArg(text, declared[index]?.type));
    return args.length === 0 ? ` | ${step.name}` : ` | ${step.name}(${args.join(', ')})`;
  });
  return `{{{${expression}${chain.join('')}}}}`;
}

/** Insert `snippet` into `text` replacing the selection `[start, end)`; returns the new text and caret. */
export function insertAt(text: string, snippet: string, start: number, end: number): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + snippet + text.slice(to), caret: from + snippet.length };
}
