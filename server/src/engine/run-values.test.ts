import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE_LIMITS, inlineScopeSize, jsonSizeUpTo, nestsDeeperThan, placeOutput, type ScopeRefs } from './run-values.ts';
import type { Scope } from './message.ts';

describe('inline scope sizes', () => {
  it('remembers the size of each scope placeOutput makes, exactly as measuring it again gives', () => {
    const limit = DEFAULT_SCOPE_LIMITS.inlineBytes;
    let scope: Scope = { hook: { out: { body: { n: 1, who: 'ada' }, headers: { 'content-type': 'application/json' } } } };
    let refs: ScopeRefs | undefined;
    const sends: [string, string, unknown][] = [
      ['s1', 'out', { step: 1, n: 1 }],
      ['s2', 'out', { step: 2, list: [1, 2, 3], flag: true, none: null }],
      ['s2', 'error', 'a string output'], // a second port of a sender already in the scope
      ['s1', 'out', { step: 1, n: 2 }], // the same port again: replaced, measured anew
      ['s3', 'out', 42],
    ];
    for (const [senderId, port, data] of sends) {
      const placed = placeOutput({ scope, refs }, inlineScopeSize(scope, limit), senderId, port, data, DEFAULT_SCOPE_LIMITS);
      scope = placed.scope;
      refs = placed.refs;
      // A copy is a scope this process did not make (as one that came over the Bus): measured whole.
      expect(inlineScopeSize(scope, limit)).toBe(jsonSizeUpTo(structuredClone(scope), limit));
    }
    expect(scope.s1!.out).toEqual({ step: 1, n: 2 });
  });

  it('measures a remembered scope again when asked with a smaller limit', () => {
    const placed = placeOutput({ scope: {}, refs: undefined }, 2, 'a', 'out', 'x'.repeat(100), DEFAULT_SCOPE_LIMITS);
    expect(inlineScopeSize(placed.scope, 10)).toBe(jsonSizeUpTo(placed.scope, 10));
    expect(inlineScopeSize(placed.scope, 10)).toBeGreaterThan(10);
  });
});

describe('nestsDeeperThan', () => {
  const nest = (levels: number, array = false): unknown => (levels === 0 ? 1 : array ? [0, nest(levels - 1, array)] : { a: 1, b: nest(levels - 1, array) });
  it('counts objects and arrays, each level once, up to the limit and no further', () => {
    for (const array of [false, true]) {
      expect(nestsDeeperThan(nest(5, array), 5)).toBe(false);
      expect(nestsDeeperThan(nest(6, array), 5)).toBe(true);
    }
    expect(nestsDeeperThan({ a: [{ b: [{}] }] }, 5)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [{ c: [] }] }] }, 5)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(nestsDeeperThan(cycle, 256)).toBe(true);
  });
});
