/**
 * Issue 13, support staff: staff (support, operators) read any tenant's logs, runs, unprocessed
 * messages and flows by naming `tenantId` / `userId`, and one run by its correlation id (audited as
 * `support.read_run`); a tenant's own people cannot name another tenant (403 `auth.staff_only_filter`)
 * nor read its run (404). The Backoffice's tenant pages: support and operators read, only operators
 * stop a flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runUsersCommand } from '../../src/users-command.ts';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { callWebhook, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestUser, type TestWeft } from '../harness.ts';

const greeter = (hello: string) => ({ hook: { type: WEBHOOK, x: 0, y: 0 }, reply: reply('hook.out', { hello }) });

interface Records { records: { flowId: string; correlationId: string; payload: unknown }[] }

describe('support staff reading tenant A\'s insights', () => {
  let weft: TestWeft;
  let key: string;
  let a: TestUser;
  let aEditor: TestUser;
  let aViewer: TestUser;
  let b: TestUser;
  let support: TestUser;
  let tenantA: string;
  let tenantB: string;
  let flowA: string;
  let flowA2: string;
  let flowB: string;
  let correlationA: string;

  const host = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const provisioned = async (tenant: string, user: string, role: string): Promise<TestUser> => {
    await host('PUT', `/tenants/${tenant}`, { name: `Tenant ${tenant}` });
    const made = await host<{ id: string }>('PUT', `/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, made.body.id);
  };
  const run = async (flowId: string, n: number) => {
    const answer = await callWebhook(weft, flowId, { n });
    return answer.headers.get('x-weft-correlation-id')!;
  };

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Support test', scopes: ['provision'] }));
    a = await provisioned('tenant-a', 'alice', 'owner');
    aEditor = await provisioned('tenant-a', 'eddie', 'editor');
    aViewer = await provisioned('tenant-a', 'val', 'viewer');
    b = await provisioned('tenant-b', 'bob', 'owner');
    flowA = await a.createFlow(greeter('from A'), 'A greeter');
    flowA2 = await aEditor.createFlow(greeter('from A editor'), 'A editor greeter');
    flowB = await b.createFlow(greeter('from B'), 'B greeter');
    for (const [user, flowId] of [[a, flowA], [aEditor, flowA2], [b, flowB]] as const) await user.startFlow(flowId);
    const correlations = [await run(flowA, 1), await run(flowA2, 2), await run(flowB, 3)];
    correlationA = correlations[0]!;
    for (const [user, correlationId] of [[a, correlations[0]!], [aEditor, correlations[1]!], [b, correlations[2]!]] as const) {
      await user.waitForLogs({ correlationId }, (records) => records.some((r) => r.direction === 'out'));
    }
    tenantA = (await weft.weft.engine.store.getFlow(flowA))!.tenantId;
    tenantB = (await weft.weft.engine.store.getFlow(flowB))!.tenantId;
    await weft.weft.engine.store.addUnprocessed({
      id: 'parked-of-a', userId: aEditor.userId, flowId: flowA2, componentId: 'reply', componentType: 'weft.utils.http.Response',
      message: { payload: 'parked in A' }, error: { code: 'x.failed', message: 'failed' }, attempts: 3, createdAt: 1, updatedAt: 1,
    });
    await weft.weft.engine.store.addUnprocessed({
      id: 'parked-of-b', userId: b.userId, flowId: flowB, componentId: 'reply', componentType: 'weft.utils.http.Response',
      message: { payload: 'parked in B' }, error: { code: 'x.failed', message: 'failed' }, attempts: 3, createdAt: 2, updatedAt: 2,
    });
    const email = `support-${Date.now()}@example.com`;
    expect(await runUsersCommand(['create-support', '--email', email, '--password', TEST_PASSWORD], loadConfig({ WEFT_DATA_DIR: weft.dataDir }), () => undefined)).toBe(0);
    const login = await http<{ token: string; user: { id: string } }>(`${weft.url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    support = weft.withToken(login.body.token, login.body.user.id, email);
  });
  afterAll(async () => weft.close());

  it('support reads tenant A\'s logs, every member\'s, and none of B\'s', async () => {
    const page = await support.call<Records>('GET', `/logs?tenantId=${tenantA}&limit=200`);
    expect(page.status).toBe(200);
    expect(new Set(page.body.records.map((r) => r.flowId))).toEqual(new Set([flowA, flowA2]));
    const histogram = await support.call<{ buckets: { count: number }[] }>('GET', `/logs?tenantId=${tenantA}&histogram=1h`);
    expect(histogram.body.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(page.body.records.length);
  });

  it('support narrows to one user of the tenant, and a user of another tenant finds nothing there', async () => {
    const editors = await support.call<Records>('GET', `/logs?tenantId=${tenantA}&userId=${aEditor.userId}&limit=200`);
    expect(new Set(editors.body.records.map((r) => r.flowId))).toEqual(new Set([flowA2]));
    const mismatch = await support.call<Records>('GET', `/logs?tenantId=${tenantA}&userId=${b.userId}`);
    expect(mismatch.body.records).toEqual([]);
  });

  it('support without a filter sees every tenant\'s logs', async () => {
    const all = await support.call<Records>('GET', '/logs?limit=500');
    expect(new Set(all.body.records.map((r) => r.flowId))).toEqual(new Set([flowA, flowA2, flowB]));
  });

  it('support reads tenant A\'s runs, unprocessed messages and flows', async () => {
    const runs = await support.call<{ runs: { flowId: string }[] }>('GET', `/runs?tenantId=${tenantA}`);
    expect(new Set(runs.body.runs.map((r) => r.flowId))).toEqual(new Set([flowA, flowA2]));
    const parked = await support.call<{ items: { id: string }[]; total: number }>('GET', `/unprocessed-messages?tenantId=${tenantA}`);
    expect(parked.body.items.map((m) => m.id)).toEqual(['parked-of-a']);
    const flows = await support.call<{ items: { flowId: string }[] }>('GET', `/flows?tenantId=${tenantA}`);
    expect(new Set(flows.body.items.map((f) => f.flowId))).toEqual(new Set([flowA, flowA2]));
    const oneUser = await support.call<{ items: { flowId: string }[] }>('GET', `/flows?userId=${a.userId}`);
    expect(oneUser.body.items.map((f) => f.flowId)).toEqual([flowA]);
  });

  describe('one run, by its correlation id', () => {
    const readsOf = async (correlationId: string) => (await weft.weft.adapters.audit.query({ action: 'support.read_run', limit: 500 }))
      .entries.filter((entry) => entry.target.id === correlationId);

    it('support reads tenant A\'s run, and the read is in the audit log under tenant A', async () => {
      const answer = await support.call<{ correlationId: string; flowId: string; status: string }>('GET', `/runs/${correlationA}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ correlationId: correlationA, flowId: flowA, status: 'succeeded' });
      expect(await readsOf(correlationA)).toEqual([expect.objectContaining({
        tenantId: tenantA, actor: expect.objectContaining({ id: support.userId, role: 'support' }), target: { type: 'run', id: correlationA },
      })]);
    });

    it('tenant B\'s owner gets 404 for it, and nothing is recorded', async () => {
      const before = (await readsOf(correlationA)).length;
      const answer = await b.call<{ error: { code: string } }>('GET', `/runs/${correlationA}`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('run.not_found');
      expect(JSON.stringify(answer.body)).not.toContain(flowA);
      expect(await readsOf(correlationA)).toHaveLength(before);
    });

    it('its owner reads it unaudited, and an unknown id is 404 for support too', async () => {
      const before = (await readsOf(correlationA)).length;
      expect((await a.call('GET', `/runs/${correlationA}`)).status).toBe(200);
      expect(await readsOf(correlationA)).toHaveLength(before);
      const unknown = await support.call<{ error: { code: string } }>('GET', '/runs/no-such-run');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('run.not_found');
    });

    it('support cannot cancel it', async () => {
      expect((await support.call('POST', `/runs/${correlationA}/cancel`)).status).toBe(403);
    });

    it('refuses the read with 503 when the audit log cannot be written', async () => {
      const log = weft.weft.adapters.audit;
      const append = log.append.bind(log);
      log.append = async () => {
        throw new Error('disk full');
      };
      try {
        const refused = await support.call<{ error: { code: string } }>('GET', `/runs/${correlationA}`);
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('audit.unavailable');
        expect(JSON.stringify(refused.body)).not.toContain(flowA);
      } finally {
        log.append = append;
      }
    });
  });

  it('tenant B\'s owner cannot read tenant A\'s logs, runs, messages or flows by naming it', async () => {
    for (const path of [`/logs?tenantId=${tenantA}`, `/logs?tenantId=${tenantA}&histogram=1h`, `/logs/stream?tenantId=${tenantA}`, `/runs?tenantId=${tenantA}`,
      `/unprocessed-messages?tenantId=${tenantA}`, `/flows?tenantId=${tenantA}`, `/logs?userId=${a.userId}`, `/flows?userId=${a.userId}`]) {
      const answer = await b.call<{ error: { code: string; path?: string } }>('GET', path);
      expect(answer.status, path).toBe(403);
      expect(answer.body.error.code, path).toBe('auth.staff_only_filter');
      expect(JSON.stringify(answer.body)).not.toContain('from A');
    }
  });

  it('a viewer of tenant A cannot pass tenant B\'s id, but may name their own tenant', async () => {
    const other = await aViewer.call<{ error: { code: string } }>('GET', `/logs?tenantId=${tenantB}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('auth.staff_only_filter');
    const own = await aViewer.call<Records>('GET', `/logs?tenantId=${tenantA}&limit=200`);
    expect(own.status).toBe(200);
    expect(new Set(own.body.records.map((r) => r.flowId))).toEqual(new Set([flowA, flowA2]));
  });

  it('a tenant\'s owner without filters still reads only their own records', async () => {
    const own = await b.call<Records>('GET', '/logs?limit=500');
    expect(new Set(own.body.records.map((r) => r.flowId))).toEqual(new Set([flowB]));
  });

  it('lists tenants with counts for support, and a tenant\'s users and flows', async () => {
    const list = await support.call<{ items: { id: string; users: number; flows: number; runningFlows: number }[] }>('GET', '/admin/tenants');
    expect(list.status).toBe(200);
    const listedA = list.body.items.find((t) => t.id === tenantA);
    expect(listedA).toMatchObject({ users: 3, flows: 2, runningFlows: 2 });
    const detail = await support.call<{ users: { id: string; role: string }[]; flows: { flowId: string; stage: string }[] }>('GET', `/admin/tenants/${tenantA}`);
    expect(detail.body.users.map((u) => u.role).sort()).toEqual(['editor', 'owner', 'viewer']);
    expect(new Set(detail.body.flows.map((f) => f.flowId))).toEqual(new Set([flowA, flowA2]));
    const searched = await support.call<{ items: { id: string }[] }>('GET', '/admin/tenants?search=TENANT-B');
    expect(searched.body.items.map((t) => t.id)).toEqual([tenantB]);
    expect((await support.call('GET', '/admin/tenants/no-such-tenant')).status).toBe(404);
  });

  it('keeps the tenant pages from tenant users, and stopping a flow to operators', async () => {
    expect((await a.call('GET', '/admin/tenants')).status).toBe(403);
    expect((await a.call('GET', `/admin/tenants/${tenantA}`)).status).toBe(403);
    const refused = await support.call<{ error: { code: string } }>('POST', `/admin/flows/${flowB}/stop`);
    expect(refused.status).toBe(403);
    expect((await b.call('GET', `/flows/${flowB}`)).body.stage).toBe('running');
    const operator = await weft.operator();
    const stopped = await operator.call<{ stage: string }>('POST', `/admin/flows/${flowB}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.stage).toBe('stopped');
    expect((await b.call('GET', `/flows/${flowB}`)).body.stage).toBe('stopped');
    expect((await operator.call('POST', '/admin/flows/no-such-flow/stop')).status).toBe(404);
  });
});
