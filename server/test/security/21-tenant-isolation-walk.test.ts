/**
 * Item 21: the isolation test walks the route table (ROUTES of @weft/api-client), so a new route is
 * covered the day it is added. For every route with ids in its path, tenant B's owner calls it with
 * tenant A's ids (flows, integrations, versions, correlation ids, unprocessed messages, accounts,
 * users, host keys, tenants) and gets 401/403/404, learning nothing of A and changing nothing. A viewer
 * gets 403 on every write route; support staff get 403 on every write but a retry; a host key of one
 * scope gets 401/403 on a route of another. Routes whose ids are not tenant records are exempt below,
 * each with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteRoute, ROUTES, routeAuths, splitRouteKey, type RouteAuth, type RouteSpec } from '@weft/api-client';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { createOperator } from '../../src/operators.ts';
import { callWebhook, node, RESPONSE, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestUser, type TestWeft } from '../harness.ts';

const MARK = 'secretA';
const GREETER = { hook: node(WEBHOOK), reply: node(RESPONSE, ['hook.out'], { lambda: { status: 200, body: 'hello' } }) };

/** Routes with ids in the path that are not tenant A's records, and why. */
const EXEMPT: Record<string, string> = {
  'POST /flows/{flowId}/components/{componentId}': 'a webhook: public by design, the flow and component ids are its address',
  'GET /components/{type}': 'component types are the installation\'s, the same for every tenant',
  'GET /components/{type}/options/{name}': 'component types are the installation\'s; the options read the caller\'s own accounts',
  'GET /modifiers/{name}': 'custom modifiers are the installation\'s (operators write them), every tenant uses them',
  'GET /modifiers/{name}/versions': 'custom modifiers are the installation\'s, every tenant uses them',
  'GET /templates/{id}': 'templates are the installation\'s catalogue, which every tenant reads',
  'POST /templates/{id}/instances': 'a template is the installation\'s; the instance is made in the caller\'s own tenant',
  'POST /app-events/{name}': 'event names are the installation\'s; a user token starts only the caller\'s own flows',
};

/** Bodies good enough to reach each handler's ownership check (an invalid one would stop at 400). */
const BODIES: Record<string, unknown> = {
  'PUT /flows/{id}': { version: 1, name: 'Taken' },
  'POST /flows/{id}/publish': { version: 1 },
  'POST /flows/{id}/versions/{version}/restore': { version: 1 },
  'POST /flows/{id}/test': { componentId: 'hook', port: 'out', data: {} },
  'PATCH /accounts/{id}': { name: 'Taken' },
  'POST /integrations/{flowId}/update': { answers: { status: 201 } },
  'POST /flows': { name: 'Taken', flow: GREETER },
  'POST /accounts': { type: 'bearer', name: 'Taken', fields: { token: 'taken-token-value' } },
  'POST /app-events/{name}': { data: {} },
  'POST /templates/{id}/instances': { answers: { status: 200 } },
};

const entries = Object.entries(ROUTES) as [string, RouteSpec][];
const paramsOf = (key: string) => [...splitRouteKey(key).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const takesUser = (spec: RouteSpec) => routeAuths(spec).some((auth) => auth === 'user' || auth === 'operator' || auth === 'staff');

describe('the isolation walk over the route table', () => {
  let weft: TestWeft;
  const keys: Record<string, { key: string; id: string }> = {};
  let a: TestUser;
  let aViewer: TestUser;
  let b: TestUser;
  let support: TestUser;
  const ids: Record<string, string> = {};

  const host = <T = unknown>(method: string, path: string, body?: unknown, scope = 'all') =>
    http<T>(`${weft.url}${path}`, { method, token: keys[scope]!.key, ...(body === undefined ? {} : { body }) });
  const provisioned = async (tenant: string, user: string, role: string): Promise<TestUser> => {
    await host('PUT', `/host/tenants/${tenant}`, { name: tenant });
    const made = await host<{ id: string }>('PUT', `/host/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/host/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, made.body.id);
  };
  /** Tenant A's ids for a route's path; `/admin/host-keys/{id}` and such by their prefix. */
  const pathFor = (key: string): string => {
    const { path } = splitRouteKey(key);
    const prefix = path.split('/').slice(1, path.startsWith('/admin/') ? 3 : 2).join('/');
    const byId: Record<string, string> = {
      flows: ids.flow!, 'unprocessed-messages': ids.parked!, accounts: ids.account!, 'admin/users': a.userId,
      'admin/unprocessed-messages': ids.parked!, 'admin/host-keys': keys.read!.id, templates: ids.template!,
      'admin/tenants': ids.tenant!, 'admin/flows': ids.flow!,
    };
    const values: Record<string, string> = {
      version: '1', correlationId: ids.correlation!, flowId: ids.integration!, name: 'order.created',
      externalId: 'tenant-a', externalUserId: 'alice', kid: 'a-key', componentId: 'hook', type: 'weft.utils.http.Response',
    };
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = name === 'id' ? byId[prefix] : values[name];
      if (value === undefined) throw new Error(`No id of tenant A for {${name}} in ${key}: add one, or an exemption with its reason.`);
      return encodeURIComponent(value);
    });
  };
  /** Everything of A that B, a viewer or support staff could read or change, as A and the host see it. */
  const snapshotOfA = async () => JSON.stringify(await Promise.all([
    a.call('GET', `/flows/${ids.flow}`), a.call('GET', `/flows/${ids.flow}/versions`), a.call('GET', `/flows/${ids.integration}`),
    a.call('GET', '/flows'), a.call('GET', '/integrations'), a.call('GET', `/unprocessed-messages/${ids.parked}`),
    a.call('GET', `/accounts/${ids.account}`), a.call('GET', `/runs/${ids.correlation}`),
    host('GET', '/host/tenants/tenant-a'), host('GET', '/host/verification-keys'), host('GET', '/templates'),
  ].map(async (answer) => {
    const { status, body } = await answer;
    // Last-used times and run summaries move on their own; what a caller could change is the rest.
    return { status, body: JSON.parse(JSON.stringify(body, (k, v) => (k === 'lastUsedAt' || k === 'lastRun' ? undefined : v))) as unknown };
  })));

  beforeAll(async () => {
    weft = await startTestWeft();
    const { store } = weft.weft.engine;
    for (const scope of ['provision', 'events', 'read'] as const) {
      const made = await createHostKey(store, { name: scope, scopes: [scope] });
      keys[scope] = { key: made.key, id: made.record.id };
    }
    const all = await createHostKey(store, { name: 'all', scopes: ['provision', 'events', 'read'] });
    keys.all = { key: all.key, id: all.record.id };
    a = await provisioned('tenant-a', 'alice', 'owner');
    ids.tenant = (await store.getUser(a.userId))!.tenantId;
    aViewer = await provisioned('tenant-a', 'val', 'viewer');
    b = await provisioned('tenant-b', 'bob', 'owner');
    const email = `support-walk-${Date.now()}@example.com`;
    await createOperator(store, { email, password: TEST_PASSWORD, role: 'support', publicUrl: weft.url, linkTtlMs: 60_000 });
    const login = await http<{ token: string; user: { id: string } }>(`${weft.url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    support = weft.withToken(login.body.token, login.body.user.id, email);

    ids.flow = await a.createFlow(GREETER, `${MARK} greeter`);
    await a.startFlow(ids.flow);
    const answer = await callWebhook(weft, ids.flow, { n: 1 });
    ids.correlation = answer.headers.get('x-weft-correlation-id')!;
    await a.waitForLogs({ correlationId: ids.correlation }, (records) => records.length > 0);
    const template = await host<{ id: string }>('POST', '/templates', {
      name: 'Hello', description: 'Says hello', category: 'demo', tags: [], flow: GREETER,
      wizard: { fields: [{ id: 'status', type: 'number', label: 'Status', required: true, bind: [{ componentId: 'reply', path: 'config.transform.in.hook.out.lambda.status' }] }] },
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    ids.template = template.body.id;
    const instance = await a.call<{ flowId: string }>('POST', `/templates/${ids.template}/instances`, { answers: { status: 200 }, name: `${MARK} integration` });
    expect(instance.status, JSON.stringify(instance.body)).toBe(201);
    ids.integration = instance.body.flowId;
    ids.parked = 'parked-of-a';
    await store.addUnprocessed({
      id: ids.parked, userId: a.userId, flowId: ids.flow, componentId: 'reply', componentType: RESPONSE,
      message: { payload: `${MARK} payload` }, error: { code: 'x.failed', message: 'failed' }, attempts: 3, createdAt: 1, updatedAt: 1,
    });
    const account = await a.call<{ id: string }>('POST', '/accounts', { type: 'bearer', name: `${MARK} CRM`, fields: { token: `${MARK}-token-value` } });
    expect(account.status).toBe(201);
    ids.account = account.body.id;
    expect((await host('PUT', '/host/verification-keys/a-key', { type: 'secret', kid: 'a-key', secret: `${MARK}-0123456789-0123456789-0123456789` })).status).toBeLessThan(300);
  });
  afterAll(async () => weft.close());

  it('exempts only routes that exist, each for a reason', () => {
    for (const [key, reason] of Object.entries(EXEMPT)) {
      expect(key in ROUTES, key).toBe(true);
      expect(paramsOf(key).length, key).toBeGreaterThan(0);
      expect(reason.length, key).toBeGreaterThan(20);
    }
  });

  it('refuses tenant B\'s owner every route with tenant A\'s ids, and A stays as it was', async () => {
    const before = await snapshotOfA();
    const walked: string[] = [];
    for (const [key, spec] of entries) {
      if (paramsOf(key).length === 0 || key in EXEMPT) continue;
      const { method } = splitRouteKey(key);
      const path = pathFor(key);
      const answer = await b.call(method, path, BODIES[key] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
      // 401: a route that takes no user token at all (host-key routes).
      const allowed = takesUser(spec) ? [403, 404] : [401, 403, 404];
      expect(allowed, `${key} as ${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
      expect(JSON.stringify(answer.body), key).not.toContain(MARK);
      walked.push(key);
    }
    expect(walked.length).toBeGreaterThan(40);
    expect(await snapshotOfA()).toBe(before);
    expect((await callWebhook(weft, ids.flow!, {})).status).toBe(200);
  });

  it('refuses a viewer every write route, with A\'s ids, and A stays as it was', async () => {
    const before = await snapshotOfA();
    const writes = entries.filter(([, spec]) => routeAuths(spec).includes('user') && isWriteRoute(spec));
    expect(writes.length).toBeGreaterThan(20);
    for (const [key] of writes) {
      const { method } = splitRouteKey(key);
      const answer = await aViewer.call(method, pathFor(key), BODIES[key] ?? (method === 'DELETE' ? undefined : {}));
      expect(answer.status, `${key} → ${answer.status} ${JSON.stringify(answer.body)}`).toBe(403);
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it('refuses support staff every write but a retry, and every operator route', async () => {
    const before = await snapshotOfA();
    const refused = entries.filter(([, spec]) => {
      const auths = routeAuths(spec);
      return (auths.includes('user') && isWriteRoute(spec) && !spec.supportMayWrite) || (!auths.includes('user') && auths.includes('operator'));
    });
    expect(refused.length).toBeGreaterThan(40);
    for (const [key] of refused) {
      const { method } = splitRouteKey(key);
      const answer = await support.call(method, pathFor(key), BODIES[key] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
      expect(answer.status, `${key} → ${answer.status} ${JSON.stringify(answer.body)}`).toBe(403);
    }
    expect(await snapshotOfA()).toBe(before);
    const mayWrite = entries.filter(([, spec]) => spec.supportMayWrite).map(([key]) => key);
    expect(mayWrite).toEqual(['POST /unprocessed-messages/{id}/retry']);
    const retried = await support.call('POST', `/unprocessed-messages/${ids.parked}/retry`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  });

  it('refuses tenant B\'s owner every operator route', async () => {
    for (const [key, spec] of entries) {
      const auths = routeAuths(spec);
      if (auths.includes('user') || !auths.includes('operator')) continue;
      const { method } = splitRouteKey(key);
      expect((await b.call(method, pathFor(key), BODIES[key] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}))).status, key).toBe(403);
    }
  });

  it('refuses a host key on every route of another scope, and on every user-only route', async () => {
    const before = await snapshotOfA();
    let checked = 0;
    for (const [key, spec] of entries) {
      const auths = routeAuths(spec);
      if (auths.includes('none')) continue;
      const { method } = splitRouteKey(key);
      const scopes = auths.filter((auth): auth is Extract<RouteAuth, `hostKey:${string}`> => auth.startsWith('hostKey:')).map((auth) => auth.slice('hostKey:'.length));
      // A route no key may call gets the key that has every scope; else a key of a scope it does not take.
      const wrong = scopes.length === 0 ? 'all' : (['provision', 'events', 'read'] as const).find((scope) => !scopes.includes(scope));
      if (wrong === undefined) continue;
      const answer = await host(method, pathFor(key), BODIES[key] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), wrong);
      expect([401, 403], `${key} with a ${wrong} key → ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(80);
    expect(await snapshotOfA()).toBe(before);
  });
});
