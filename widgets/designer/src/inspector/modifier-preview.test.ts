import { describe, expect, it, vi } from 'vitest';
import type { ModifierInfo } from '@weft/api-client';
import { mergeCatalog, parseSample, previewChain } from './modifier-preview.ts';

const shout: ModifierInfo = { name: 'shout', label: 'Shout', category: 'custom', description: '', args: [{ name: 'times', type: 'number', optional: true }], examples: [], custom: true, version: 1 };
const catalog = mergeCatalog([shout, { ...shout, name: 'upper', custom: false }]);

describe('the modifier catalogue', () => {
  it('adds custom modifiers after the built-ins and never replaces a built-in', () => {
    expect(catalog.get('shout')).toMatchObject({ custom: true, label: 'Shout' });
    expect(catalog.get('upper')?.custom).toBe(false);
    expect([...catalog.keys()].at(-1)).toBe('shout');
  });
});

describe('the preview of a modifier chain on sample data', () => {
  it('evaluates built-ins locally', async () => {
    expect(await previewChain('hello', [{ name: 'upper', args: [] }], catalog)).toEqual({ ok: true, value: 'HELLO' });
    expect(parseSample('{"a":1}')).toEqual({ a: 1 });
    expect(parseSample('plain')).toBe('plain');
  });

  it('names the step that fails', async () => {
    expect(await previewChain('x', [{ name: 'nope', args: [] }], catalog)).toMatchObject({ ok: false, step: 'nope' });
  });

  it('asks the engine for each custom step, passing the value so far and typed arguments', async () => {
    const testModifier = vi.fn(async () => ({ ok: true as const, value: 'HI!!', durationMs: 1, logs: [] }));
    const result = await previewChain('hi', [{ name: 'upper', args: [] }, { name: 'shout', args: ['2'] }], catalog, testModifier);
    expect(testModifier).toHaveBeenCalledWith({ name: 'shout', args: [2], value: 'HI' });
    expect(result).toEqual({ ok: true, value: 'HI!!' });
  });

  it('says the engine is needed for a custom step without one, and reports its errors', async () => {
    expect(await previewChain('hi', [{ name: 'shout', args: [] }], catalog)).toEqual({ ok: 'needs-engine' });
    const failing = async () => ({ ok: false as const, error: { code: 'SANDBOX_THROWN', message: 'boom' } });
    expect(await previewChain('hi', [{ name: 'shout', args: [] }], catalog, failing)).toEqual({ ok: false, message: 'boom', step: 'shout' });
  });
});
