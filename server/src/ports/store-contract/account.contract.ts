/**
 * @module AccountStore contract: connected accounts (sealed credentials) kept to their owner, as
 * every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { AccountRecord, AccountStore, Closable } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeAccountStoreContract(name: string, make: () => Promise<AccountStore & Closable>): void {
  describe(`AccountStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('connected accounts', () => {
      it('creates an account and finds it only for its owner', async () => {
        const store = await open();
        const account = anAccount();
        await store.createAccount(account);
        expect(await store.getAccount(account.id, account.userId)).toEqual(account);
        expect(await store.getAccount(account.id)).toEqual(account);
        expect(await store.getAccount(account.id, uid())).toBeUndefined();
        expect(await store.getAccount(uid())).toBeUndefined();
      });

      it("lists a user's accounts oldest first, and everyone's without a user", async () => {
        const store = await open();
        const userId = uid();
        const later = anAccount({ userId, createdAt: 2_000, name: 'later' });
        const earlier = anAccount({ userId, createdAt: 1_000, name: 'earlier' });
        const other = anAccount();
        for (const account of [later, earlier, other]) await store.createAccount(account);
        expect((await store.listAccounts({ userId })).map((a) => a.name)).toEqual(['earlier', 'later']);
        const everyone = (await store.listAccounts({ limit: 1000 })).map((a) => a.id);
        expect(everyone).toEqual(expect.arrayContaining([later.id, earlier.id, other.id]));
      });

      it('updates the owner\'s account, clears a reason with null, and refuses another user', async () => {
        const store = await open();
        const account = anAccount();
        await store.createAccount(account);
        expect(await store.updateAccount(account.id, uid(), { name: 'stolen' })).toBeUndefined();
        const invalid = await store.updateAccount(account.id, account.userId, { status: 'invalid', statusReason: 'revoked' });
        expect(invalid).toMatchObject({ status: 'invalid', statusReason: 'revoked', name: account.name });
        expect(invalid!.updatedAt).toBeGreaterThanOrEqual(account.updatedAt);
        const valid = await store.updateAccount(account.id, account.userId, { status: 'valid', statusReason: null, name: 'renamed' });
        expect(valid).toMatchObject({ status: 'valid', name: 'renamed' });
        expect(valid).not.toHaveProperty('statusReason');
        expect(await store.getAccount(account.id)).toEqual(valid);
      });

      it('replaces the sealed secret only while it is still the expected one', async () => {
        const store = await open();
        const account = anAccount({ sealed: 'wsec1:a:old' });
        await store.createAccount(account);
        expect(await store.updateAccount(account.id, undefined, { sealed: 'wsec1:b:new' }, 'wsec1:a:stale')).toBeUndefined();
        expect((await store.getAccount(account.id))?.sealed).toBe('wsec1:a:old');
        expect(await store.updateAccount(account.id, undefined, { sealed: 'wsec1:b:new' }, 'wsec1:a:old')).toMatchObject({ sealed: 'wsec1:b:new' });
      });

      it("deletes only the owner's account", async () => {
        const store = await open();
        const account = anAccount();
        await store.createAccount(account);
        expect(await store.deleteAccount(account.id, uid())).toBe(false);
        expect(await store.deleteAccount(account.id, account.userId)).toBe(true);
        expect(await store.deleteAccount(account.id, account.userId)).toBe(false);
        expect(await store.getAccount(account.id)).toBeUndefined();
      });
    });
  });
}

function anAccount(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: `acc_${uid()}`,
    userId: uid(),
    type: 'apiKey',
    name: 'Stripe live key',
    fields: { in: 'header', name: 'X-Api-Key' },
    sealed: 'wsec1:k1:AAAA',
    profile: {},
    status: 'valid',
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}
