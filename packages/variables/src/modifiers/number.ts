/** @module Number modifiers: arithmetic, rounding and formatting; text that is a number is accepted, other text fails clearly. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { toList, toNumber } from './value-coercion.ts';

export const numberModifiers: readonly ModifierDefinition[] = [
  {
    name: 'toNumber',
    label: 'To number',
    category: 'number',
    description: 'Turns text such as "42" or "3.5" into a number; true is 1 and false is 0. Missing, null and empty text stay missing.',
    args: [],
    examples: [{ input: ' 42.5 ', args: [], output: 42.5 }],
    run: (value) => {
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
      if (typeof value === 'boolean') return value ? 1 : 0;
      return toNumber(value);
    },
  },
  {
    name: 'round',
    label: 'Round',
    category: 'number',
    description: 'Rounds to the given number of decimal places (0 unless given); halves round up.',
    args: [{ name: 'decimals', type: 'number', optional: true }],
    examples: [
      { input: 2.345, args: [2], output: 2.35 },
      { input: 1.005, args: [2], output: 1.01 },
    ],
    run: (value, decimals) => roundTo(toNumber(value), (decimals as number | undefined) ?? 0, Math.round),
  },
  {
    name: 'floor',
    label: 'Round down',
    category: 'number',
    description: 'Rounds down to the given number of decimal places (0 unless given).',
    args: [{ name: 'decimals', type: 'number', optional: true }],
    examples: [{ input: 2.7, args: [], output: 2 }],
    run: (value, decimals) => roundTo(toNumber(value), (decimals as number | undefined) ?? 0, Math.floor),
  },
  {
    name: 'ceil',
    label: 'Round up',
    category: 'number',
    description: 'Rounds up to the given number of decimal places (0 unless given).',
    args: [{ name: 'decimals', type: 'number', optional: true }],
    examples: [{ input: 2.1, args: [], output: 3 }],
    run: (value, decimals) => roundTo(toNumber(value), (decimals as number | undefined) ?? 0, Math.ceil),
  },
  {
    name: 'abs',
    label: 'Absolute value',
    category: 'number',
    description: 'The number without its sign.',
    args: [],
    examples: [{ input: -3.5, args: [], output: 3.5 }],
    run: (value) => Math.abs(toNumber(value)),
  },
  {
    name: 'add',
    label: 'Add',
    category: 'number',
    description: 'Adds a number.',
    args: [{ name: 'amount', type: 'any', description: 'A number, or text that is a number.' }],
    examples: [{ input: 40, args: [2], output: 42 }],
    run: (value, amount) => toNumber(value) + toNumber(amount, 'the amount'),
  },
  {
    name: 'subtract',
    label: 'Subtract',
    category: 'number',
    description: 'Subtracts a number.',
    args: [{ name: 'amount', type: 'any' }],
    examples: [{ input: 44, args: [2], output: 42 }],
    run: (value, amount) => toNumber(value) - toNumber(amount, 'the amount'),
  },
  {
    name: 'multiply',
    label: 'Multiply',
    category: 'number',
    description: 'Multiplies by a number.',
    args: [{ name: 'factor', type: 'any' }],
    examples: [{ input: 21, args: [2], output: 42 }],
    run: (value, factor) => toNumber(value) * toNumber(factor, 'the factor'),
  },
  {
    name: 'divide',
    label: 'Divide',
    category: 'number',
    description: 'Divides by a number; dividing by zero is an error rather than Infinity.',
    args: [{ name: 'divisor', type: 'any' }],
    examples: [{ input: 84, args: [2], output: 42 }],
    run: (value, divisor) => toNumber(value) / nonZero(toNumber(divisor, 'the divisor')),
  },
  {
    name: 'mod',
    label: 'Remainder',
    category: 'number',
    description: 'The remainder after dividing by a number (keeps the sign of the value).',
    args: [{ name: 'divisor', type: 'any' }],
    examples: [{ input: 17, args: [5], output: 2 }],
    run: (value, divisor) => toNumber(value) % nonZero(toNumber(divisor, 'the divisor')),
  },
  {
    name: 'min',
    label: 'Minimum',
    category: 'number',
    description: 'The smaller of the value and another number, or the smallest number of a list. An empty list gives nothing.',
    args: [{ name: 'other', type: 'any', optional: true }],
    examples: [
      { input: 7, args: [3], output: 3 },
      { input: [4, 1, 9], args: [], output: 1 },
    ],
    run: (value, other) => extreme(value, other, Math.min),
  },
  {
    name: 'max',
    label: 'Maximum',
    category: 'number',
    description: 'The larger of the value and another number, or the largest number of a list. An empty list gives nothing.',
    args: [{ name: 'other', type: 'any', optional: true }],
    examples: [
      { input: 7, args: [3], output: 7 },
      { input: [4, 1, 9], args: [], output: 9 },
    ],
    run: (value, other) => extreme(value, other, Math.max),
  },
  {
    name: 'clamp',
    label: 'Clamp',
    category: 'number',
    description: 'Keeps the number between a lowest and a highest value.',
    args: [
      { name: 'lowest', type: 'number' },
      { name: 'highest', type: 'number' },
    ],
    examples: [{ input: 120, args: [0, 100], output: 100 }],
    run: (value, lowest, highest) => Math.min(Math.max(toNumber(value), lowest as number), highest as number),
  },
  {
    name: 'formatNumber',
    label: 'Format number',
    category: 'number',
    description: 'Formats a number with a fixed number of decimals and the grouping of a locale ("en-US" unless given).',
    args: [
      { name: 'decimals', type: 'number', optional: true },
      { name: 'locale', type: 'string', optional: true },
    ],
    examples: [
      { input: 1234567.891, args: [2], output: '1,234,567.89' },
      { input: 1234.5, args: [1, 'de-DE'], output: '1.234,5' },
    ],
    run: (value, decimals, locale) => {
      const digits = decimals as number | undefined;
      const options: Intl.NumberFormatOptions = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
      return new Intl.NumberFormat((locale as string | undefined) ?? 'en-US', options).format(toNumber(value));
    },
  },
];

/** Rounds through the decimal representation so 1.005 rounds to 1.01, as people expect. */
function roundTo(value: number, decimals: number, round: (x: number) => number): number {
  const places = Math.max(0, Math.min(15, Math.floor(decimals)));
  if (places === 0) return round(value);
  if (/e/i.test(String(value))) return round(value * 10 ** places) / 10 ** places;
  return Number(`${round(Number(`${value}e${places}`))}e-${places}`);
}

function nonZero(divisor: number): number {
  if (divisor === 0) throw new Error('cannot divide by zero');
  return divisor;
}

function extreme(value: unknown, other: unknown, pick: (...values: number[]) => number): number | undefined {
  if (other === undefined) {
    const list = Array.isArray(value) ? toList(value) : [value];
    if (list.length === 0) return undefined;
    return pick(...list.map((item) => toNumber(item, 'every item')));
  }
  return pick(toNumber(value), toNumber(other, 'the other value'));
}
