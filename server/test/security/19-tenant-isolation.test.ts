/**
 * Item 19: isolation between tenants. Tenant B's owner calls every main user route with tenant A's
 * ids (flows, versions, runs and correlation ids, logs, unprocessed messages, accounts) and gets
 * 404 or 403, with nothing of A read or changed. A viewer cannot write; support staff read across
 * tenants but cannot change a flow; host keys work on /host only and user tokens never there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runUsersCommand } from '../../src/users-command.ts';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { callWebhook, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestUser, type TestWeft } from '../harness.ts';

const GREETER = { hook: { type: WEBHOOK, x: 0, y: 0 }, reply: reply('hook.out', { hello: 'A' }) };

describe('tenant B, holding tenant A\'s ids', () => {
  let weft: TestWeft;
  let key: string;
  let a: TestUser;
  let aViewer: TestUser;
  let b: TestUser;
  let flowId: string;
  let correlationId: string;
  let parkedId: string;
  let accountId: string;

  const host = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const provisioned = async (tenant: string, user: string, role: string): Promise<TestUser> => {
    await host('PUT', `/tenants/${tenant}`, { name: tenant });
    const made = await host<{ id: string }>('PUT', `/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, made.body.id);
  };
  /** What B could learn of or do to A: A's own view of its flow, run, message and account. */
  const snapshotOfA = async () => JSON.stringify(await Promise.all([
    a.call('GET', `/flows/${flowId}`), a.call('GET', `/flows/${flowId}/versions`), a.call('GET', `/unprocessed-messages/${parkedId}`),
    a.call('GET', `/accounts/${accountId}`), a.call('GET', `/runs/${correlationId}`),
  ].map(async (answer) => (await answer).body)));

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Isolation', scopes: ['provision'] }));
    a = await provisioned('tenant-a', 'alice', 'owner');
    aViewer = await provisioned('tenant-a', 'val', 'viewer');
    b = await provisioned('tenant-b', 'bob', 'owner');
    flowId = await a.createFlow(GREETER, 'A\'s greeter');
    await a.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { n: 1 });
    correlationId = answer.headers.get('x-weft-correlation-id')!;
    await a.waitForLogs({ correlationId }, (records) => records.length > 0);
    parkedId = 'parked-of-a';
    await weft.weft.engine.store.addUnprocessed({
      id: parkedId, userId: a.userId, flowId, componentId: 'reply', componentType: 'weft.utils.http.Response',
      message: { payload: 'secret of A' }, error: { code: 'x.failed', message: 'failed' }, attempts: 3, createdAt: 1, updatedAt: 1,
    });
    const account = await a.call<{ id: string }>('POST', '/accounts', { type: 'bearer', name: 'A CRM', fields: { token: 'a-secret-token-value' } });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(async () => weft.close());

  it('gets 404 or 403 from every route, and A\'s flow, run, message and account stay as they were', async () => {
    const before = await snapshotOfA();
    const calls: [string, string, unknown?][] = [
      ['GET', `/flows/${flowId}`], ['PUT', `/flows/${flowId}`, { version: 1, name: 'Taken' }], ['DELETE', `/flows/${flowId}`],
      ['POST', `/flows/${flowId}/start`], ['POST', `/flows/${flowId}/stop`], ['POST', `/flows/${flowId}/publish`, { version: 1 }],
      ['GET', `/flows/${flowId}/versions`], ['GET', `/flows/${flowId}/versions/1`], ['POST', `/flows/${flowId}/versions/1/restore`, { version: 1 }],
      ['POST', `/flows/${flowId}/clone`, {}], ['GET', `/flows/${flowId}/validate`], ['POST', `/flows/${flowId}/test`, { componentId: 'hook', port: 'out', data: {} }],
      ['GET', `/runs/${correlationId}`], ['POST', `/runs/${correlationId}/cancel`],
      ['GET', `/unprocessed-messages/${parkedId}`], ['POST', `/unprocessed-messages/${parkedId}/retry`, {}], ['DELETE', `/unprocessed-messages/${parkedId}`],
      ['GET', `/accounts/${accountId}`], ['PATCH', `/accounts/${accountId}`, { name: 'Taken' }], ['POST', `/accounts/${accountId}/test`, {}], ['DELETE', `/accounts/${accountId}`],
    ];
    for (const [method, path, body] of calls) {
      const answer = await b.call<{ error?: { code: string } }>(method, path, body);
      expect([403, 404], `${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
      expect(JSON.stringify(answer.body)).not.toContain('secret');
    }
    expect(await snapshotOfA()).toBe(before);
    expect((await callWebhook(weft, flowId, {})).body).toEqual({ hello: 'A' });
  });

  it('finds nothing of A in lists, logs and searches', async () => {
    const lists = [
      await b.call<{ items: unknown[] }>('GET', '/flows'),
      await b.call<{ items: unknown[] }>('GET', '/unprocessed-messages'),
      await b.call<{ items: unknown[] }>('GET', '/accounts'),
    ];
    for (const list of lists) expect(list.body.items).toEqual([]);
    expect((await b.call<{ records: unknown[] }>('GET', `/logs?flowId=${flowId}`)).body.records).toEqual([]);
    expect((await b.call<{ records: unknown[] }>('GET', `/logs?correlationId=${correlationId}`)).body.records).toEqual([]);
    expect((await b.call<{ runs: unknown[] }>('GET', `/runs?flowId=${flowId}`)).body.runs).toEqual([]);
    // The tenantId filter is staff's: B naming another tenant is refused, not silently narrowed.
    const named = await b.call<{ error: { code: string } }>('GET', '/flows?tenantId=t-whatever');
    expect([named.status, named.body.error.code]).toEqual([403, 'auth.staff_only_filter']);
  });

  it('lets A\'s viewer read the flow but not change it', async () => {
    expect((await aViewer.call('GET', `/flows/${flowId}`)).status).toBe(200);
    for (const [method, path, body] of [['PUT', `/flows/${flowId}`, { version: 1, name: 'x' }], ['POST', `/flows/${flowId}/stop`], ['DELETE', `/flows/${flowId}`]] as const) {
      expect((await aViewer.call<{ error: { code: string } }>(method, path, body)).body.error.code).toBe('tenant.read_only');
    }
    expect((await a.call<{ stage: string }>('GET', `/flows/${flowId}`)).body.stage).toBe('running');
    // The tenant's parked messages: readable, by id and by flow, but not retried or deleted by a viewer.
    expect((await aViewer.call('GET', `/unprocessed-messages/${parkedId}`)).status).toBe(200);
    expect((await aViewer.call<{ total: number }>('GET', `/unprocessed-messages?flowId=${flowId}`)).body.total).toBe(1);
    expect((await aViewer.call<{ error: { code: string } }>('POST', `/unprocessed-messages/${parkedId}/retry`, {})).body.error.code).toBe('tenant.read_only');
    expect((await aViewer.call<{ error: { code: string } }>('DELETE', `/unprocessed-messages/${parkedId}`)).body.error.code).toBe('tenant.read_only');
    expect((await a.call('GET', `/unprocessed-messages/${parkedId}`)).status).toBe(200);
  });

  it('lets support staff read any tenant\'s flows, but not change them', async () => {
    const email = `support-${Date.now()}@example.com`;
    const lines: string[] = [];
    const config = loadConfig({ WEFT_DATA_DIR: weft.dataDir });
    expect(await runUsersCommand(['create-support', '--email', email, '--password', TEST_PASSWORD], config, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^Created support account /);
    const login = await http<{ token: string; user: { id: string; role: string } }>(`${weft.url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    expect(login.body.user.role).toBe('support');
    const support = weft.withToken(login.body.token, login.body.user.id, email);
    expect((await support.call('GET', `/flows/${flowId}`)).status).toBe(200);
    const tenantId = (await weft.weft.engine.store.getFlow(flowId))!.tenantId;
    const listed = await support.call<{ items: { flowId: string }[] }>('GET', `/flows?tenantId=${tenantId}`);
    expect(listed.body.items.map((f) => f.flowId)).toEqual([flowId]);
    // The route guard refuses support's writes (403) before the flow is even looked up.
    expect((await support.call('PUT', `/flows/${flowId}`, { version: 1, name: 'By support' })).status).toBe(403);
    expect((await support.call('POST', `/flows/${flowId}/stop`)).status).toBe(403);
    expect((await support.call('GET', '/admin/host-keys')).status).toBe(403);
    // Support reads another tenant's parked message and may retry it, but never deletes it.
    expect((await support.call('GET', `/unprocessed-messages/${parkedId}`)).status).toBe(200);
    expect((await support.call('DELETE', `/unprocessed-messages/${parkedId}`)).status).toBe(403);
    expect((await a.call('GET', `/unprocessed-messages/${parkedId}`)).status).toBe(200);
  });

  it('keeps host keys and user tokens each on their own routes', async () => {
    expect((await http(`${weft.url}/flows`, { token: key })).status).toBe(401);
    expect((await http(`${weft.url}/user`, { token: key })).status).toBe(401);
    expect((await http(`${weft.url}/host/tenants/tenant-a`, { method: 'PUT', token: a.token, body: { name: 'mine now' } })).status).toBe(401);
    expect((await http(`${weft.url}/host/tenants/tenant-a/users/alice/tokens`, { method: 'POST', token: b.token, body: {} })).status).toBe(401);
  });
});
