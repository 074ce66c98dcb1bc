import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


describe('when doing arithmetic', () => {
  it('accepts numbers and text that is a number', async () => {
    expect(await apply('40', 'add("2")')).toBe(42);
    expect(await apply(50, 'subtract(8)')).toBe(42);
    expect(await apply(' 6 ', 'multiply(7)')).toBe(42);
    expect(await apply(7, 'divide(2)')).toBe(3.5);
    expect(await apply(-7, 'mod(3)')).toBe(-1);
    expect(await apply('-0.5', 'abs')).toBe(0.5);
  });

  it.each([
    ['abc', 'add(1)', 'add: expected the value to be a number, got the text "abc"'],
    [1, 'add("x")', 'add: expected the amount to be a number, got the text "x"'],
    [null, 'multiply(2)', 'multiply: expected the value to be a number, got null'],
    [undefined, 'abs', 'abs: expected the value to be a number, got nothing (missing value)'],
    [[1], 'round', 'round: expected the value to be a number, got a list'],
    [1, 'divide(0)', 'divide: cannot divide by zero'],
    [1, 'mod(0)', 'mod: cannot divide by zero'],
  ])('%j | %s fails clearly', async (input, call, message) => {
    expect(await evaluate(input, call)).toMatchObject({ ok: false, error: { code: 'modifier.failed', message } });
  });
});

describe('when rounding', () => {
  it('rounds to decimals without floating point surprises', async () => {
    expect(await apply(1.005, 'round(2)')).toBe(1.01);
    expect(await apply(2.5, 'round')).toBe(3);
    expect(await apply(-2.5, 'round')).toBe(-2);
    expect(await apply(1.2399, 'floor(2)')).toBe(1.23);
    expect(await apply(1.231, 'ceil(2)')).toBe(1.24);
    expect(await apply(-1.5, 'floor')).toBe(-2);
    expect(await apply(1e-7, 'round(3)')).toBe(0);
  });
});

describe('when comparing and formatting numbers', () => {
  it('takes the smaller or larger of two values, or of a list', async () => {
    expect(await apply('3', 'min(10)')).toBe(3);
    expect(await apply(3, 'max("10")')).toBe(10);
    expect(await apply([], 'min')).toBeUndefined();
    expect(await apply(['2', 8], 'max')).toBe(8);
    expect(await apply(-5, 'clamp(0, 10)')).toBe(0);
  });

  it('converts to a number, leaving empty values missing so default can follow', async () => {
    expect(await apply('', 'toNumber | default(0)')).toBe(0);
    expect(await apply(null, 'toNumber')).toBeUndefined();
    expect(await apply(false, 'toNumber')).toBe(0);
    expect(await evaluate('12abc', 'toNumber')).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
  });

  it('formats with a locale, and fails on an unknown one', async () => {
    expect(await apply(0.5, 'formatNumber(2)')).toBe('0.50');
    expect(await apply('1000', 'formatNumber')).toBe('1,000');
    expect(await evaluate(1, 'formatNumber(2, "not a locale!")')).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
  });
});
