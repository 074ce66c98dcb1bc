/**
 * @module DataStores contract: per-user data store items (the Data Store components), as every
 * Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, DataStores } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeDataStoresContract(name: string, make: () => Promise<DataStores & Closable>): void {
  describe(`DataStores contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('data stores', () => {
      it('sets, gets, finds by prefix and removes items of one user only', async () => {
        const store = await open();
        const [userId, other] = [uid(), uid()];
        await store.dataSet(userId, 'customers', 'c:1', { name: 'Ada' });
        await store.dataSet(userId, 'customers', 'c:2', { name: 'Bob' });
        await store.dataSet(userId, 'customers', 'd:1', { name: 'Cy' });
        await store.dataSet(userId, 'orders', 'c:9', 'not a customer');
        await store.dataSet(other, 'customers', 'c:3', { name: 'Eve' });

        const ada = await store.dataGet(userId, 'customers', 'c:1');
        expect(ada).toMatchObject({ key: 'c:1', value: { name: 'Ada' } });
        expect(typeof ada?.updatedAt).toBe('number');
        expect(await store.dataGet(other, 'customers', 'c:1')).toBeUndefined();

        const found = await store.dataFind(userId, 'customers', { prefix: 'c:' });
        expect(found.map((i) => i.key).sort()).toEqual(['c:1', 'c:2']);
        expect(await store.dataFind(userId, 'customers', { limit: 1 })).toHaveLength(1);
        expect((await store.dataFind(other, 'customers', {})).map((i) => i.key)).toEqual(['c:3']);

        await store.dataSet(userId, 'customers', 'c:1', { name: 'Ada L.' });
        expect((await store.dataGet(userId, 'customers', 'c:1'))?.value).toEqual({ name: 'Ada L.' });
        expect(await store.dataRemove(other, 'customers', 'c:1')).toBe(false);
        expect(await store.dataRemove(userId, 'customers', 'c:1')).toBe(true);
        expect(await store.dataGet(userId, 'customers', 'c:1')).toBeUndefined();
      });
    });
  });
}
