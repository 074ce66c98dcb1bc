import { describe, expect, it } from 'vitest';
import { modifierTypings } from './modifier-typings.ts';

describe('the typings of a modifier being edited', () => {
  it('declare run with the value first, then each argument with its type', () => {
    const lib = modifierTypings([
      { name: 'separator', type: 'string', description: 'Put between words' },
      { name: 'limit', type: 'number', optional: true },
    ]);
    expect(lib).toContain('type WeftModifier = (value: any, separator: string, limit?: number) => unknown;');
    expect(lib).toContain('@param separator Put between words');
  });

  it('cannot be broken out of by a description that closes the comment', () => {
    const lib = modifierTypings([{ name: 'x', type: 'any', description: 'evil */ declare const y: 1; /*' }]);
    expect(lib).not.toContain('evil */');
  });
});
