/** @module Logic modifiers: fallbacks, emptiness, comparison and choosing between two values. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { deepEqual, isPlainObject, toBoolean, toNumber } from './value-coercion.ts';

export const logicModifiers: readonly ModifierDefinition[] = [
  {
    name: 'default',
    label: 'Default',
    category: 'logic',
    description: 'Uses the fallback when the value is missing, null or empty text.',
    args: [{ name: 'fallback', type: 'any' }],
    examples: [
      { input: null, args: ['n/a'], output: 'n/a' },
      { input: 'Ann', args: ['n/a'], output: 'Ann' },
    ],
    run: (value, fallback) => (value === null || value === undefined || value === '' ? fallback : value),
  },
  {
    name: 'isEmpty',
    label: 'Is empty',
    category: 'logic',
    description: 'True for missing values, null, empty text, empty lists and empty objects.',
    args: [],
    examples: [
      { input: [], args: [], output: true },
      { input: 0, args: [], output: false },
    ],
    run: (value) =>
      value === null ||
      value === undefined ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (isPlainObject(value) && Object.keys(value).length === 0),
  },
  {
    name: 'equals',
    label: 'Equals',
    category: 'logic',
    description: 'True when the value equals the other one; lists and objects are compared field by field.',
    args: [{ name: 'other', type: 'any' }],
    examples: [{ input: { a: [1] }, args: [{ a: [1] }], output: true }],
    run: (value, other) => deepEqual(value, other),
  },
  {
    name: 'gt',
    label: 'Greater than',
    category: 'logic',
    description: 'True when the number is greater than the other number.',
    args: [{ name: 'other', type: 'any' }],
    examples: [{ input: 5, args: [3], output: true }],
    run: (value, other) => toNumber(value) > toNumber(other, 'the other value'),
  },
  {
    name: 'lt',
    label: 'Less than',
    category: 'logic',
    description: 'True when the number is less than the other number.',
    args: [{ name: 'other', type: 'any' }],
    examples: [{ input: 5, args: [3], output: false }],
    run: (value, other) => toNumber(value) < toNumber(other, 'the other value'),
  },
  {
    name: 'ifElse',
    label: 'If … else',
    category: 'logic',
    description: 'Gives the first value when the value is true-ish, otherwise the second (see toBoolean).',
    args: [
      { name: 'then', type: 'any' },
      { name: 'else', type: 'any', optional: true },
    ],
    examples: [
      { input: true, args: ['yes', 'no'], output: 'yes' },
      { input: 'false', args: ['yes', 'no'], output: 'no' },
    ],
    run: (value, whenTrue, whenFalse) => (toBoolean(value) ? whenTrue : whenFalse),
  },
  {
    name: 'not',
    label: 'Not',
    category: 'logic',
    description: 'The opposite of the value as a true/false (see toBoolean).',
    args: [],
    examples: [{ input: 'no', args: [], output: true }],
    run: (value) => !toBoolean(value),
  },
  {
    name: 'toBoolean',
    label: 'To true/false',
    category: 'logic',
    description: '"false", "no", "off", "0", "", 0, null, missing values and empty lists are false; everything else is true.',
    args: [],
    examples: [
      { input: 'yes', args: [], output: true },
      { input: 'off', args: [], output: false },
    ],
    run: (value) => toBoolean(value),
  },
];
