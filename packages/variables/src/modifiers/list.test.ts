import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


const people = [
  { name: 'Žofie', age: 30, city: { name: 'Brno' } },
  { name: 'Adam', age: 25, city: { name: 'Praha' } },
  { name: 'Cyril', city: { name: 'Brno' } },
];

describe('when a list is empty or missing', () => {
  it.each([
    ['join', ''],
    ['first', undefined],
    ['last', undefined],
    ['slice(1)', []],
    ['reverse', []],
    ['sort', []],
    ['unique', []],
    ['flatten', []],
    ['map("id")', []],
    ['filter("id", 1)', []],
    ['sum', 0],
    ['average', undefined],
    ['count', 0],
    ['includes(1)', false],
    ['compact', []],
  ])('%s gives a sensible empty result', async (call, expected) => {
    expect(await apply([], call)).toEqual(expected);
    expect(await apply(null, call)).toEqual(expected);
    expect(await apply(undefined, call)).toEqual(expected);
  });
});

describe('when a list modifier gets something that is not a list', () => {
  it.each(['join', 'sort', 'unique', 'flatten', 'map("a")', 'filter("a")', 'sum', 'count', 'compact'])('%s fails clearly', async (call) => {
    const result = await evaluate({ a: 1 }, call);
    expect(result).toMatchObject({ ok: false, error: { code: 'modifier.failed', message: expect.stringContaining('expected a list, got an object') } });
  });

  it('works on characters of text where that makes sense', async () => {
    expect(await apply('🐴ab', 'first')).toBe('🐴');
    expect(await apply('ab🐴', 'last')).toBe('🐴');
    expect(await apply('žluťoučký', 'slice(-3)')).toBe('čký');
    expect(await apply('žluťoučký', 'includes("ťou")')).toBe(true);
  });
});

describe('when working with lists of objects', () => {
  it('plucks, filters and sorts by path without changing the original', async () => {
    expect(await apply(people, 'map("city.name")')).toEqual(['Brno', 'Praha', 'Brno']);
    expect(await apply(people, 'filter("city.name", "Brno") | map("name")')).toEqual(['Žofie', 'Cyril']);
    expect(await apply(people, 'filter("age") | count')).toBe(2);
    expect(await apply(people, 'sort("age") | map("name")')).toEqual(['Adam', 'Žofie', 'Cyril']);
    expect(await apply(people, 'sort("age", "desc") | map("name")')).toEqual(['Žofie', 'Adam', 'Cyril']);
    expect(await apply(people, 'sort("name") | map("name")')).toEqual(['Adam', 'Cyril', 'Žofie']);
    expect(await apply(people, 'unique("city.name") | count')).toBe(2);
    expect(people[0]?.name).toBe('Žofie');
  });

  it('sorts numbers by value, not as text', async () => {
    expect(await apply([10, 9, 100, null, 'b', 'a'], 'sort')).toEqual([9, 10, 100, 'a', 'b', null]);
  });

  it('deduplicates objects by value and joins them as JSON', async () => {
    expect(await apply([{ a: 1 }, { a: 1 }, { a: 2 }], 'unique')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(await apply([{ a: 1 }, null, 2], 'join("|")')).toBe('{"a":1}||2');
    expect(await apply([{ a: [1] }], 'includes({"a": [1]})')).toBe(true);
  });

  it('flattens to the depth asked for', async () => {
    expect(await apply([1, [2, [3, [4]]]], 'flatten(10)')).toEqual([1, 2, 3, 4]);
  });

  it('rejects a broken path and sums only numbers', async () => {
    expect(await evaluate(people, 'map("a[")')).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
    expect(await evaluate(['1', 'x'], 'sum')).toMatchObject({ ok: false, error: { message: 'sum: expected every item to be a number, got the text "x"' } });
  });
});
