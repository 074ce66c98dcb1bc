/** @module Text modifiers: case, trimming, replacing, cutting and padding text; lengths count characters, not UTF-16 units. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { characters, isPlainObject, toText } from './value-coercion.ts';

export const textModifiers: readonly ModifierDefinition[] = [
  {
    name: 'upper',
    label: 'Upper case',
    category: 'text',
    description: 'Turns text into upper case. Numbers and other values are turned into text first.',
    args: [],
    examples: [{ input: 'žluťoučký kůň', args: [], output: 'ŽLUŤOUČKÝ KŮŇ' }],
    run: (value) => toText(value).toUpperCase(),
  },
  {
    name: 'lower',
    label: 'Lower case',
    category: 'text',
    description: 'Turns text into lower case.',
    args: [],
    examples: [{ input: 'Hello WORLD', args: [], output: 'hello world' }],
    run: (value) => toText(value).toLowerCase(),
  },
  {
    name: 'trim',
    label: 'Trim',
    category: 'text',
    description: 'Removes spaces, tabs and line breaks from both ends of the text.',
    args: [],
    examples: [{ input: '  hello \n', args: [], output: 'hello' }],
    run: (value) => toText(value).trim(),
  },
  {
    name: 'capitalize',
    label: 'Capitalize',
    category: 'text',
    description: 'Makes the first character upper case and leaves the rest as it is.',
    args: [],
    examples: [{ input: 'žluťoučký kůň', args: [], output: 'Žluťoučký kůň' }],
    run: (value) => {
      const [first = '', ...rest] = characters(value);
      return first.toUpperCase() + rest.join('');
    },
  },
  {
    name: 'titleCase',
    label: 'Title case',
    category: 'text',
    description: 'Makes the first character of every word upper case and the rest lower case.',
    args: [],
    examples: [{ input: 'hello wide WORLD', args: [], output: 'Hello Wide World' }],
    run: (value) => toText(value).toLowerCase().replace(/(^|\s)(\S)/gu, (_match, space: string, letter: string) => space + letter.toUpperCase()),
  },
  {
    name: 'replace',
    label: 'Replace',
    category: 'text',
    description: 'Replaces every occurrence of some text with other text (plain text, not a pattern).',
    args: [
      { name: 'search', type: 'string', description: 'Text to look for.' },
      { name: 'replacement', type: 'string', optional: true, description: 'Text to put in its place; nothing when left out.' },
    ],
    examples: [{ input: 'a-b-c', args: ['-', ' / '], output: 'a / b / c' }],
    run: (value, search, replacement) => {
      const text = toText(value);
      return search === '' ? text : text.split(search as string).join((replacement as string | undefined) ?? '');
    },
  },
  {
    name: 'substring',
    label: 'Substring',
    category: 'text',
    description: 'Takes the characters from position start (0 is the first) up to, not including, end. Negative positions count from the end.',
    args: [
      { name: 'start', type: 'number' },
      { name: 'end', type: 'number', optional: true },
    ],
    examples: [
      { input: 'žluťoučký', args: [0, 4], output: 'žluť' },
      { input: 'invoice-2024', args: [-4], output: '2024' },
    ],
    run: (value, start, end) => characters(value).slice(start as number, end as number | undefined).join(''),
  },
  {
    name: 'truncate',
    label: 'Truncate',
    category: 'text',
    description: 'Shortens text to at most length characters, ending with the suffix ("…" unless given) when it was cut.',
    args: [
      { name: 'length', type: 'number' },
      { name: 'suffix', type: 'string', optional: true },
    ],
    examples: [{ input: 'Hello world', args: [8], output: 'Hello w…' }],
    run: (value, length, suffix) => {
      const chars = characters(value);
      const max = Math.max(0, Math.floor(length as number));
      if (chars.length <= max) return chars.join('');
      const end = [...((suffix as string | undefined) ?? '…')];
      return chars.slice(0, Math.max(0, max - end.length)).join('') + end.join('');
    },
  },
  {
    name: 'padStart',
    label: 'Pad start',
    category: 'text',
    description: 'Adds the fill text (a space unless given) in front until the text is length characters long.',
    args: [
      { name: 'length', type: 'number' },
      { name: 'fill', type: 'string', optional: true },
    ],
    examples: [{ input: 7, args: [3, '0'], output: '007' }],
    run: (value, length, fill) => pad(value, length as number, (fill as string | undefined) ?? ' ', 'start'),
  },
  {
    name: 'padEnd',
    label: 'Pad end',
    category: 'text',
    description: 'Adds the fill text (a space unless given) at the end until the text is length characters long.',
    args: [
      { name: 'length', type: 'number' },
      { name: 'fill', type: 'string', optional: true },
    ],
    examples: [{ input: 'ab', args: [4, '.'], output: 'ab..' }],
    run: (value, length, fill) => pad(value, length as number, (fill as string | undefined) ?? ' ', 'end'),
  },
  {
    name: 'split',
    label: 'Split',
    category: 'text',
    description: 'Splits text into a list at every separator (a comma unless given). An empty separator splits into characters.',
    args: [{ name: 'separator', type: 'string', optional: true }],
    examples: [{ input: 'a,b,c', args: [','], output: ['a', 'b', 'c'] }],
    run: (value, separator) => {
      if (value === null || value === undefined || value === '') return [];
      const sep = (separator as string | undefined) ?? ',';
      return sep === '' ? characters(value) : toText(value).split(sep);
    },
  },
  {
    name: 'length',
    label: 'Length',
    category: 'text',
    description: 'The number of characters of text, items of a list or keys of an object; 0 when missing.',
    args: [],
    examples: [
      { input: 'žluťoučký 🐴', args: [], output: 11 },
      { input: [1, 2, 3], args: [], output: 3 },
    ],
    run: (value) => {
      if (Array.isArray(value)) return value.length;
      if (isPlainObject(value)) return Object.keys(value).length;
      return characters(value).length;
    },
  },
  {
    name: 'startsWith',
    label: 'Starts with',
    category: 'text',
    description: 'True when the text starts with the given text.',
    args: [{ name: 'prefix', type: 'string' }],
    examples: [{ input: 'INV-001', args: ['INV-'], output: true }],
    run: (value, prefix) => toText(value).startsWith(prefix as string),
  },
  {
    name: 'endsWith',
    label: 'Ends with',
    category: 'text',
    description: 'True when the text ends with the given text.',
    args: [{ name: 'suffix', type: 'string' }],
    examples: [{ input: 'report.pdf', args: ['.pdf'], output: true }],
    run: (value, suffix) => toText(value).endsWith(suffix as string),
  },
  {
    name: 'slugify',
    label: 'Slugify',
    category: 'text',
    description: 'Turns text into a lower-case URL slug: accents removed, words joined by "-".',
    args: [],
    examples: [{ input: 'Žluťoučký kůň úpěl!', args: [], output: 'zlutoucky-kun-upel' }],
    run: (value) =>
      toText(value)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
  },
  {
    name: 'toString',
    label: 'To text',
    category: 'text',
    description: 'Turns any value into text: objects and lists as JSON, null and missing values as empty text.',
    args: [],
    examples: [
      { input: 42, args: [], output: '42' },
      { input: { a: 1 }, args: [], output: '{"a":1}' },
    ],
    run: (value) => toText(value),
  },
];

function pad(value: unknown, length: number, fill: string, side: 'start' | 'end'): string {
  const chars = characters(value);
  const fillChars = [...fill];
  const missing = Math.floor(length) - chars.length;
  if (missing <= 0 || fillChars.length === 0) return chars.join('');
  const padding = Array.from({ length: missing }, (_, i) => fillChars[i % fillChars.length]).join('');
  return side === 'start' ? padding + chars.join('') : chars.join('') + padding;
}
