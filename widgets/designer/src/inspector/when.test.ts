import { describe, expect, it } from 'vitest';
import { evaluateWhen } from './when.ts';

describe('when a field has a `when` condition', () => {
  it('shows without a condition', () => expect(evaluateWhen(undefined, {})).toBe(true));
  it('compares a sibling with eq, written ./name or name', () => {
    expect(evaluateWhen({ eq: { './method': 'POST' } }, { method: 'POST' })).toBe(true);
    expect(evaluateWhen({ eq: { method: 'POST' } }, { method: 'GET' })).toBe(false);
  });
  it('hides with neq when the sibling matches', () => {
    expect(evaluateWhen({ neq: { operator: 'empty' } }, { operator: 'empty' })).toBe(false);
    expect(evaluateWhen({ neq: { operator: 'empty' } }, {})).toBe(true);
  });
  it('accepts any listed value with in', () => {
    expect(evaluateWhen({ in: { operator: ['range', 'between'] } }, { operator: 'between' })).toBe(true);
    expect(evaluateWhen({ in: { operator: ['range'] } }, { operator: '=' })).toBe(false);
  });
  it('combines with or / and', () => {
    const condition = { or: [{ eq: { a: 1 } }, { and: [{ eq: { b: true } }, { neq: { c: 'x' } }] }] };
    expect(evaluateWhen(condition, { a: 1 })).toBe(true);
    expect(evaluateWhen(condition, { b: true, c: 'y' })).toBe(true);
    expect(evaluateWhen(condition, { b: true, c: 'x' })).toBe(false);
  });
});
