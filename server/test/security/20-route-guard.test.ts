/**
 * Item 20: the route guard enforces the route table's roles on every user route. Before it, a viewer
 * could connect an account (POST /accounts), and support staff could create flows, import bundles,
 * fire app events and make template instances in their own tenant. Each attack is replayed here and
 * must be refused with 403, with nothing made; support staff may still retry unprocessed messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { createOperator } from '../../src/operators.ts';
import { node, RESPONSE, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestUser, type TestWeft } from '../harness.ts';

type ErrorBody = { error: { code: string } };
const GREETER = { hook: node(WEBHOOK), reply: node(RESPONSE, ['hook.out'], { lambda: { status: 200, body: 'hello' } }) };

describe('the route guard', () => {
  let weft: TestWeft;
  let key: string;
  let owner: TestUser;
  let viewer: TestUser;
  let support: TestUser;
  let templateId: string;
  let ownerFlowId: string;

  const host = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(`${weft.url}${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const provisioned = async (tenant: string, user: string, role: string): Promise<TestUser> => {
    await host('PUT', `/host/tenants/${tenant}`, { name: tenant });
    const made = await host<{ id: string }>('PUT', `/host/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/host/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, made.body.id);
  };
  /** Flows in the user's own tenant (staff without a filter would list every tenant's). */
  const flowsOf = async (user: TestUser) => {
    const { tenantId } = (await user.call<{ tenantId: string }>('GET', '/user')).body;
    return (await user.call<{ items: unknown[] }>('GET', `/flows?tenantId=${encodeURIComponent(tenantId)}`)).body.items.length;
  };

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Guard', scopes: ['provision', 'events', 'read'] }));
    owner = await provisioned('acme', 'olga', 'owner');
    viewer = await provisioned('acme', 'vera', 'viewer');
    const email = `support-${Date.now()}@example.com`;
    await createOperator(weft.weft.engine.store, { email, password: TEST_PASSWORD, role: 'support', publicUrl: weft.url, linkTtlMs: 60_000 });
    const login = await http<{ token: string; user: { id: string; role: string } }>(`${weft.url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    expect(login.body.user.role).toBe('support');
    support = weft.withToken(login.body.token, login.body.user.id, email);
    const template = await host<{ id: string }>('POST', '/templates', {
      name: 'Hello', description: 'Says hello', category: 'demo', tags: [], flow: GREETER,
      wizard: { fields: [{ id: 'status', type: 'number', label: 'Status', required: true, bind: [{ componentId: 'reply', path: 'config.transform.in.hook.out.lambda.status' }] }] },
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    templateId = template.body.id;
    ownerFlowId = await owner.createFlow(GREETER, 'Olga\'s greeter');
  });
  afterAll(async () => weft.close());

  it('refuses a viewer who connects an account', async () => {
    const answer = await viewer.call<ErrorBody>('POST', '/accounts', { type: 'bearer', name: 'Sneaky', fields: { token: 'viewer-token-value' } });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('tenant.read_only');
    expect((await viewer.call<{ items: unknown[] }>('GET', '/accounts')).body.items).toEqual([]);
    expect((await owner.call<{ items: unknown[] }>('GET', '/accounts')).body.items).toEqual([]);
  });

  it('refuses a viewer every other write it tries, and lets it read', async () => {
    expect((await viewer.call('POST', '/flows', { name: 'By a viewer', flow: GREETER })).status).toBe(403);
    expect((await viewer.call('POST', `/templates/${templateId}/instances`, { answers: { status: 200 } })).status).toBe(403);
    expect((await viewer.call('POST', '/app-events/order.created', { data: {} })).status).toBe(403);
    expect((await viewer.call('GET', `/flows/${ownerFlowId}`)).status).toBe(200);
    expect(await flowsOf(owner)).toBe(1);
  });

  it('refuses support staff who create a flow', async () => {
    const answer = await support.call<ErrorBody>('POST', '/flows', { name: 'By support', flow: GREETER });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('auth.forbidden');
    expect(await flowsOf(support)).toBe(0);
  });

  it('refuses support staff who import a bundle', async () => {
    const bundle = await owner.call('GET', `/flows/${ownerFlowId}/export`);
    expect(bundle.status).toBe(200);
    const answer = await support.call<ErrorBody>('POST', '/flows/import', bundle.body);
    expect(answer.status).toBe(403);
    expect(await flowsOf(support)).toBe(0);
  });

  it('refuses support staff who fire an app event', async () => {
    const answer = await support.call<ErrorBody>('POST', '/app-events/order.created', { data: { n: 1 } });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('auth.forbidden');
  });

  it('refuses support staff who make a template instance', async () => {
    const answer = await support.call<ErrorBody>('POST', `/templates/${templateId}/instances`, { answers: { status: 200 } });
    expect(answer.status).toBe(403);
    expect(await flowsOf(support)).toBe(0);
    expect((await support.call<{ items: unknown[] }>('GET', '/integrations')).body.items).toEqual([]);
  });

  it('still lets the tenant owner do each of these, so the refusals are the guard\'s', async () => {
    expect((await owner.call('POST', `/templates/${templateId}/instances`, { answers: { status: 200 } })).status).toBe(201);
    expect((await owner.call('POST', '/app-events/order.created', { data: {} })).status).toBe(202);
    expect((await owner.call('POST', '/accounts', { type: 'bearer', name: 'Mine', fields: { token: 'owner-token-value' } })).status).toBe(201);
  });

  it('lets support staff retry an unprocessed message, and nothing else of it', async () => {
    const parked = 'parked-for-support';
    await weft.weft.engine.store.addUnprocessed({
      id: parked, userId: owner.userId, flowId: ownerFlowId, componentId: 'reply', componentType: RESPONSE,
      message: { payload: 'x' }, error: { code: 'x.failed', message: 'failed' }, attempts: 3, createdAt: 1, updatedAt: 1,
    });
    expect((await support.call('DELETE', `/unprocessed-messages/${parked}`)).status).toBe(403);
    const retried = await support.call('POST', `/unprocessed-messages/${parked}/retry`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  });
});
