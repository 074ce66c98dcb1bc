/**
 * @module IdentityStore contract: users, tokens, tenants, a tenant's users and host keys, as every
 * Store adapter must keep them (`describeStoreContract` runs it with the other concerns).
 */
import { describe, expect, it } from 'vitest';
import { expectCataloguedError, rejectionOf } from '../catalogued-error.ts';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, HostKeyRecord, IdentityStore, TenantRecord } from '../store.ts';
import { aUser, uid } from './fixtures.ts';

export function describeIdentityStoreContract(name: string, make: () => Promise<IdentityStore & Closable>): void {
  describe(`IdentityStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('users and tokens', () => {
      it('creates a user and finds it by id and by email in any case', async () => {
        const store = await open();
        const user = aUser({ email: `${uid()}@example.com` });
        await store.createUser(user);
        expect(await store.getUser(user.id)).toEqual(user);
        expect(await store.getUserByEmail(user.email.toUpperCase())).toEqual(user);
        expect(await store.getUser(uid())).toBeUndefined();
        expect(await store.getUserByEmail(`${uid()}@example.com`)).toBeUndefined();
      });

      it('rejects a second user with the same email, whatever its case, as user.exists', async () => {
        const store = await open();
        const email = `${uid()}@example.com`;
        await store.createUser(aUser({ email }));
        const error = await rejectionOf(store.createUser(aUser({ email: email.toUpperCase() })));
        expectCataloguedError(error, 'user.exists', { path: 'email' });
      });

      it('lists users in pages with the total', async () => {
        const store = await open();
        const mine = [aUser({ createdAt: 1 }), aUser({ createdAt: 2 }), aUser({ createdAt: 3 })];
        for (const user of mine) await store.createUser(user);
        const everyone = await store.listUsers({ limit: 1000 });
        expect(everyone.total).toBeGreaterThanOrEqual(3);
        expect(everyone.items.map((u) => u.id)).toEqual(expect.arrayContaining(mine.map((u) => u.id)));
        const page = await store.listUsers({ limit: 2, offset: 1 });
        expect(page.items).toHaveLength(2);
        expect(page.total).toBe(everyone.total);
      });

      it('updates a user and returns it, or undefined when missing', async () => {
        const store = await open();
        const user = aUser();
        await store.createUser(user);
        const updated = await store.updateUser(user.id, { disabled: true, role: 'admin', passwordHash: 'new-hash' });
        expect(updated).toEqual({ ...user, disabled: true, role: 'admin', passwordHash: 'new-hash' });
        expect(await store.getUser(user.id)).toEqual(updated);
        expect(await store.updateUser(uid(), { disabled: true })).toBeUndefined();
      });

      it('stores, revokes one, and revokes all tokens of a user', async () => {
        const store = await open();
        const userId = uid();
        const [a, b, c] = [uid(), uid(), uid()].map((hash) => ({ hash, userId, createdAt: 10, expiresAt: 1_000 }));
        for (const token of [a!, b!, c!]) await store.createToken(token);
        expect(await store.getToken(a!.hash)).toEqual(a);
        expect(await store.getToken(uid())).toBeUndefined();
        await store.revokeToken(a!.hash, 50);
        expect(await store.getToken(a!.hash)).toEqual({ ...a, revokedAt: 50 });
        expect(await store.revokeUserTokens(userId, 60)).toBe(2);
        expect((await store.getToken(b!.hash))?.revokedAt).toBe(60);
        expect((await store.getToken(a!.hash))?.revokedAt).toBe(50);
      });
    });

    describe('tenants, their users and host keys', () => {
      it('creates a tenant, finds it by id and by external id, updates and deletes it', async () => {
        const store = await open();
        const tenant: TenantRecord = { id: uid(), externalId: `acme-${uid()}`, name: 'Acme', subdomain: 'acme', limits: { maxFlows: 5 }, createdAt: 1_000 };
        await store.createTenant(tenant);
        expect(await store.getTenant(tenant.id)).toEqual(tenant);
        expect(await store.getTenantByExternalId(tenant.externalId!)).toEqual(tenant);
        expect(await store.getTenantByExternalId(`nobody-${uid()}`)).toBeUndefined();
        const renamed = await store.updateTenant(tenant.id, { name: 'Acme Ltd', limits: {} });
        expect(renamed).toEqual({ ...tenant, name: 'Acme Ltd', limits: {} });
        expect(await store.updateTenant(uid(), { name: 'x' })).toBeUndefined();
        const listed = await store.listTenants({ limit: 1000 });
        expect(listed.items.map((t) => t.id)).toContain(tenant.id);
        expect(await store.deleteTenant(tenant.id)).toBe(true);
        expect(await store.getTenant(tenant.id)).toBeUndefined();
        expect(await store.deleteTenant(tenant.id)).toBe(false);
      });

      it('refuses a second tenant with the same external id as tenant.exists, and allows many without one', async () => {
        const store = await open();
        const externalId = `dup-${uid()}`;
        await store.createTenant({ id: uid(), externalId, name: 'A', limits: {}, createdAt: 1 });
        expectCataloguedError(await rejectionOf(store.createTenant({ id: uid(), externalId, name: 'B', limits: {}, createdAt: 2 })), 'tenant.exists');
        await store.createTenant({ id: uid(), name: 'Personal 1', limits: {}, createdAt: 3 });
        await store.createTenant({ id: uid(), name: 'Personal 2', limits: {}, createdAt: 4 });
      });

      it('keeps external user ids unique within a tenant only, and lists a tenant\'s users', async () => {
        const store = await open();
        const [t1, t2] = [uid(), uid()];
        const ann = aUser({ tenantId: t1, tenantRole: 'editor', externalId: 'u-1', name: 'Ann', contactEmail: 'ann@acme.test' });
        await store.createUser(ann);
        await store.createUser(aUser({ tenantId: t2, externalId: 'u-1' }));
        expectCataloguedError(await rejectionOf(store.createUser(aUser({ tenantId: t1, externalId: 'u-1' }))), 'user.exists');
        expect(await store.getUserByExternalId(t1, 'u-1')).toEqual(ann);
        expect(await store.getUserByExternalId(t1, 'u-2')).toBeUndefined();
        const viewer = await store.updateUser(ann.id, { tenantRole: 'viewer', name: 'Ann B' });
        expect(viewer).toEqual({ ...ann, tenantRole: 'viewer', name: 'Ann B' });
        expect((await store.listTenantUsers(t1)).map((u) => u.id)).toEqual([ann.id]);
      });

      it('finds a page of users and tenants by id in one call, skipping unknown ids', async () => {
        const store = await open();
        const tenants: TenantRecord[] = [{ id: uid(), name: 'Acme', limits: {}, createdAt: 1 }, { id: uid(), name: 'Globex', limits: {}, createdAt: 2 }];
        for (const tenant of tenants) await store.createTenant(tenant);
        const users = [aUser({ tenantId: tenants[0]!.id, name: 'Ann' }), aUser({ tenantId: tenants[1]!.id })];
        for (const user of users) await store.createUser(user);
        const byId = <T extends { id: string }>(items: T[]) => [...items].sort((x, y) => x.id.localeCompare(y.id));
        expect(byId(await store.getUsers([users[1]!.id, uid(), users[0]!.id, users[1]!.id]))).toEqual(byId(users));
        expect(byId(await store.getTenants([uid(), tenants[1]!.id, tenants[0]!.id]))).toEqual(byId(tenants));
        expect(await store.getUsers([])).toEqual([]);
        expect(await store.getTenants([uid()])).toEqual([]);
      });

      it('stores host keys by hash, touches and revokes them once', async () => {
        const store = await open();
        const key: HostKeyRecord = { id: uid(), name: 'Backend', scopes: ['provision', 'read'], hash: uid(), createdAt: 1_000 };
        await store.createHostKey(key);
        expect(await store.getHostKeyByHash(key.hash)).toEqual(key);
        expect(await store.getHostKeyByHash(uid())).toBeUndefined();
        await store.touchHostKey(key.id, 2_000);
        await store.touchHostKey(key.id, 1_500);
        expect((await store.getHostKeyByHash(key.hash))?.lastUsedAt).toBe(2_000);
        expect(await store.revokeHostKey(key.id, 3_000)).toBe(true);
        expect(await store.revokeHostKey(key.id, 4_000)).toBe(false);
        expect((await store.getHostKeyByHash(key.hash))?.revokedAt).toBe(3_000);
        expect((await store.listHostKeys()).map((k) => k.id)).toContain(key.id);
      });
    });
  });
}
