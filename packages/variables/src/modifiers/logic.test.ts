import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


describe('when a value may be missing', () => {
  it('default fills in missing, null and empty text but keeps 0, false and empty lists', async () => {
    expect(await apply(undefined, 'default("x")')).toBe('x');
    expect(await apply('', 'default({"a": 1})')).toEqual({ a: 1 });
    expect(await apply(0, 'default(5)')).toBe(0);
    expect(await apply(false, 'default(true)')).toBe(false);
    expect(await apply([], 'default([1])')).toEqual([]);
  });

  it('isEmpty knows empty text, lists and objects', async () => {
    for (const empty of [undefined, null, '', [], {}]) expect(await apply(empty, 'isEmpty'), JSON.stringify(empty)).toBe(true);
    for (const full of [' ', 0, false, [null], { a: undefined }]) expect(await apply(full, 'isEmpty'), JSON.stringify(full)).toBe(false);
  });
});

describe('when deciding between values', () => {
  it.each([
    [true, true],
    ['yes', true],
    ['TRUE', true],
    ['anything', true],
    [1, true],
    [{}, true],
    [false, false],
    ['false', false],
    [' No ', false],
    ['off', false],
    ['0', false],
    ['', false],
    [0, false],
    [null, false],
    [undefined, false],
    [[], false],
  ])('%j is %s', async (input, expected) => {
    expect(await apply(input, 'toBoolean')).toBe(expected);
    expect(await apply(input, 'not')).toBe(!expected);
    expect(await apply(input, 'ifElse("on", "off")')).toBe(expected ? 'on' : 'off');
  });

  it('ifElse without an else gives nothing for false values', async () => {
    expect(await apply(false, 'ifElse("yes")')).toBeUndefined();
  });

  it('compares deeply and numerically', async () => {
    expect(await apply('žluť', 'equals("žluť")')).toBe(true);
    expect(await apply(1, 'equals("1")')).toBe(false);
    expect(await apply(null, 'equals(null)')).toBe(true);
    expect(await apply([1, { a: 2 }], 'equals([1, {"a": 3}])')).toBe(false);
    expect(await apply('10', 'gt(9)')).toBe(true);
    expect(await apply(2, 'lt("10")')).toBe(true);
    expect(await evaluate('ten', 'gt(9)')).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
  });
});
