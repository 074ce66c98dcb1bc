/**
 * @module UnprocessedStore contract: unprocessed messages (dead letters) per user, per tenant's
 * members and for staff, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, UnprocessedStore } from '../store.ts';
import { anUnprocessed, uid } from './fixtures.ts';

export function describeUnprocessedStoreContract(name: string, make: () => Promise<UnprocessedStore & Closable>): void {
  describe(`UnprocessedStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('unprocessed messages', () => {
      it('adds idempotently on id, then lists, gets, updates and deletes per user', async () => {
        const store = await open();
        const [userId, other] = [uid(), uid()];
        const first = anUnprocessed({ userId, createdAt: 1 });
        const second = anUnprocessed({ userId, flowId: 'f-2', createdAt: 2 });
        const theirs = anUnprocessed({ userId: other });
        for (const m of [first, second, theirs]) await store.addUnprocessed(m);
        await store.addUnprocessed({ ...first, attempts: 99 });

        expect(await store.getUnprocessed(first.id)).toEqual(first);
        expect(await store.getUnprocessed(first.id, userId)).toEqual(first);
        expect(await store.getUnprocessed(first.id, other)).toBeUndefined();

        const mine = await store.listUnprocessed({ userId });
        expect(mine.total).toBe(2);
        expect(mine.items.map((m) => m.id).sort()).toEqual([first.id, second.id].sort());
        expect(await store.listUnprocessed({ userId, flowId: 'f-2' })).toEqual({ items: [second], total: 1 });
        const page = await store.listUnprocessed({ userId, limit: 1, offset: 1 });
        expect(page.items).toHaveLength(1);
        expect(page.total).toBe(2);
        const everyone = await store.listUnprocessed({ limit: 1000 });
        expect(everyone.items.map((m) => m.id)).toEqual(expect.arrayContaining([first.id, second.id, theirs.id]));

        const members = await store.listUnprocessed({ userIds: [userId, other] });
        expect(members.items.map((m) => m.id).sort()).toEqual([first.id, second.id, theirs.id].sort());
        expect(members.total).toBe(3);
        expect(await store.listUnprocessed({ userIds: [other] })).toEqual({ items: [theirs], total: 1 });
        expect(await store.listUnprocessed({ userIds: [] })).toEqual({ items: [], total: 0 });

        expect(await store.updateUnprocessed(first.id, other, { edited: true })).toBeUndefined();
        const updated = await store.updateUnprocessed(first.id, userId, { edited: true });
        expect(updated).toMatchObject({ id: first.id, message: { edited: true }, attempts: first.attempts });
        expect(updated!.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
        expect((await store.updateUnprocessed(theirs.id, undefined, { admin: 1 }))?.message).toEqual({ admin: 1 });

        expect(await store.deleteUnprocessed(first.id, other)).toBe(false);
        expect(await store.deleteUnprocessed(first.id, userId)).toBe(true);
        expect(await store.deleteUnprocessed(theirs.id)).toBe(true);
        expect(await store.getUnprocessed(first.id)).toBeUndefined();
      });
    });
  });
}
