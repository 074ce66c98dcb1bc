/** @module Object modifiers: read a path, list keys and values, pick, omit and merge fields. */
import { ModifierArgsError, type ModifierDefinition } from '../modifier-definition.ts';
import { readPath } from '../path.ts';
import { pathArg, toObject } from './value-coercion.ts';

export const objectModifiers: readonly ModifierDefinition[] = [
  {
    name: 'get',
    label: 'Get field',
    category: 'object',
    description: 'Reads a field by path, e.g. "address.city" or "items[0].id"; nothing when it is missing.',
    args: [{ name: 'path', type: 'string' }],
    examples: [{ input: { address: { city: 'Brno' } }, args: ['address.city'], output: 'Brno' }],
    run: (value, path) => readPath(value, pathArg(path)),
  },
  {
    name: 'keys',
    label: 'Keys',
    category: 'object',
    description: 'The names of the fields of an object; an empty list when missing.',
    args: [],
    examples: [{ input: { a: 1, b: 2 }, args: [], output: ['a', 'b'] }],
    run: (value) => Object.keys(toObject(value)),
  },
  {
    name: 'values',
    label: 'Values',
    category: 'object',
    description: 'The values of the fields of an object; an empty list when missing.',
    args: [],
    examples: [{ input: { a: 1, b: 2 }, args: [], output: [1, 2] }],
    run: (value) => Object.values(toObject(value)),
  },
  {
    name: 'entries',
    label: 'Entries',
    category: 'object',
    description: 'The fields of an object as a list of { key, value } objects.',
    args: [],
    examples: [{ input: { a: 1 }, args: [], output: [{ key: 'a', value: 1 }] }],
    run: (value) => Object.entries(toObject(value)).map(([key, item]) => ({ key, value: item })),
  },
  {
    name: 'pick',
    label: 'Pick fields',
    category: 'object',
    description: 'Keeps only the named fields (one name or a list of names).',
    args: [{ name: 'keys', type: 'any', description: '"name" or ["name", "email"].' }],
    examples: [{ input: { name: 'Ann', email: 'a@x.cz', age: 30 }, args: [['name', 'email']], output: { name: 'Ann', email: 'a@x.cz' } }],
    run: (value, keys) => {
      const wanted = keyList(keys);
      return Object.fromEntries(Object.entries(toObject(value)).filter(([key]) => wanted.includes(key)));
    },
  },
  {
    name: 'omit',
    label: 'Omit fields',
    category: 'object',
    description: 'Removes the named fields (one name or a list of names).',
    args: [{ name: 'keys', type: 'any' }],
    examples: [{ input: { name: 'Ann', password: 'x' }, args: ['password'], output: { name: 'Ann' } }],
    run: (value, keys) => {
      const unwanted = keyList(keys);
      return Object.fromEntries(Object.entries(toObject(value)).filter(([key]) => !unwanted.includes(key)));
    },
  },
  {
    name: 'merge',
    label: 'Merge',
    category: 'object',
    description: 'Adds the fields of another object; its fields win. Only the top level is merged.',
    args: [{ name: 'other', type: 'object' }],
    examples: [{ input: { a: 1, b: 1 }, args: [{ b: 2, c: 3 }], output: { a: 1, b: 2, c: 3 } }],
    run: (value, other) => ({ ...toObject(value), ...toObject(other) }),
  },
];

function keyList(keys: unknown): string[] {
  if (typeof keys === 'string') return [keys];
  if (Array.isArray(keys) && keys.every((key) => typeof key === 'string')) return keys;
  throw new ModifierArgsError(`keys must be a field name or a list of field names, got ${JSON.stringify(keys)}`);
}
