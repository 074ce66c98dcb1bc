/**
 * @module User purge contract: `purgeUser` (an IdentityStore method) deletes what the user owns in
 * other concerns too, and counts it; the case writes those belongings first.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, DataStores, IdentityStore, RunStateStore, UnprocessedStore } from '../store.ts';
import { anUnprocessed, aUser, uid } from './fixtures.ts';

/**
 * Typed by every concern the purge reaches, not by IdentityStore alone: the case writes data items,
 * unprocessed messages and run values for the user (and for another user) to check that the purge
 * deletes and counts exactly the user's.
 */
export function describeUserPurgeContract(name: string, make: () => Promise<IdentityStore & DataStores & UnprocessedStore & RunStateStore & Closable>): void {
  describe(`User purge contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('purging a user', () => {
      it('purges a user with its tokens, data items, unprocessed messages and run values, and counts them', async () => {
        const store = await open();
        const user = aUser();
        await store.createUser(user);
        await store.createToken({ hash: uid(), userId: user.id, createdAt: 1, expiresAt: 2 });
        await store.dataSet(user.id, 's', 'k', 1);
        await store.addUnprocessed(anUnprocessed({ userId: user.id }));
        await store.putRunValues(user.id, [{ hash: uid(), json: '1' }], 10_000);
        const other = aUser();
        await store.createUser(other);
        await store.dataSet(other.id, 's', 'k', 2);
        expect(await store.purgeUser(user.id)).toEqual({ tokens: 1, dataItems: 1, unprocessedMessages: 1, accounts: 0, runValues: 1 });
        expect(await store.getUser(user.id)).toBeUndefined();
        expect(await store.dataGet(user.id, 's', 'k')).toBeUndefined();
        expect((await store.dataGet(other.id, 's', 'k'))?.value).toBe(2);
        expect(await store.purgeUser(user.id)).toBeUndefined();
      });
    });
  });
}
