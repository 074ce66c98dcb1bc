import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './expression.ts';

const holds = (field: unknown, operator: string, value?: unknown) => {
  const result = evaluateExpression({ field, operator, ...(value === undefined ? {} : { value }) });
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('evaluateExpression', () => {
  describe('= and !=', () => {
    it('compare numbers and numeric text as numbers', () => {
      expect(holds(10, '=', '10')).toBe(true);
      expect(holds('1.0', '=', 1)).toBe(true);
      expect(holds(10, '!=', 11)).toBe(true);
    });
    it('treat a missing field as equal only to a missing value, never to the text "undefined"', () => {
      expect(holds(undefined, '=', 'undefined')).toBe(false);
      expect(holds(null, '=', 'null')).toBe(false);
      expect(holds(undefined, '=', 0)).toBe(false);
      expect(holds(undefined, '!=', 18)).toBe(true);
      expect(holds(null, '=', null)).toBe(true);
      expect(holds(null, 'in', [1, 'undefined'])).toBe(false);
    });
    it('compare text exactly and objects by content', () => {
      expect(holds('abc', '=', 'abc')).toBe(true);
      expect(holds('abc', '=', 'ABC')).toBe(false);
      expect(holds({ a: [1] }, '=', { a: [1] })).toBe(true);
      expect(holds({ a: 1 }, '!=', { a: 2 })).toBe(true);
    });
  });

  describe('> >= < <=', () => {
    it('order numbers numerically, even as text ("10" > "9")', () => {
      expect(holds('10', '>', '9')).toBe(true);
      expect(holds(5, '>=', 5)).toBe(true);
      expect(holds(4, '<', 5)).toBe(true);
      expect(holds(5, '<=', 4)).toBe(false);
    });
    it('never hold when a side is missing or an object (a message without an age is not >= 18)', () => {
      for (const operator of ['>', '>=', '<', '<=']) {
        expect(holds(undefined, operator, 18)).toBe(false);
        expect(holds(null, operator, 18)).toBe(false);
        expect(holds(18, operator, null)).toBe(false);
        expect(holds({ age: 20 }, operator, 18)).toBe(false);
        expect(holds([20], operator, 18)).toBe(false);
      }
    });
    it('order other text alphabetically', () => {
      expect(holds('apple', '<', 'banana')).toBe(true);
      expect(holds('b', '>', 'a')).toBe(true);
    });
  });

  describe('contains and notContains', () => {
    it('look inside text and arrays', () => {
      expect(holds('hello world', 'contains', 'lo w')).toBe(true);
      expect(holds([1, 2, 3], 'contains', '2')).toBe(true);
      expect(holds([1, 2, 3], 'notContains', 4)).toBe(true);
      expect(holds({ name: 'Ann' }, 'contains', 'Ann')).toBe(true);
    });
    it('find nothing in null or undefined', () => {
      expect(holds(null, 'contains', 'x')).toBe(false);
      expect(holds(undefined, 'notContains', 'x')).toBe(true);
    });
  });

  describe('regex', () => {
    it('takes a bare pattern or /pattern/flags', () => {
      expect(holds('Order-123', 'regex', '^Order-\\d+$')).toBe(true);
      expect(holds('ORDER-1', 'regex', '/^order-\\d$/i')).toBe(true);
      expect(holds('ORDER-1', 'regex', '^order')).toBe(false);
    });
    it('explains a missing or broken pattern', () => {
      expect(evaluateExpression({ field: 'x', operator: 'regex' })).toMatchObject({ ok: false, message: expect.stringContaining('pattern') });
      expect(evaluateExpression({ field: 'x', operator: 'regex', value: '(' })).toMatchObject({ ok: false });
    });
  });

  describe('empty and notEmpty', () => {
    it('treat undefined, null, "", [] and {} as empty', () => {
      for (const value of [undefined, null, '', [], {}]) expect(holds(value, 'empty')).toBe(true);
      for (const value of [0, false, 'x', [0], { a: 1 }]) expect(holds(value, 'notEmpty')).toBe(true);
    });
    it('treat a clause without a field (a variable that resolved to nothing) as empty', () => {
      expect(evaluateExpression({ operator: 'empty' })).toEqual({ ok: true, value: true });
      expect(evaluateExpression({ operator: 'notEmpty' })).toEqual({ ok: true, value: false });
    });
  });

  describe('in', () => {
    it('takes a list or comma-separated text', () => {
      expect(holds('b', 'in', ['a', 'b'])).toBe(true);
      expect(holds(2, 'in', '1, 2, 3')).toBe(true);
      expect(holds('z', 'in', 'a,b')).toBe(false);
    });
  });

  describe('AND of ORs', () => {
    const clause = (ok: boolean) => ({ field: 1, operator: '=', value: ok ? 1 : 2 });
    it('holds when every group has a clause that holds', () => {
      expect(evaluateExpression({ AND: [{ OR: [clause(false), clause(true)] }, { OR: [clause(true)] }] })).toEqual({ ok: true, value: true });
      expect(evaluateExpression({ AND: [{ OR: [clause(true)] }, { OR: [clause(false)] }] })).toEqual({ ok: true, value: false });
    });
    it('accepts a bare OR group and ignores empty groups', () => {
      expect(evaluateExpression({ OR: [clause(false), clause(true)] })).toEqual({ ok: true, value: true });
      expect(evaluateExpression({ AND: [{ OR: [] }] })).toEqual({ ok: true, value: true });
    });
    it('says where a malformed expression is wrong', () => {
      const result = evaluateExpression({ AND: [{ OR: [{ field: 1, operator: 'like', value: 1 }] }] });
      expect(result).toMatchObject({ ok: false, message: expect.stringContaining('malformed') });
    });
  });
});
