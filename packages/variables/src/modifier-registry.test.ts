import { describe, expect, it } from 'vitest';
import { builtinModifiers, createModifierRegistry, type ModifierDefinition } from './index.ts';

const shout: ModifierDefinition = {
  name: 'shout',
  label: 'Shout',
  category: 'custom',
  description: 'Adds an exclamation mark.',
  args: [],
  examples: [{ input: 'hi', args: [], output: 'hi!' }],
  run: (value) => `${String(value)}!`,
};

describe('when a host registers custom modifiers', () => {
  it('lists them after the built-ins and can remove them again', () => {
    const registry = createModifierRegistry();
    registry.register(shout);
    expect(registry.has('shout')).toBe(true);
    expect(registry.list()).toHaveLength(builtinModifiers.length + 1);
    registry.unregister('shout');
    expect(registry.get('shout')).toBeUndefined();
  });

  it('keeps each registry to itself', () => {
    const one = createModifierRegistry();
    one.register(shout);
    expect(createModifierRegistry().has('shout')).toBe(false);
  });

  it('refuses to replace or remove a built-in, and refuses bad names', () => {
    const registry = createModifierRegistry();
    expect(() => registry.register({ ...shout, name: 'upper' })).toThrow(/built-in/);
    expect(() => registry.unregister('upper')).toThrow(/built-in/);
    expect(() => registry.register({ ...shout, name: '1bad' })).toThrow(/not a valid modifier name/);
    expect(registry.get('upper')?.category).toBe('text');
  });
});
