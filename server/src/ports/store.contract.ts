/**
 * @module Store contract: the behaviour every Store adapter must show, run unchanged by each
 * adapter's `store.test.ts` (embedded, MongoDB, …).
 *
 * ```ts
 * describeStoreContract('EmbeddedStore', async () => new EmbeddedStore({ file: tempFile() }));
 * ```
 *
 * `makeStore` is called once per case. The cases use unique ids, emails and scopes, so an adapter
 * may hand back stores sharing one database; the only global reads (`listUsers`, admin
 * `listUnprocessed`, `listRunningFlows`) are checked for inclusion, not equality.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { expectCataloguedError, rejectionOf } from './catalogued-error.ts';
import type { AccountRecord, ConnectorPackageRecord, FlowRecord, FlowVersionRecord, HostKeyRecord, ModifierRecord, Store, TenantRecord, TimerRecord, UnprocessedMessage, UserRecord } from './store.ts';

export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    async function open(): Promise<Store> {
      const store = await makeStore();
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

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

      it('lists the flows of a tenant across its users', async () => {
        const store = await open();
        const tenantId = uid();
        const [a, b] = [aFlow({ tenantId, name: 'A', updatedAt: 2 }), aFlow({ tenantId, name: 'B', updatedAt: 1 })];
        await store.createFlow(a);
        await store.createFlow(b);
        await store.createFlow(aFlow({ name: 'Elsewhere' }));
        const listed = await store.listFlows({ tenantId });
        expect(listed.items.map((f) => f.flowId)).toEqual([a.flowId, b.flowId]);
        expect(listed.total).toBe(2);
        expect((await store.getFlow(a.flowId))?.tenantId).toBe(tenantId);
      });

      it('lists every tenant\'s flows for staff (allTenants)', async () => {
        const store = await open();
        const [a, b] = [aFlow({ tenantId: uid(), name: 'In A' }), aFlow({ tenantId: uid(), name: 'In B' })];
        await store.createFlow(a);
        await store.createFlow(b);
        const listed = await store.listFlows({ allTenants: true, limit: 1000 });
        expect(listed.items.map((f) => f.flowId)).toEqual(expect.arrayContaining([a.flowId, b.flowId]));
        expect(listed.total).toBeGreaterThanOrEqual(2);
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

    describe('flows', () => {
      it('creates a flow and gets it, only for its owner when a user is given', async () => {
        const store = await open();
        const flow = aFlow({ errorFlowId: 'fallback', startedAt: 5 });
        await store.createFlow(flow);
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
        expect(await store.getFlow(flow.flowId, flow.userId)).toEqual(flow);
        expect(await store.getFlow(flow.flowId, uid())).toBeUndefined();
        expect(await store.getFlow(uid())).toBeUndefined();
      });

      it('rejects a second flow with the same id as flow.exists', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expectCataloguedError(await rejectionOf(store.createFlow({ ...flow, name: 'Twin' })), 'flow.exists');
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
      });

      it('updates a flow, incrementing its version, when the expected version matches', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Renamed', flow: { b: { type: 'x' } }, stage: 'running', startedAt: 7 }, 1);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.flow).toMatchObject({ name: 'Renamed', flow: { b: { type: 'x' } }, stage: 'running', startedAt: 7, version: 2, createdAt: flow.createdAt });
        expect(result.flow.updatedAt).toBeGreaterThanOrEqual(flow.updatedAt);
        expect(await store.getFlow(flow.flowId)).toEqual(result.flow);
      });

      it('updates unconditionally without an expected version, still incrementing it', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.updateFlow(flow.flowId, flow.userId, { name: 'One' });
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Two' });
        expect(result).toMatchObject({ ok: true, flow: { name: 'Two', version: 3 } });
      });

      it('refuses a stale expected version with the current flow and changes nothing', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.updateFlow(flow.flowId, flow.userId, { name: 'Newer' }, 1);
        const current = await store.getFlow(flow.flowId);
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Stale' }, 1);
        expect(result).toEqual({ ok: false, reason: 'conflict', current });
        expect(await store.getFlow(flow.flowId)).toEqual(current);
      });

      it("reports not_found for a missing flow or another user's flow", async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expect(await store.updateFlow(uid(), flow.userId, { name: 'x' })).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.updateFlow(flow.flowId, uid(), { name: 'x' })).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
      });

      it('lists flows filtered by user, stage and search, sorted and paged with a correct total', async () => {
        const store = await open();
        const userId = uid();
        const other = uid();
        const names = ['Invoice sync', 'CRM import', 'invoice reminders', 'Slack digest', 'Daily INVOICE report'];
        for (const [i, name] of names.entries()) {
          await store.createFlow(aFlow({ userId, name, stage: i % 2 === 0 ? 'running' : 'stopped', createdAt: 100 + i, updatedAt: 200 - i }));
        }
        await store.createFlow(aFlow({ userId: other, name: 'Invoice sync' }));

        const all = await store.listFlows({ userId });
        expect(all.total).toBe(5);
        expect(all.items.every((f) => f.userId === userId)).toBe(true);

        const running = await store.listFlows({ userId, stage: 'running', sort: 'createdAt', order: 'asc' });
        expect(running.items.map((f) => f.name)).toEqual(['Invoice sync', 'invoice reminders', 'Daily INVOICE report']);

        const invoices = await store.listFlows({ userId, search: 'inVOice', sort: 'name', order: 'asc' });
        expect(invoices.total).toBe(3);
        expect(invoices.items.map((f) => f.name.toLowerCase())).toEqual(['daily invoice report', 'invoice reminders', 'invoice sync']);

        const byUpdate = await store.listFlows({ userId, sort: 'updatedAt', order: 'desc', limit: 2, offset: 1 });
        expect(byUpdate.total).toBe(5);
        expect(byUpdate.items.map((f) => f.name)).toEqual(['CRM import', 'invoice reminders']);

        const none = await store.listFlows({ userId, search: 'nothing like it' });
        expect(none).toEqual({ items: [], total: 0 });
      });

      it('keeps custom fields, replaces them on update, and filters on their text form', async () => {
        const store = await open();
        const userId = uid();
        const gold = aFlow({ userId, name: 'Gold', customFields: { segment: 'gold', seats: 12, trial: false } });
        const silver = aFlow({ userId, name: 'Silver', customFields: { segment: 'silver', seats: 3, trial: true } });
        const plain = aFlow({ userId, name: 'Plain' });
        for (const flow of [gold, silver, plain]) await store.createFlow(flow);
        expect(await store.getFlow(gold.flowId)).toEqual(gold);
        expect((await store.getFlow(plain.flowId))?.customFields).toBeUndefined();
        const names = async (customFields: Record<string, string>) => (await store.listFlows({ userId, customFields, sort: 'name', order: 'asc' })).items.map((f) => f.name);
        expect(await names({ segment: 'gold' })).toEqual(['Gold']);
        expect(await names({ seats: '3' })).toEqual(['Silver']);
        expect(await names({ trial: 'false' })).toEqual(['Gold']);
        expect(await names({ segment: 'gold', trial: 'true' })).toEqual([]);
        expect(await names({ nothing: 'x' })).toEqual([]);
        const updated = await store.updateFlow(gold.flowId, userId, { customFields: { segment: 'platinum' } });
        expect(updated.ok && updated.flow.customFields).toEqual({ segment: 'platinum' });
        expect(await names({ segment: 'gold' })).toEqual([]);
        expect(await names({ segment: 'platinum' })).toEqual(['Gold']);
        await store.updateFlow(gold.flowId, userId, { customFields: {} });
        expect((await store.getFlow(gold.flowId))?.customFields).toBeUndefined();
      });

      it('lists the running flows of every user', async () => {
        const store = await open();
        const a = aFlow({ stage: 'running' });
        const b = aFlow({ stage: 'running' });
        const stopped = aFlow({ stage: 'stopped' });
        for (const flow of [a, b, stopped]) await store.createFlow(flow);
        const ids = (await store.listRunningFlows()).map((f) => f.flowId);
        expect(ids).toEqual(expect.arrayContaining([a.flowId, b.flowId]));
        expect(ids).not.toContain(stopped.flowId);
      });

      it('lists only the running flows that use one of the given types, by their published descriptor', async () => {
        const store = await open();
        const type = `test.listens_${uid().slice(0, 8)}`;
        const uses = aFlow({ stage: 'running', flow: { a: { type, x: 0, y: 0 } } });
        const draftOnly = aFlow({ stage: 'running', flow: { a: { type, x: 0, y: 0 } }, publishedFlow: { a: { type: 'test.Other', x: 0, y: 0 } }, publishedVersion: 1 });
        const other = aFlow({ stage: 'running', flow: { a: { type: 'test.Other', label: type, x: 0, y: 0 } } });
        const stopped = aFlow({ stage: 'stopped', flow: { a: { type, x: 0, y: 0 } } });
        for (const flow of [uses, draftOnly, other, stopped]) await store.createFlow(flow);
        expect((await store.listRunningFlows({ usingTypes: [type, 'test.Nothing'] })).map((f) => f.flowId)).toEqual([uses.flowId]);
        expect(await store.listRunningFlows({ usingTypes: [] })).toEqual([]);
      });

      it('publishes versions without changing the draft version, lists them newest first, and refuses a stale draft or counter', async () => {
        const store = await open();
        const flow = aFlow({ version: 3 });
        await store.createFlow(flow);
        const v1 = aVersion(flow, { version: 1, draftVersion: 3 });
        const first = await store.publishFlow(v1);
        expect(first).toMatchObject({ ok: true, flow: { version: 3, publishedVersion: 1, publishedFlow: flow.flow } });
        expect(await store.getFlow(flow.flowId)).toMatchObject({ version: 3, publishedVersion: 1, publishedFlow: flow.flow });

        // A draft saved since the publish was asked for, or a counter someone else took: conflict, nothing kept.
        const stale = await store.publishFlow(aVersion(flow, { version: 2, draftVersion: 2 }));
        expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { version: 3, publishedVersion: 1 } });
        const taken = await store.publishFlow(aVersion(flow, { version: 1, draftVersion: 3 }));
        expect(taken).toMatchObject({ ok: false, reason: 'conflict' });

        const edited = { b: { type: 'log', label: 'Log', x: 0, y: 0, source: {}, config: {} } };
        const saved = await store.updateFlow(flow.flowId, flow.userId, { flow: edited }, 3);
        expect(saved).toMatchObject({ ok: true, flow: { version: 4, flow: edited, publishedVersion: 1, publishedFlow: flow.flow } });
        expect(await store.publishFlow(aVersion(flow, { version: 2, draftVersion: 4, flow: edited, publishedAt: 2_000 }))).toMatchObject({ ok: true, flow: { publishedVersion: 2, publishedFlow: edited } });

        const versions = await store.listFlowVersions(flow.flowId, flow.userId);
        expect(versions.map((v) => [v.version, v.draftVersion])).toEqual([[2, 4], [1, 3]]);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 1)).toEqual(v1);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 3)).toBeUndefined();
        expect(await store.publishFlow(aVersion(aFlow(), { version: 1 }))).toEqual({ ok: false, reason: 'not_found' });
      });

      it("keeps a flow's versions to its owner and deletes them with the flow", async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.publishFlow(aVersion(flow, { version: 1, draftVersion: 1 }));
        const stranger = uid();
        expect(await store.listFlowVersions(flow.flowId, stranger)).toEqual([]);
        expect(await store.getFlowVersion(flow.flowId, stranger, 1)).toBeUndefined();
        expect(await store.publishFlow(aVersion({ ...flow, userId: stranger }, { version: 2, draftVersion: 1 }))).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(true);
        expect(await store.listFlowVersions(flow.flowId, flow.userId)).toEqual([]);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 1)).toBeUndefined();
      });

      it('deletes a flow only for its owner', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expect(await store.deleteFlow(flow.flowId, uid())).toBe(false);
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(true);
        expect(await store.getFlow(flow.flowId)).toBeUndefined();
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(false);
      });
    });

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

    describe('timers', () => {
      it('claims due timers once while leased and again after the lease expires', async () => {
        const store = await open();
        const flowId = uid();
        const due = [aTimer({ flowId, dueAt: 100 }), aTimer({ flowId, dueAt: 150 })];
        const later = aTimer({ flowId, dueAt: 10_000 });
        for (const timer of [...due, later]) await store.putTimer(timer);
        const now = 1_000;

        const first = (await store.claimDueTimers(now, 1000, 'a', 500)).filter((t) => t.flowId === flowId);
        expect(first.map((t) => t.id).sort()).toEqual(due.map((t) => t.id).sort());
        expect(first.find((t) => t.id === due[0]!.id)).toEqual(due[0]);
        const meanwhile = (await store.claimDueTimers(now + 100, 1000, 'b', 500)).filter((t) => t.flowId === flowId);
        expect(meanwhile).toEqual([]);
        const afterLease = (await store.claimDueTimers(now + 501, 1000, 'b', 500)).filter((t) => t.flowId === flowId);
        expect(afterLease.map((t) => t.id).sort()).toEqual(due.map((t) => t.id).sort());
      });

      it('never gives one timer to two concurrent claimers', async () => {
        const store = await open();
        const flowId = uid();
        const timers = Array.from({ length: 50 }, () => aTimer({ flowId, dueAt: 10 }));
        for (const timer of timers) await store.putTimer(timer);
        const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => store.claimDueTimers(100, 20, owner, 60_000)));
        const ids = claims.flat().filter((t) => t.flowId === flowId).map((t) => t.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(claims.every((c) => c.length <= 20)).toBe(true);
      });

      it('re-arms a timer put again with the same id, and deletes timers one by one or per flow', async () => {
        const store = await open();
        const flowId = uid();
        const timer = aTimer({ flowId, dueAt: 100 });
        await store.putTimer(timer);
        expect((await store.claimDueTimers(200, 1000, 'a', 60_000)).some((t) => t.id === timer.id)).toBe(true);
        const rearmed = { ...timer, dueAt: 300, body: { again: true } };
        await store.putTimer(rearmed);
        expect((await store.claimDueTimers(200, 1000, 'a', 60_000)).some((t) => t.id === timer.id)).toBe(false);
        expect((await store.claimDueTimers(400, 1000, 'b', 60_000)).find((t) => t.id === timer.id)).toEqual(rearmed);

        expect(await store.deleteTimer(timer.id)).toBe(true);
        expect(await store.deleteTimer(timer.id)).toBe(false);
        for (const t of [aTimer({ flowId }), aTimer({ flowId }), aTimer()]) await store.putTimer(t);
        expect(await store.deleteFlowTimers(flowId)).toBe(2);

        const batch = [aTimer({ dueAt: 100 }), aTimer({ dueAt: 100 }), aTimer({ dueAt: 100 })];
        for (const t of batch) await store.putTimer(t);
        expect(await store.deleteTimers([batch[0]!.id, batch[1]!.id, 'no-such-timer'])).toBe(2);
        expect(await store.deleteTimers([])).toBe(0);
        const left = (await store.claimDueTimers(200, 1000, 'c', 60_000)).map((t) => t.id);
        expect(left).toContain(batch[2]!.id);
        expect(left).not.toContain(batch[0]!.id);
        expect(left).not.toContain(batch[1]!.id);
      });
    });

    describe('processed message ids', () => {
      it('marks, finds and prunes processed ids', async () => {
        const store = await open();
        const [a, b, c] = [uid(), uid(), uid()];
        await store.markProcessed([a, b], 100);
        await store.markProcessed([c], 300);
        await store.markProcessed([a], 100);
        expect(await store.findProcessed([a, b, c, uid()])).toEqual(new Set([a, b, c]));
        expect(await store.findProcessed([])).toEqual(new Set());
        expect(await store.pruneProcessed(200)).toBeGreaterThanOrEqual(2);
        expect(await store.findProcessed([a, b, c])).toEqual(new Set([c]));
      });
    });

    describe('run values', () => {
      it('stores a value once per user and hash, keeps the later expiry, and prunes expired ones', async () => {
        const store = await open();
        const [alice, bob, hash, other] = [uid(), uid(), uid(), uid()];
        await store.putRunValues(alice, [{ hash, json: '{"list":[1,2]}' }, { hash: other, json: '"x"' }], 1_000);
        await store.putRunValues(alice, [{ hash, json: '"ignored: the first text stays"' }], 5_000);
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        // Another user never reads alice's values, even knowing the hash.
        expect(await store.getRunValue(bob, hash)).toBeUndefined();
        await store.extendRunValues(alice, [other], 3_000);
        await store.extendRunValues(alice, [hash], 2_000);
        expect(await store.pruneRunValues(2_500)).toBeGreaterThanOrEqual(0);
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        expect(await store.getRunValue(alice, other)).toBe('"x"');
        await store.pruneRunValues(4_000);
        expect(await store.getRunValue(alice, other)).toBeUndefined();
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        await store.pruneRunValues(6_000);
        expect(await store.getRunValue(alice, hash)).toBeUndefined();
        await store.putRunValues(alice, [], 1);
        await store.extendRunValues(alice, [], 1);
      });
    });

    describe('leases', () => {
      it('is exclusive until the ttl passes, renewable by its owner, and releasable', async () => {
        const store = await open();
        const name = `tick:${uid()}`;
        expect(await store.acquireLease(name, 'a', 1_000, 0)).toBe(true);
        expect(await store.acquireLease(name, 'b', 1_000, 500)).toBe(false);
        expect(await store.acquireLease(name, 'a', 1_000, 900)).toBe(true);
        expect(await store.acquireLease(name, 'b', 1_000, 1_500)).toBe(false);
        expect(await store.acquireLease(name, 'b', 1_000, 1_950)).toBe(true);
        await store.releaseLease(name, 'a');
        expect(await store.acquireLease(name, 'a', 1_000, 2_000)).toBe(false);
        await store.releaseLease(name, 'b');
        expect(await store.acquireLease(name, 'a', 1_000, 2_000)).toBe(true);
      });

      it('gives a free lease to exactly one of many concurrent owners', async () => {
        const store = await open();
        const name = `tick:${uid()}`;
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.acquireLease(name, `o${i}`, 1_000, 0)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('quotas', () => {
      it('counts calls per fixed window and says when the next window opens', async () => {
        const store = await open();
        const key = `quota:${uid()}`;
        expect(await store.takeQuota(key, 2, 1_000, 10_100)).toEqual({ ok: true });
        expect(await store.takeQuota(key, 2, 1_000, 10_200)).toEqual({ ok: true });
        expect(await store.takeQuota(key, 2, 1_000, 10_300)).toEqual({ ok: false, retryAfterMs: 700 });
        expect(await store.takeQuota(key, 2, 1_000, 11_000)).toEqual({ ok: true });
        expect(await store.takeQuota(`quota:${uid()}`, 2, 1_000, 10_300)).toEqual({ ok: true });
      });
    });

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

    describe('connector packages', () => {
      it('keeps a package with its tarball, replaces it with a new version, lists it without the tarball, deletes it', async () => {
        const store = await open();
        const name = `acme.c${uid().slice(0, 8)}`;
        const tarball = new Uint8Array([0x1f, 0x8b, 0, 255, 7]);
        const first = aConnectorPackage({ name, version: '1.0.0' });
        await store.putConnectorPackage(first, tarball);
        expect(await store.getConnectorTarball(name)).toEqual({ record: first, tarball });
        expect(await store.listConnectorPackages()).toContainEqual(first);

        const second = aConnectorPackage({ name, version: '1.1.0', components: [`${name}.Other`], sha256: 'b'.repeat(64), icon: undefined });
        await store.putConnectorPackage(second, new Uint8Array([9, 9]));
        const stored = await store.getConnectorTarball(name);
        expect(stored?.record).toMatchObject({ version: '1.1.0', components: [`${name}.Other`] });
        expect([...(stored?.tarball ?? [])]).toEqual([9, 9]);
        expect((await store.listConnectorPackages()).filter((record) => record.name === name)).toHaveLength(1);

        expect(await store.deleteConnectorPackage(name)).toBe(true);
        expect(await store.deleteConnectorPackage(name)).toBe(false);
        expect(await store.getConnectorTarball(name)).toBeUndefined();
        expect((await store.listConnectorPackages()).map((record) => record.name)).not.toContain(name);
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

function uid(): string {
  return randomUUID();
}

function aUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const id = uid();
  return { id, email: `${id}@example.com`, passwordHash: 'hash', role: 'user', disabled: false, createdAt: 1_000, tenantId: `t-${id}`, tenantRole: 'owner', ...overrides };
}

function aVersion(flow: FlowRecord, overrides: Partial<FlowVersionRecord> = {}): FlowVersionRecord {
  return {
    flowId: flow.flowId, userId: flow.userId, version: 1, name: flow.name, flow: flow.flow, publishedAt: 1_500, publishedBy: flow.userId, draftVersion: flow.version,
    ...overrides,
  };
}

function aFlow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    flowId: uid(),
    userId: uid(),
    tenantId: uid(),
    name: 'A flow',
    stage: 'stopped',
    version: 1,
    flow: { a: { type: 'http', label: 'HTTP', x: 1, y: 2, source: {}, config: { properties: { url: 'https://example.com' } } } },
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

function anUnprocessed(overrides: Partial<UnprocessedMessage> = {}): UnprocessedMessage {
  return {
    id: uid(),
    userId: uid(),
    flowId: 'f-1',
    componentId: 'c-1',
    componentType: 'http',
    message: { payload: { order: 42 } },
    error: { code: 'http.500', message: 'Server error' },
    attempts: 3,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

function aTimer(overrides: Partial<TimerRecord> = {}): TimerRecord {
  return { id: uid(), dueAt: 100, flowId: uid(), body: { type: 'tick', componentId: 'c-1' }, ...overrides };
}

function aConnectorPackage(overrides: Partial<ConnectorPackageRecord> = {}): ConnectorPackageRecord {
  const name = overrides.name ?? 'acme.crm';
  return {
    name,
    version: '1.0.0',
    label: 'Acme CRM',
    description: 'Contacts and deals',
    author: 'Acme',
    icon: 'data:image/svg+xml,%3Csvg%2F%3E',
    section: { name, label: 'Acme CRM', components: 'src/index.js', auth: { type: 'apiKey' } },
    components: [`${name}.contacts.Create`],
    sha256: 'a'.repeat(64),
    installedAt: 1_000,
    installedBy: 'u-op',
    ...overrides,
  };
}
