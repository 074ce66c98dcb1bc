/**
 * @module SettingsStore contract: installation settings and custom modifiers with every version
 * kept, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, ModifierRecord, SettingsStore } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeSettingsStoreContract(name: string, make: () => Promise<SettingsStore & Closable>): void {
  describe(`SettingsStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('settings', () => {
      it('round-trips JSON settings', async () => {
        const store = await open();
        const key = `setting.${uid()}`;
        expect(await store.getSetting(key)).toBeUndefined();
        await store.setSetting(key, { smtp: { host: 'mail', port: 25 }, enabled: true });
        expect(await store.getSetting(key)).toEqual({ smtp: { host: 'mail', port: 25 }, enabled: true });
        await store.setSetting(key, 'replaced');
        expect(await store.getSetting(key)).toBe('replaced');
      });
    });

    describe('custom modifiers', () => {
      it('creates version 1 only when absent, then lists and reads it', async () => {
        const store = await open();
        const name = aModifierName();
        const created = await store.saveModifier(aModifier({ name, updatedAt: 5 }), 0);
        expect(created).toMatchObject({ ok: true, modifier: { name, version: 1, createdAt: 5, updatedAt: 5 } });
        expect(await store.getModifier(name)).toMatchObject({ name, version: 1, source: 'function run(v) { return v }' });
        expect((await store.listModifiers()).map((m) => m.name)).toContain(name);
        const again = await store.saveModifier(aModifier({ name }), 0);
        expect(again).toMatchObject({ ok: false, reason: 'conflict', current: { version: 1 } });
        expect(await store.getModifier(aModifierName())).toBeUndefined();
      });

      it('saves a new version on the expected one, refuses a stale one, and keeps every version', async () => {
        const store = await open();
        const name = aModifierName();
        await store.saveModifier(aModifier({ name, updatedAt: 1 }), 0);
        const second = await store.saveModifier(aModifier({ name, source: 'function run(v) { return 2 }', updatedAt: 2 }), 1);
        expect(second).toMatchObject({ ok: true, modifier: { version: 2, createdAt: 1, updatedAt: 2 } });
        expect(await store.saveModifier(aModifier({ name }), 1)).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2 } });
        expect(await store.saveModifier(aModifier({ name: aModifierName() }), 3)).toEqual({ ok: false, reason: 'not_found' });
        const unconditional = await store.saveModifier(aModifier({ name, source: 'function run() { return 3 }', updatedAt: 3 }));
        expect(unconditional).toMatchObject({ ok: true, modifier: { version: 3 } });
        const versions = await store.listModifierVersions(name);
        expect(versions.map((v) => [v.version, v.source])).toEqual([
          [1, 'function run(v) { return v }'],
          [2, 'function run(v) { return 2 }'],
          [3, 'function run() { return 3 }'],
        ]);
      });

      it('deletes a modifier with its history', async () => {
        const store = await open();
        const name = aModifierName();
        await store.saveModifier(aModifier({ name }), 0);
        await store.saveModifier(aModifier({ name }), 1);
        expect(await store.deleteModifier(name)).toBe(true);
        expect(await store.deleteModifier(name)).toBe(false);
        expect(await store.getModifier(name)).toBeUndefined();
        expect(await store.listModifierVersions(name)).toEqual([]);
        expect((await store.saveModifier(aModifier({ name }), 0)).ok).toBe(true);
      });
    });
  });
}

function aModifierName(): string {
  return `m_${uid().replaceAll('-', '')}`;
}

function aModifier(overrides: Partial<Omit<ModifierRecord, 'version' | 'createdAt'>> = {}): Omit<ModifierRecord, 'version' | 'createdAt'> {
  return {
    name: aModifierName(),
    label: 'Double',
    description: 'Doubles a number',
    category: 'custom',
    args: [{ name: 'times', type: 'number', optional: true }],
    examples: [],
    source: 'function run(v) { return v }',
    updatedAt: 1_000,
    updatedBy: 'admin-1',
    ...overrides,
  };
}
