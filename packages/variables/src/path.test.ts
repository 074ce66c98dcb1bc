import { describe, expect, it } from 'vitest';
import { parsePath, readPath } from './index.ts';

const order = {
  id: 7,
  'key with spaces': 'yes',
  items: [
    { id: 'a', tags: ['x', 'y'] },
    { id: 'b', tags: [] },
  ],
  nothing: null,
};

function read(path: string): unknown {
  const parsed = parsePath(path);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readPath(order, parsed.value);
}

describe('when reading a path from a value', () => {
  it('gives the whole value for an empty path', () => {
    expect(readPath(order, [])).toBe(order);
  });

  it('follows keys and indexes, negative indexes counting from the end', () => {
    expect(read('items[0].id')).toBe('a');
    expect(read('items[-1].id')).toBe('b');
    expect(read("['key with spaces']")).toBe('yes');
  });

  it('maps a wildcard over every item, giving a list', () => {
    expect(read('items[*].id')).toEqual(['a', 'b']);
    expect(read('items[*].tags[0]')).toEqual(['x', undefined]);
  });

  it('gives undefined for anything missing instead of throwing', () => {
    expect(read('items[5].id')).toBeUndefined();
    expect(read('nothing.deeper')).toBeUndefined();
    expect(read('id.deeper')).toBeUndefined();
    expect(read('id[0]')).toBeUndefined();
    expect(read('id[*]')).toBeUndefined();
    expect(readPath(undefined, [{ kind: 'key', key: 'a' }])).toBeUndefined();
  });

  it('never reaches into the prototype', () => {
    expect(read('constructor')).toBeUndefined();
    expect(read('__proto__')).toBeUndefined();
    expect(read('items.length')).toBeUndefined();
  });

  it('rejects a path it cannot read', () => {
    expect(parsePath('items[')).toMatchObject({ ok: false, error: { code: 'variable.malformed' } });
    expect(parsePath('a b')).toMatchObject({ ok: false });
  });
});
