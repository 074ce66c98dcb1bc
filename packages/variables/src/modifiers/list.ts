/** @module List modifiers: join, pick items, sort, deduplicate, pluck and filter by path, sum and count. Lists are never changed in place. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { readPath } from '../path.ts';
import { characters, deepEqual, pathArg, toBoolean, toList, toNumber, toText } from './value-coercion.ts';

export const listModifiers: readonly ModifierDefinition[] = [
  {
    name: 'join',
    label: 'Join',
    category: 'list',
    description: 'Joins the items of a list into text with a separator (", " unless given).',
    args: [{ name: 'separator', type: 'string', optional: true }],
    examples: [{ input: ['a', 'b', 'c'], args: [' + '], output: 'a + b + c' }],
    run: (value, separator) => toList(value).map(toText).join((separator as string | undefined) ?? ', '),
  },
  {
    name: 'first',
    label: 'First',
    category: 'list',
    description: 'The first item of a list, or the first character of text; nothing when empty.',
    args: [],
    examples: [{ input: [3, 2, 1], args: [], output: 3 }],
    run: (value) => (typeof value === 'string' ? characters(value)[0] : toList(value)[0]),
  },
  {
    name: 'last',
    label: 'Last',
    category: 'list',
    description: 'The last item of a list, or the last character of text; nothing when empty.',
    args: [],
    examples: [{ input: [3, 2, 1], args: [], output: 1 }],
    run: (value) => (typeof value === 'string' ? characters(value).at(-1) : toList(value).at(-1)),
  },
  {
    name: 'slice',
    label: 'Slice',
    category: 'list',
    description: 'The items (or characters) from position start up to, not including, end; negative positions count from the end.',
    args: [
      { name: 'start', type: 'number' },
      { name: 'end', type: 'number', optional: true },
    ],
    examples: [{ input: [1, 2, 3, 4], args: [1, 3], output: [2, 3] }],
    run: (value, start, end) =>
      typeof value === 'string'
        ? characters(value).slice(start as number, end as number | undefined).join('')
        : toList(value).slice(start as number, end as number | undefined),
  },
  {
    name: 'reverse',
    label: 'Reverse',
    category: 'list',
    description: 'The list (or text) in reverse order.',
    args: [],
    examples: [
      { input: [1, 2, 3], args: [], output: [3, 2, 1] },
      { input: 'kůň🐴', args: [], output: '🐴ňůk' },
    ],
    run: (value) => (typeof value === 'string' ? characters(value).reverse().join('') : [...toList(value)].reverse()),
  },
  {
    name: 'sort',
    label: 'Sort',
    category: 'list',
    description: 'Sorts a list: numbers by value, text alphabetically, missing values last. Give a path to sort objects by a field, and "desc" to reverse.',
    args: [
      { name: 'path', type: 'string', optional: true, description: 'Field to sort by, e.g. "price".' },
      { name: 'direction', type: 'string', optional: true, description: '"asc" (default) or "desc".' },
    ],
    examples: [
      { input: [3, 1, 2], args: [], output: [1, 2, 3] },
      { input: [{ n: 'b' }, { n: 'a' }], args: ['n', 'desc'], output: [{ n: 'b' }, { n: 'a' }] },
    ],
    run: (value, path, direction) => {
      const segments = path === undefined || path === '' ? [] : pathArg(path);
      const sign = direction === 'desc' ? -1 : 1;
      return [...toList(value)].sort((a, b) => compareValues(readPath(a, segments), readPath(b, segments), sign));
    },
  },
  {
    name: 'unique',
    label: 'Unique',
    category: 'list',
    description: 'Removes repeated items, keeping the first; with a path, items count as repeated when that field is equal.',
    args: [{ name: 'path', type: 'string', optional: true }],
    examples: [
      { input: [1, 2, 1, 3, 2], args: [], output: [1, 2, 3] },
      { input: [{ id: 1, v: 'a' }, { id: 1, v: 'b' }], args: ['id'], output: [{ id: 1, v: 'a' }] },
    ],
    run: (value, path) => {
      const segments = path === undefined ? [] : pathArg(path);
      const kept: unknown[] = [];
      const keys: unknown[] = [];
      for (const item of toList(value)) {
        const key = readPath(item, segments);
        if (keys.some((seen) => deepEqual(seen, key))) continue;
        keys.push(key);
        kept.push(item);
      }
      return kept;
    },
  },
  {
    name: 'flatten',
    label: 'Flatten',
    category: 'list',
    description: 'Puts the items of nested lists into one list, depth levels deep (1 unless given).',
    args: [{ name: 'depth', type: 'number', optional: true }],
    examples: [{ input: [[1, 2], [3, [4]]], args: [], output: [1, 2, 3, [4]] }],
    run: (value, depth) => toList(value).flat(Math.max(0, Math.floor((depth as number | undefined) ?? 1))),
  },
  {
    name: 'map',
    label: 'Pluck field',
    category: 'list',
    description: 'Takes one field, by path, from every item of a list.',
    args: [{ name: 'path', type: 'string', description: 'e.g. "id" or "address.city".' }],
    examples: [{ input: [{ id: 1 }, { id: 2 }], args: ['id'], output: [1, 2] }],
    run: (value, path) => {
      const segments = pathArg(path);
      return toList(value).map((item) => readPath(item, segments));
    },
  },
  {
    name: 'filter',
    label: 'Filter',
    category: 'list',
    description: 'Keeps the items whose field (by path) equals the value; without a value, the items whose field is true-ish.',
    args: [
      { name: 'path', type: 'string' },
      { name: 'equals', type: 'any', optional: true },
    ],
    examples: [
      { input: [{ s: 'open' }, { s: 'done' }], args: ['s', 'open'], output: [{ s: 'open' }] },
      { input: [{ on: true }, { on: false }], args: ['on'], output: [{ on: true }] },
    ],
    run: (value, path, expected) => {
      const segments = pathArg(path);
      return toList(value).filter((item) => {
        const field = readPath(item, segments);
        return expected === undefined ? toBoolean(field) : deepEqual(field, expected);
      });
    },
  },
  {
    name: 'sum',
    label: 'Sum',
    category: 'list',
    description: 'Adds up the numbers of a list; an empty list gives 0.',
    args: [],
    examples: [{ input: [1, 2, '3.5'], args: [], output: 6.5 }],
    run: (value) => toList(value).reduce<number>((total, item) => total + toNumber(item, 'every item'), 0),
  },
  {
    name: 'average',
    label: 'Average',
    category: 'list',
    description: 'The average of the numbers of a list; an empty list gives nothing.',
    args: [],
    examples: [{ input: [1, 2, 6], args: [], output: 3 }],
    run: (value) => {
      const list = toList(value);
      if (list.length === 0) return undefined;
      return list.reduce<number>((total, item) => total + toNumber(item, 'every item'), 0) / list.length;
    },
  },
  {
    name: 'count',
    label: 'Count',
    category: 'list',
    description: 'The number of items of a list; 0 when missing.',
    args: [],
    examples: [{ input: ['a', 'b'], args: [], output: 2 }],
    run: (value) => toList(value).length,
  },
  {
    name: 'includes',
    label: 'Includes',
    category: 'list',
    description: 'True when a list has an item equal to the given one, or when text contains the given text.',
    args: [{ name: 'item', type: 'any' }],
    examples: [
      { input: ['a', 'b'], args: ['b'], output: true },
      { input: 'žluťoučký kůň', args: ['kůň'], output: true },
    ],
    run: (value, item) => {
      if (typeof value === 'string') return value.includes(toText(item));
      return toList(value).some((entry) => deepEqual(entry, item));
    },
  },
  {
    name: 'compact',
    label: 'Compact',
    category: 'list',
    description: 'Removes null, missing and empty-text items from a list.',
    args: [],
    examples: [{ input: ['a', null, '', 0, 'b'], args: [], output: ['a', 0, 'b'] }],
    run: (value) => toList(value).filter((item) => item !== null && item !== undefined && item !== ''),
  },
];

/** Missing values sort last whatever the direction; numbers before text. */
function compareValues(a: unknown, b: unknown, sign: number): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * sign;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return toText(a).localeCompare(toText(b)) * sign;
}
