/**
 * Audit log: every family of recorded acts (flows, host provisioning and roles, host keys, settings,
 * custom modifiers, unprocessed messages, support reads), who may read `GET /audit`, and the policy
 * when the log cannot be written (503 audit.unavailable).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../src/operators.ts';
import { loadConfig } from '../../src/config.ts';
import { runKeysCommand } from '../../src/keys-command.ts';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { startAuditPruning } from '../../src/audit/audit-trail.ts';
import { EmbeddedAuditLog } from '../../src/adapters/embedded/audit-log.ts';
import { http, startTestWeft, TEST_PASSWORD, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';

const FLOW = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };

interface Entry { id: string; at: number; action: string; tenantId?: string; actorName?: string; tenantName?: string; actor: { id: string; role: string; via: string; tenantId?: string }; target: { type: string; id: string }; details?: Record<string, unknown> }
interface Page { entries: Entry[]; nextCursor?: string }

describe('the audit log', () => {
  let weft: TestWeft;
  let operator: TestUser;
  let owner: TestUser;
  let ownerTenant: string;
  let key: string;
  const host = <T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> => // eslint-disable-line @typescript-eslint/no-explicit-any
    http<T>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const audit = async (user: TestUser, query: Record<string, string> = {}): Promise<Entry[]> => {
    const page = await user.call<Page>('GET', `/audit?${new URLSearchParams({ limit: '500', ...query }).toString()}`);
    expect(page.status).toBe(200);
    return page.body.entries;
  };
  const tenantUser = async (tenant: string, user: string, role: 'owner' | 'editor' | 'viewer'): Promise<TestUser> => {
    const upserted = await host<{ id: string }>('PUT', `/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, upserted.body.id);
  };

  beforeAll(async () => {
    weft = await startTestWeft();
    operator = await weft.operator();
    owner = await weft.signup();
    ownerTenant = (await owner.call<{ tenantId: string }>('GET', '/user')).body.tenantId;
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Audit host', scopes: ['provision', 'read'] }));
  });
  afterAll(async () => weft.close());

  describe('when a tenant user works on a flow', () => {
    it('records create, update, publish, start, stop and delete with the actor, tenant and flow', async () => {
      const flowId = await owner.createFlow(FLOW, 'Invoices');
      const current = await owner.call<{ version: number }>('GET', `/flows/${flowId}`);
      expect((await owner.call('PUT', `/flows/${flowId}`, { name: 'Invoices 2', version: current.body.version })).status).toBe(200);
      const after = await owner.call<{ version: number }>('GET', `/flows/${flowId}`);
      expect((await owner.call('POST', `/flows/${flowId}/publish`, { version: after.body.version })).status).toBe(200);
      await owner.startFlow(flowId);
      expect((await owner.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
      expect((await owner.call('DELETE', `/flows/${flowId}`)).status).toBe(204);

      const entries = (await audit(owner)).filter((entry) => entry.target.id === flowId);
      expect(entries.map((entry) => entry.action).reverse()).toEqual(['flow.create', 'flow.update', 'flow.publish', 'flow.start', 'flow.stop', 'flow.delete']);
      for (const entry of entries) {
        expect(entry).toMatchObject({ tenantId: ownerTenant, actor: { id: owner.userId, role: 'owner', via: 'user', tenantId: ownerTenant }, target: { type: 'flow' } });
      }
      expect(entries.at(-1)!.details).toEqual({ name: 'Invoices' });
    });

    it('records an import with the flows it made', async () => {
      const flowId = await owner.createFlow(FLOW, 'To export');
      const bundle = await owner.call('GET', `/flows/${flowId}/export`);
      const imported = await owner.call<{ flows: { flowId: string }[] }>('POST', '/flows/import', bundle.body);
      expect(imported.status).toBe(201);
      const [entry] = await audit(owner, { action: 'flow.import' });
      expect(entry!.details).toEqual({ flows: [{ flowId: imported.body.flows[0]!.flowId, name: 'To export' }] });
    });
  });

  describe('when the host provisions users and roles', () => {
    it('records tenant and user upserts and a role change, by the host key, in that tenant', async () => {
      const tenant = await host<{ id: string }>('PUT', '/tenants/audit-acme', { name: 'Acme' });
      await host('PUT', '/tenants/audit-acme/users/ann', { role: 'viewer', email: 'ann@acme.test' });
      await host('PUT', '/tenants/audit-acme/users/ann', { role: 'editor' });
      const entries = await audit(operator, { tenantId: tenant.body.id });
      // Entries of one millisecond have no order among themselves: compare the lists sorted.
      expect(entries.map((entry) => entry.action).sort()).toEqual(['tenant.upsert', 'user.role_change', 'user.upsert', 'user.upsert']);
      expect(entries.every((entry) => entry.actor.via === 'hostKey' && entry.actor.role === 'host')).toBe(true);
      expect(entries.find((entry) => entry.action === 'user.role_change')).toMatchObject({ details: { from: 'viewer', to: 'editor', externalId: 'ann' } });
    });
  });

  describe('when an operator changes the installation', () => {
    it('records host keys created and revoked (route and CLI), settings and custom modifiers, never the key itself', async () => {
      const created = await operator.call<{ id: string; key: string }>('POST', '/admin/host-keys', { name: 'CI', scopes: ['read'] });
      expect(created.status).toBe(201);
      expect((await operator.call('DELETE', `/admin/host-keys/${created.body.id}`)).status).toBe(204);
      const settings = await operator.call('GET', '/admin/settings');
      expect((await operator.call('PUT', '/admin/settings', settings.body)).status).toBe(200);
      const name = `shout_${randomUUID().slice(0, 6)}`;
      const modifier = await operator.call('POST', '/modifiers', { name, label: 'Shout', source: 'function run(value) { return String(value).toUpperCase(); }' });
      expect(modifier.status).toBe(201);
      expect((await operator.call('DELETE', `/modifiers/${name}`)).status).toBe(204);
      const lines: string[] = [];
      expect(await runKeysCommand(['create', '--name', 'From CLI'], loadConfig({ WEFT_DATA_DIR: weft.dataDir }), (line) => lines.push(line))).toBe(0);

      const entries = await audit(operator, { actor: operator.userId });
      const actions = entries.map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['hostKey.create', 'hostKey.revoke', 'settings.update', 'modifier.create', 'modifier.delete']));
      expect(entries.find((entry) => entry.action === 'modifier.create')).toMatchObject({ target: { type: 'modifier', id: name } });
      expect(entries.find((entry) => entry.action === 'settings.update')!.tenantId).toBeUndefined();
      expect(JSON.stringify(entries)).not.toContain(created.body.key);
      const [cli] = await audit(operator, { action: 'hostKey.create', actor: `cli:${(await import('node:os')).userInfo().username}` });
      expect(cli).toMatchObject({ actor: { via: 'cli', role: 'cli' }, details: { name: 'From CLI' } });
    });
  });

  describe('unprocessed messages and support reads', () => {
    it('records a delete and a support retry of parked messages, and a support read of another tenant\'s logs and messages', async () => {
      const flowId = await owner.createFlow(FLOW, 'Parked');
      const parked = { id: randomUUID(), userId: owner.userId, flowId, componentId: 'hook', componentType: 'weft.utils.http.Webhook', message: {}, error: { code: 'x', message: 'boom' }, attempts: 3, createdAt: Date.now(), updatedAt: Date.now() };
      const second = { ...parked, id: randomUUID() };
      await weft.weft.engine.store.addUnprocessed(parked);
      await weft.weft.engine.store.addUnprocessed(second);

      const supportEmail = `support-${randomUUID()}@example.com`;
      await createOperator(weft.weft.engine.store, { email: supportEmail, password: TEST_PASSWORD, publicUrl: weft.url, linkTtlMs: 60_000, role: 'support' });
      const login = await http<{ token: string; user: { id: string } }>(`${weft.url}/auth/login`, { body: { email: supportEmail, password: TEST_PASSWORD } });
      const support = weft.withToken(login.body.token, login.body.user.id);
      expect((await support.call('GET', `/logs?flowId=${flowId}`)).status).toBe(200);
      expect((await support.call('GET', `/unprocessed-messages/${second.id}`)).status).toBe(200);
      expect((await owner.call('DELETE', `/unprocessed-messages/${parked.id}`)).status).toBe(204);
      expect((await support.call('POST', `/unprocessed-messages/${second.id}/retry`, {})).status).toBe(200);

      const entries = await audit(owner);
      expect(entries.find((entry) => entry.action === 'unprocessed.delete')).toMatchObject({ actor: { id: owner.userId }, target: { type: 'unprocessed', id: parked.id }, tenantId: ownerTenant });
      expect(entries.find((entry) => entry.action === 'support.read_logs')).toMatchObject({ actor: { id: support.userId, role: 'support' }, target: { type: 'flow', id: flowId }, tenantId: ownerTenant });
      expect(entries.find((entry) => entry.action === 'unprocessed.retry')).toMatchObject({ actor: { id: support.userId, role: 'support' }, target: { type: 'unprocessed', id: second.id }, tenantId: ownerTenant, details: { flowId, edited: false } });
      expect(entries.find((entry) => entry.action === 'support.read_unprocessed')).toMatchObject({ actor: { id: support.userId }, target: { id: second.id } });
      // Owners do not audit themselves reading their own logs.
      await owner.call('GET', `/logs?flowId=${flowId}`);
      expect((await audit(owner, { action: 'support.read_logs' })).length).toBe(1);
      // Support may read but not the audit log.
      expect((await support.call('GET', '/audit')).status).toBe(403);
    });
  });

  describe('who may read it', () => {
    it('shows operators every tenant, an owner only its own tenant (even when naming another), and refuses editors and viewers', async () => {
      await host('PUT', '/tenants/audit-other', { name: 'Other' });
      const otherOwner = await tenantUser('audit-other', 'olga', 'owner');
      const viewer = await tenantUser('audit-other', 'vic', 'viewer');
      const editor = await tenantUser('audit-other', 'eve', 'editor');
      await otherOwner.createFlow(FLOW, 'Theirs');

      const mine = await audit(owner, { tenantId: (await otherOwner.call<{ tenantId: string }>('GET', '/user')).body.tenantId });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((entry) => entry.tenantId === ownerTenant)).toBe(true);
      const theirs = await audit(otherOwner);
      expect(theirs.some((entry) => entry.tenantId === ownerTenant)).toBe(false);
      expect(theirs.some((entry) => entry.action === 'flow.create')).toBe(true);
      const all = await audit(operator);
      expect(new Set(all.map((entry) => entry.tenantId)).size).toBeGreaterThan(2);

      for (const refused of [viewer, editor]) {
        const answer = await refused.call<{ error: { code: string } }>('GET', '/audit');
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('auth.forbidden');
      }
      expect((await http(`${weft.url}/audit`)).status).toBe(401);
    });

    it('filters by time and pages with a cursor', async () => {
      const since = Date.now();
      for (let i = 0; i < 3; i += 1) await owner.createFlow(FLOW, `Paged ${i}`);
      const first = await owner.call<Page>('GET', `/audit?action=flow.create&from=${since}&limit=2`);
      expect(first.body.entries).toHaveLength(2);
      const next = await owner.call<Page>('GET', `/audit?action=flow.create&from=${since}&limit=2&cursor=${first.body.nextCursor}`);
      expect(next.body.entries).toHaveLength(1);
      expect(next.body.nextCursor).toBeUndefined();
      expect((await owner.call<Page>('GET', `/audit?action=flow.create&to=${since}`)).body.entries.every((entry) => entry.at < since)).toBe(true);
    });
  });

  describe('names on each entry', () => {
    it('names the actor (user or host key) and the tenant, looked up once per page', async () => {
      const tenant = await host<{ id: string }>('PUT', '/tenants/audit-names', { name: 'Names Ltd' });
      const named = await tenantUser('audit-names', 'nina', 'owner');
      await host('PUT', '/tenants/audit-names/users/nina', { role: 'owner', name: 'Nina Novak', email: 'nina@names.test' });
      const unnamed = await tenantUser('audit-names', 'otto', 'editor');
      await named.createFlow(FLOW, 'Named');
      await unnamed.createFlow(FLOW, 'By otto');

      const store = weft.weft.engine.store;
      const calls = { getUsers: 0, getTenants: 0 };
      const getUsers = store.getUsers.bind(store);
      const getTenants = store.getTenants.bind(store);
      store.getUsers = async (ids) => { calls.getUsers += 1; return getUsers(ids); };
      store.getTenants = async (ids) => { calls.getTenants += 1; return getTenants(ids); };
      let entries: Entry[];
      try {
        entries = await audit(operator, { tenantId: tenant.body.id });
      } finally {
        // The instance's own properties hid the class's methods; removing them brings those back.
        Reflect.deleteProperty(store, 'getUsers');
        Reflect.deleteProperty(store, 'getTenants');
      }
      expect(calls).toEqual({ getUsers: 1, getTenants: 1 });
      expect(entries.every((entry) => entry.tenantName === 'Names Ltd')).toBe(true);
      expect(entries.find((entry) => entry.actor.id === named.userId)).toMatchObject({ action: 'flow.create', actorName: 'Nina Novak' });
      // A host user with neither name nor address goes by the host's id for them, never the placeholder login.
      expect(entries.find((entry) => entry.actor.id === unnamed.userId)).toMatchObject({ action: 'flow.create', actorName: 'otto' });
      const byKey = entries.filter((entry) => entry.actor.via === 'hostKey');
      expect(byKey.length).toBeGreaterThan(0);
      expect(byKey.every((entry) => entry.actorName === 'Audit host')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain('host.invalid');

      const installation = (await audit(operator, { actor: operator.userId })).find((entry) => entry.tenantId === undefined);
      expect(installation?.tenantName).toBeUndefined();
    });

    it('shows a tenant owner the names of their own people only, not of the staff who read their data', async () => {
      const flowId = await owner.createFlow(FLOW, 'Read by support');
      const supportEmail = `support-names-${randomUUID()}@example.com`;
      await createOperator(weft.weft.engine.store, { email: supportEmail, password: TEST_PASSWORD, publicUrl: weft.url, linkTtlMs: 60_000, role: 'support' });
      const login = await http<{ token: string; user: { id: string } }>(`${weft.url}/auth/login`, { body: { email: supportEmail, password: TEST_PASSWORD } });
      expect((await weft.withToken(login.body.token, login.body.user.id).call('GET', `/flows/${flowId}`)).status).toBe(200);

      const entries = await audit(owner);
      expect(entries.find((entry) => entry.target.id === flowId && entry.action === 'flow.create')).toMatchObject({ actorName: owner.email });
      const read = entries.find((entry) => entry.target.id === flowId && entry.action === 'support.read_flow');
      expect(read).toMatchObject({ actor: { id: login.body.user.id, role: 'support' } });
      expect(read?.actorName).toBeUndefined();
      expect(JSON.stringify(entries)).not.toContain(supportEmail);
      const asOperator = await audit(operator, { actor: login.body.user.id });
      expect(asOperator.find((entry) => entry.target.id === flowId)).toMatchObject({ actorName: supportEmail, tenantName: expect.any(String) });
    });
  });

  describe('when the audit log cannot be written', () => {
    it('refuses the act with 503 audit.unavailable and a support read before anything is read', async () => {
      const log = weft.weft.adapters.audit;
      const append = log.append.bind(log);
      log.append = async () => {
        throw new Error('disk full');
      };
      try {
        const refused = await owner.call<{ error: { code: string } }>('POST', '/flows', { name: 'Unrecorded', flow: FLOW });
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('audit.unavailable');
      } finally {
        log.append = append;
      }
    });
  });
});

describe('audit retention', () => {
  it('prunes entries older than the retention when pruning starts', async () => {
    const log = new EmbeddedAuditLog({ file: ':memory:' });
    const entry = (at: number) => ({ id: randomUUID(), at, actor: { id: 'a', role: 'owner', via: 'user' as const }, action: 'flow.create', tenantId: 't', target: { type: 'flow', id: 'f' } });
    const old = entry(Date.now() - 3 * 86_400_000);
    const fresh = entry(Date.now());
    await log.append(old);
    await log.append(fresh);
    const stop = startAuditPruning(log, 2, (error) => { throw error; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect((await log.query({ tenantId: 't' })).entries.map((e) => e.id)).toEqual([fresh.id]);
    await log.close();
  });
});
