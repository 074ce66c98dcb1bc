/**
 * Host provisioning: host API keys (CLI and Backoffice routes), idempotent upserts of tenants and
 * users, minted user tokens, roles within a tenant, and deletes that answer with counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runKeysCommand } from '../../src/keys-command.ts';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { http, startTestWeft, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';

const FLOW = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };

describe('a host provisions its customers with a host API key', () => {
  let weft: TestWeft;
  let key: string;
  const host = <T = any>(method: string, path: string, body?: unknown, token = key): Promise<HttpResult<T>> => // eslint-disable-line @typescript-eslint/no-explicit-any
    http<T>(`${weft.url}/host${path}`, { method, token, ...(body === undefined ? {} : { body }) });
  /** A tenant user signed in with a token the host minted. */
  const asUser = async (tenant: string, user: string, role: 'owner' | 'editor' | 'viewer'): Promise<TestUser> => {
    const upserted = await host<{ id: string }>('PUT', `/tenants/${tenant}/users/${user}`, { role, name: user });
    expect(upserted.status).toBeLessThan(300);
    const minted = await host<{ token: string }>('POST', `/tenants/${tenant}/users/${user}/tokens`);
    expect(minted.status).toBe(201);
    return weft.withToken(minted.body.token, upserted.body.id);
  };

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Test host', scopes: ['provision', 'read'] }));
  });
  afterAll(async () => weft.close());

  it('upserts a tenant idempotently: 201 the first time, 200 after, one tenant with the new name', async () => {
    const first = await host<{ id: string; externalId: string; name: string }>('PUT', '/tenants/acme', { name: 'Acme', subdomain: 'acme' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ externalId: 'acme', name: 'Acme', subdomain: 'acme', limits: {} });
    const again = await host<{ id: string; name: string }>('PUT', '/tenants/acme', { name: 'Acme Ltd' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, name: 'Acme Ltd', subdomain: 'acme' });
    const read = await host<{ id: string; users: unknown[] }>('GET', '/tenants/acme');
    expect(read.body).toMatchObject({ id: first.body.id, users: [] });
  });

  it('answers a malformed body or path with 400 and the path of the field', async () => {
    const noName = await host<{ error: { code: string; path: string } }>('PUT', '/tenants/acme', {});
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ code: 'request.invalid', path: 'body.name' });
    const badId = await host<{ error: { code: string; path: string } }>('PUT', `/tenants/${encodeURIComponent('a b')}`, { name: 'x' });
    expect(badId.body.error).toMatchObject({ code: 'request.invalid', path: 'params.externalId' });
    const noTenant = await host<{ error: { code: string } }>('PUT', '/tenants/nobody/users/u1', { role: 'editor' });
    expect(noTenant.status).toBe(404);
    expect(noTenant.body.error.code).toBe('tenant.not_found');
  });

  it('upserts a user without a password, and mints tokens of 10 minutes by default, at most 60', async () => {
    await host('PUT', '/tenants/mint', { name: 'Mint' });
    const first = await host<{ id: string; role: string; email: string }>('PUT', '/tenants/mint/users/ann', { role: 'owner', name: 'Ann', email: 'ann@mint.test' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ externalId: 'ann', role: 'owner', name: 'Ann', email: 'ann@mint.test' });
    const again = await host<{ id: string; role: string }>('PUT', '/tenants/mint/users/ann', { role: 'editor' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, role: 'editor', name: 'Ann' });

    const before = Date.now();
    const minted = await host<{ token: string; expiresAt: number }>('POST', '/tenants/mint/users/ann/tokens');
    expect(minted.status).toBe(201);
    expect(minted.body.expiresAt - before).toBeGreaterThan(9 * 60_000);
    expect(minted.body.expiresAt - before).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const me = await http<{ id: string; tenantRole: string; email: string }>(`${weft.url}/user`, { token: minted.body.token });
    expect(me.body).toMatchObject({ id: first.body.id, tenantRole: 'editor', email: 'ann@mint.test' });

    const long = await host<{ expiresAt: number }>('POST', '/tenants/mint/users/ann/tokens', { ttlSeconds: 3600 });
    expect(long.status).toBe(201);
    const tooLong = await host<{ error: { path: string } }>('POST', '/tenants/mint/users/ann/tokens', { ttlSeconds: 3601 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.path).toBe('body.ttlSeconds');
    // A host user has no password: nobody logs in with its placeholder address.
    const login = await http(`${weft.url}/auth/login`, { body: { email: `${first.body.id}@host.invalid`, password: 'correct horse battery' } });
    expect(login.status).toBe(401);
  });

  it('shares every flow of a tenant with its editors; a viewer reads them and gets 403 tenant.read_only on writes', async () => {
    await host('PUT', '/tenants/team', { name: 'Team' });
    const owner = await asUser('team', 'olga', 'owner');
    const editor = await asUser('team', 'ed', 'editor');
    const viewer = await asUser('team', 'vic', 'viewer');
    const flowId = await owner.createFlow(FLOW, 'Shared');

    const listed = await viewer.call<{ items: { flowId: string }[] }>('GET', '/flows');
    expect(listed.body.items.map((f) => f.flowId)).toEqual([flowId]);
    expect((await viewer.call('GET', `/flows/${flowId}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', `/flows/${flowId}`, { version: 1, name: 'Renamed' }], ['DELETE', `/flows/${flowId}`], ['POST', `/flows/${flowId}/start`],
      ['POST', `/flows/${flowId}/stop`], ['POST', '/flows', { name: 'Mine', flow: FLOW }], ['POST', `/flows/${flowId}/clone`, {}],
    ] as const) {
      const refused = await viewer.call<{ error: { code: string } }>(method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error.code).toBe('tenant.read_only');
    }
    const renamed = await editor.call<{ name: string }>('PUT', `/flows/${flowId}`, { version: 1, name: 'Edited by Ed' });
    expect(renamed.status).toBe(200);
    expect((await owner.call<{ name: string }>('GET', `/flows/${flowId}`)).body.name).toBe('Edited by Ed');
    expect((await editor.call('POST', `/flows/${flowId}/start`)).status).toBe(200);
    // The flow still runs as its owner's.
    expect((await weft.weft.engine.store.getFlow(flowId))?.userId).toBe(owner.userId);
    // A role change takes effect at the next request, same token.
    await host('PUT', '/tenants/team/users/ed', { role: 'viewer' });
    expect((await editor.call('POST', `/flows/${flowId}/stop`)).status).toBe(403);
  });

  it('caps a tenant at its maxFlows limit with 409 tenant.limit_reached', async () => {
    await host('PUT', '/tenants/small', { name: 'Small', limits: { maxFlows: 1 } });
    const owner = await asUser('small', 'sam', 'owner');
    await owner.createFlow(FLOW);
    const refused = await owner.call<{ error: { code: string } }>('POST', '/flows', { name: 'Second', flow: FLOW });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('tenant.limit_reached');
  });

  it('deletes a user with what it owns, then a tenant, answering counts; their tokens stop working', async () => {
    await host('PUT', '/tenants/gone', { name: 'Gone' });
    const kim = await asUser('gone', 'kim', 'owner');
    const lee = await asUser('gone', 'lee', 'editor');
    const running = await kim.createFlow(FLOW, 'Running');
    await kim.startFlow(running);
    await kim.createFlow(FLOW, 'Stopped');
    await lee.createFlow(FLOW, 'Lee\'s');

    const deletedUser = await host<{ deleted: Record<string, number> }>('DELETE', '/tenants/gone/users/kim');
    expect(deletedUser.status).toBe(200);
    expect(deletedUser.body.deleted).toMatchObject({ users: 1, flows: 2, tokens: 1 });
    expect((await kim.call('GET', '/flows')).status).toBe(401);
    expect((await weft.weft.engine.store.getFlow(running))).toBeUndefined();
    // Its webhook is gone with it.
    const hook = await http(`${weft.url}/flows/${running}/components/hook`, { body: {} });
    expect(hook.status).toBe(404);
    expect((await host('DELETE', '/tenants/gone/users/kim')).status).toBe(404);

    const deletedTenant = await host<{ deleted: Record<string, number> }>('DELETE', '/tenants/gone');
    expect(deletedTenant.body.deleted).toMatchObject({ users: 1, flows: 1 });
    expect((await lee.call('GET', '/flows')).status).toBe(401);
    expect((await host('GET', '/tenants/gone')).status).toBe(404);
  });

  it('takes host keys on /host only, user tokens nowhere there, and checks scopes', async () => {
    const person = await weft.signup();
    const userOnHost = await host<{ error: { code: string } }>('PUT', '/tenants/x', { name: 'X' }, person.token);
    expect(userOnHost.status).toBe(401);
    expect(userOnHost.body.error.code).toBe('host.key_required');
    const keyOnUser = await http<{ error: { code: string } }>(`${weft.url}/flows`, { token: key });
    expect(keyOnUser.status).toBe(401);
    expect(keyOnUser.body.error.code).toBe('auth.host_key_on_user_route');
    const { key: readOnly } = await createHostKey(weft.weft.engine.store, { name: 'Reader', scopes: ['read'] });
    const noScope = await host<{ error: { code: string } }>('PUT', '/tenants/x', { name: 'X' }, readOnly);
    expect(noScope.status).toBe(403);
    expect(noScope.body.error.code).toBe('host.key_scope');
    expect((await host('GET', '/tenants/acme', undefined, readOnly)).status).toBe(200);
    const forged = await host<{ error: { code: string } }>('GET', '/tenants/acme', undefined, 'wk_not-a-real-key');
    expect(forged.body.error.code).toBe('host.key_invalid');
  });

  it('lets operators make, list and revoke keys in the Backoffice API; others get 403', async () => {
    const operator = await weft.operator();
    const made = await operator.call<{ id: string; key: string; scopes: string[] }>('POST', '/admin/host-keys', { name: 'Backoffice key', scopes: ['provision'] });
    expect(made.status).toBe(201);
    expect(made.body.key).toMatch(/^wk_/);
    const listed = await operator.call<{ items: { id: string; name: string; lastUsedAt?: number }[] }>('GET', '/admin/host-keys');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
    expect(listed.body.items.find((k) => k.id === made.body.id)).toMatchObject({ name: 'Backoffice key' });
    expect((await host('PUT', '/tenants/by-backoffice', { name: 'B' }, made.body.key)).status).toBe(201);
    const used = await operator.call<{ items: { id: string; lastUsedAt?: number }[] }>('GET', '/admin/host-keys');
    expect(used.body.items.find((k) => k.id === made.body.id)?.lastUsedAt).toBeGreaterThan(0);
    expect((await operator.call('DELETE', `/admin/host-keys/${made.body.id}`)).status).toBe(204);
    expect((await host('PUT', '/tenants/by-backoffice', { name: 'B' }, made.body.key)).status).toBe(401);
    const person = await weft.signup();
    expect((await person.call('GET', '/admin/host-keys')).status).toBe(403);
  });

  it('makes, lists and revokes keys with `weft keys`', async () => {
    const config = loadConfig({ WEFT_DATA_DIR: weft.dataDir });
    const lines: string[] = [];
    expect(await runKeysCommand(['create', '--name', 'CLI key', '--scopes', 'provision,read'], config, (line) => lines.push(line))).toBe(0);
    const cliKey = lines.find((line) => line.startsWith('wk_'))!;
    const id = /id ([0-9a-f-]{36})/.exec(lines[0]!)![1]!;
    expect((await host('GET', '/tenants/acme', undefined, cliKey)).status).toBe(200);
    lines.length = 0;
    expect(await runKeysCommand(['list'], config, (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toContain('CLI key');
    expect(lines.join('\n')).not.toContain(cliKey);
    expect(await runKeysCommand(['revoke', id], config, () => undefined)).toBe(0);
    expect((await host('GET', '/tenants/acme', undefined, cliKey)).status).toBe(401);
    expect(await runKeysCommand(['create', '--name', 'x', '--scopes', 'root'], config, () => undefined)).toBe(2);
  });
});

describe('the OpenAPI document', () => {
  it('lists every host route with its host-key scope, and the exchange without auth', async () => {
    const { openApiDocument } = await import('../../src/api/openapi.ts');
    const doc = openApiDocument('test') as { paths: Record<string, Record<string, { security?: unknown[]; 'x-weft-host-scope'?: string }>> };
    expect(doc.paths['/host/tenants/{externalId}/users/{externalUserId}/tokens']?.post?.['x-weft-host-scope']).toBe('provision');
    expect(doc.paths['/host/tenants/{externalId}']?.delete).toBeDefined();
    expect(doc.paths['/auth/exchange']?.post?.security).toEqual([]);
    expect(doc.paths['/admin/host-keys']?.post).toBeDefined();
  });
});
