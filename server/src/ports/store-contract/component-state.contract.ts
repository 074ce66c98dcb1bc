/**
 * @module ComponentStateStore contract: component and flow state per scope and key, prefix clears
 * and atomic increments, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, ComponentStateStore } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeComponentStateStoreContract(name: string, make: () => Promise<ComponentStateStore & Closable>): void {
  describe(`ComponentStateStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('state', () => {
      it('sets, gets and unsets JSON values per scope and key', async () => {
        const store = await open();
        const scope = `flow:${uid()}`;
        expect(await store.stateGet(scope, 'k')).toBeUndefined();
        await store.stateSet(scope, 'k', { list: [1, 'two', null], flag: false });
        await store.stateSet(`${scope}:other`, 'k', 'elsewhere');
        expect(await store.stateGet(scope, 'k')).toEqual({ list: [1, 'two', null], flag: false });
        await store.stateSet(scope, 'k', 0);
        expect(await store.stateGet(scope, 'k')).toBe(0);
        await store.stateUnset(scope, 'k');
        expect(await store.stateGet(scope, 'k')).toBeUndefined();
        expect(await store.stateGet(`${scope}:other`, 'k')).toBe('elsewhere');
      });

      it('clears every scope starting with a prefix and nothing else', async () => {
        const store = await open();
        const base = `flow:${uid()}`;
        await store.stateSet(`${base}:a`, 'x', 1);
        await store.stateSet(`${base}:b`, 'y', 2);
        await store.stateSet(`${base}-sibling`, 'z', 3);
        await store.stateClear(`${base}:`);
        expect(await store.stateGet(`${base}:a`, 'x')).toBeUndefined();
        expect(await store.stateGet(`${base}:b`, 'y')).toBeUndefined();
        expect(await store.stateGet(`${base}-sibling`, 'z')).toBe(3);
      });

      it('increments atomically under 200 concurrent calls, a missing key counting as 0', async () => {
        const store = await open();
        const scope = `counter:${uid()}`;
        expect(await store.stateIncrement(scope, 'n', 5)).toBe(5);
        const results = await Promise.all(Array.from({ length: 200 }, () => store.stateIncrement(scope, 'n', 1)));
        expect(await store.stateGet(scope, 'n')).toBe(205);
        expect(new Set(results).size).toBe(200);
        expect(Math.max(...results)).toBe(205);
        expect(await store.stateIncrement(scope, 'n', -5)).toBe(200);
      });
    });
  });
}
