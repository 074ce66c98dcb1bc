import { describe, expect, it } from 'vitest';
import { customModifierDefinition, customModifiersExist, evaluatingFor, type CodeRunner } from './custom-modifiers.ts';

describe('evaluatingFor', () => {
  it('enters the async context only once a custom modifier exists, and then hands it the caller', async () => {
    expect(customModifiersExist()).toBe(false);
    expect(await evaluatingFor('u1', async () => 'plain')).toBe('plain');
    const callers: string[] = [];
    const runner: CodeRunner = {
      call: async (_source, _entry, args, _limits, userId) => {
        callers.push(userId);
        return { ok: true, value: args[0], durationMs: 0, logs: [] };
      },
    };
    const definition = customModifierDefinition({
      name: 'echo', label: 'Echo', description: '', category: 'custom', args: [], examples: [],
      source: 'function run(v) { return v }', version: 1, createdAt: 0, updatedAt: 0, updatedBy: 'admin',
    }, runner, () => ({ timeoutMs: 100, memoryBytes: 1 << 20, maxOutputBytes: 1024 }));
    expect(customModifiersExist()).toBe(true);
    expect(await evaluatingFor('u1', async () => definition.run('x'))).toBe('x');
    expect(callers).toEqual(['u1']);
  });
});
