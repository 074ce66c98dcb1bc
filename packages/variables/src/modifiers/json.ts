/** @module JSON modifiers: parse JSON text into values and write values as JSON text. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { describeValue } from './value-coercion.ts';

export const jsonModifiers: readonly ModifierDefinition[] = [
  {
    name: 'jsonParse',
    label: 'Parse JSON',
    category: 'json',
    description: 'Reads JSON text into a value. Values that are not text are passed through; missing or empty text stays missing.',
    args: [],
    examples: [{ input: '{"a":[1,2]}', args: [], output: { a: [1, 2] } }],
    run: (value) => {
      if (typeof value !== 'string') return value;
      if (value.trim() === '') return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${describeValue(value)} is not valid JSON (${reason})`);
      }
    },
  },
  {
    name: 'jsonStringify',
    label: 'To JSON',
    category: 'json',
    description: 'Writes a value as JSON text, indented by the given number of spaces (none unless given). A missing value stays missing.',
    args: [{ name: 'indent', type: 'number', optional: true }],
    examples: [
      { input: { a: 1 }, args: [], output: '{"a":1}' },
      { input: [1], args: [2], output: '[\n  1\n]' },
    ],
    run: (value, indent) => JSON.stringify(value, null, indent as number | undefined),
  },
];
