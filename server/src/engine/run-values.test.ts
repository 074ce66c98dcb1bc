import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE_LIMITS, inlineScopeSize, jsonSizeUpTo, placeOutput, type ScopeRefs } from './run-values.ts';
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
