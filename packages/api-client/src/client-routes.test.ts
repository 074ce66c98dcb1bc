import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient, type FetchLike } from './client.ts';
import { matchRoute, type RouteKey } from './routes.ts';

/** An id that needs encoding: a client that forgets `encodeURIComponent` lands on another route or none. */
const ID = 'a/b c?';

/** One argument list per method; a method added to ApiClient without one here is a type error. */
const ARGS: { [M in keyof ApiClient]: Parameters<ApiClient[M]> } = {
  signup: [{ email: 'a@b.c', password: 'password1' }],
  login: [{ email: 'a@b.c', password: 'password1' }],
  logout: [],
  getUser: [],
  listFlows: [{ stage: 'running', customFields: { region: 'eu' } }],
  createFlow: [{ name: 'x' }],
  getFlow: [ID],
  updateFlow: [ID, { version: 1, name: 'x' }],
  deleteFlow: [ID],
  startFlow: [ID],
  stopFlow: [ID],
  publishFlow: [ID, { version: 1 }],
  listFlowVersions: [ID],
  getFlowVersion: [ID, 2],
  restoreFlowVersion: [ID, 2, { version: 1 }],
  cloneFlow: [ID],
  validateFlow: [ID],
  testRun: [ID, { componentId: 'c1', data: {} }],
  listComponents: [{ prefix: 'http' }],
  getComponent: [ID],
  getComponentOptions: [ID, ID, { a: 1 }],
  queryLogs: [{ flowId: 'f1' }],
  logHistogram: [{ flowId: 'f1', histogram: '1m' }],
  streamLogs: [{ flowId: 'f1' }, () => undefined],
  listUnprocessed: [],
  getUnprocessed: [ID],
  deleteUnprocessed: [ID],
  retryUnprocessed: [ID],
  listRuns: [],
  listAudit: [],
  getRun: [ID],
  cancelRun: [ID],
  listStaffTenants: [],
  getStaffTenant: [ID],
  stopAnyFlow: [ID],
  health: [],
  listModifiers: [],
  testModifier: [{ name: 'upper', value: 'x' }],
  listAccounts: [],
  listAccountTypes: [],
  createAccount: [{ type: 'bearer', name: 'x', fields: { token: 't' } }],
  getAccount: [ID],
  updateAccount: [ID, { name: 'y' }],
  deleteAccount: [ID, { force: true }],
  testAccount: [ID],
  startOAuth: [{ name: 'x', connector: 'google' }],
  getConnectorConfig: [ID],
  putConnectorConfig: [ID, { values: {} }],
  listConnectors: [],
  installConnector: [new Uint8Array([1, 2, 3]), { force: true }],
  removeConnector: [ID, { force: true }],
  exportFlow: [ID],
  importFlows: [{ format: 'weft.bundle/1', exportedAt: 1, flows: [], modifiers: [], connectors: [] } as never],
  listTemplates: [{ category: 'crm' }],
  getTemplate: [ID],
  createTemplate: [{} as never],
  updateTemplate: [ID, {} as never],
  deleteTemplate: [ID, { force: true }],
  createInstance: [ID, { answers: {} }],
  listIntegrations: [],
  updateIntegration: [ID],
  detachIntegration: [ID],
  listAppEvents: [],
};

interface Sent { method: string; url: URL }

/** Calls every method once against `answer`, recording what went out; a live tail is stopped after its first request. */
async function callEveryMethod(answer: () => Response): Promise<Map<keyof ApiClient, { sent: Sent[]; outcome: PromiseSettledResult<unknown> }>> {
  const results = new Map<keyof ApiClient, { sent: Sent[]; outcome: PromiseSettledResult<unknown> }>();
  for (const name of Object.keys(ARGS) as (keyof ApiClient)[]) {
    const sent: Sent[] = [];
    const fetch: FetchLike = async (url, init) => {
      sent.push({ method: init.method ?? 'GET', url: new URL(url) });
      return answer();
    };
    const api = createApiClient({ baseUrl: 'https://weft.test/base', getToken: () => 'tok', fetch });
    // The client is a plain object of arrow functions (no `this`), so a method may be taken off it.
    const method = Reflect.get(api, name) as (...args: unknown[]) => unknown;
    let outcome: PromiseSettledResult<unknown>;
    if (name === 'streamLogs') {
      const stop = method(...ARGS[name]) as () => void;
      await expect.poll(() => sent.length).toBe(1);
      stop();
      outcome = { status: 'fulfilled', value: undefined };
    } else {
      [outcome] = await Promise.allSettled([method(...ARGS[name])]);
    }
    results.set(name, { sent, outcome });
  }
  return results;
}

const routeOf = ({ method, url }: Sent) => matchRoute(method, url.pathname.slice('/base'.length));

describe('every method of the API client', () => {
  it('calls a method and path of the route table, with its parameters encoded', async () => {
    const results = await callEveryMethod(() => new Response(null, { status: 204 }));
    const outside: string[] = [];
    for (const [name, { sent }] of results) {
      expect(sent, name).toHaveLength(1);
      const route = routeOf(sent[0]!);
      if (!route) {
        outside.push(`${name}: ${sent[0]!.method} ${sent[0]!.url.pathname}`);
        continue;
      }
      // A parameter that was not encoded would have split into more segments, or decode to something else.
      for (const value of Object.values(route.params)) expect([ID, '2'], `${name} → ${route.key}`).toContain(value);
    }
    expect(outside).toEqual([]);
  });

  it('lands on the route its name promises', async () => {
    const results = await callEveryMethod(() => new Response(null, { status: 204 }));
    const keyOf = (name: keyof ApiClient): RouteKey | undefined => routeOf(results.get(name)!.sent[0]!)?.key;
    expect(keyOf('getFlowVersion')).toBe('GET /flows/{id}/versions/{version}');
    expect(keyOf('logHistogram')).toBe('GET /logs');
    expect(keyOf('listAccountTypes')).toBe('GET /accounts/types');
    expect(keyOf('streamLogs')).toBe('GET /logs/stream');
    expect(keyOf('installConnector')).toBe('POST /connectors');
    expect(keyOf('updateIntegration')).toBe('POST /integrations/{flowId}/update');
  });

  it('rejects an answer that does not fit the route\'s response schema with response.invalid', async () => {
    const results = await callEveryMethod(() => new Response(JSON.stringify(42), { status: 200, headers: { 'content-type': 'application/json' } }));
    const accepted: string[] = [];
    for (const [name, { sent, outcome }] of results) {
      if (name === 'streamLogs') continue;
      const route = routeOf(sent[0]!)!;
      if (route.spec.response) {
        if (outcome.status === 'fulfilled') accepted.push(name);
        else expect(outcome.reason, name).toMatchObject({ code: 'response.invalid' });
      } else {
        // No response schema: the answer is not read at all.
        expect(outcome, name).toEqual({ status: 'fulfilled', value: undefined });
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('the log histogram', () => {
  it('is asked of GET /logs with ?histogram (there is no /logs/histogram route)', async () => {
    expect(matchRoute('GET', '/logs/histogram')).toBeUndefined();
    const sent: string[] = [];
    const fetch: FetchLike = async (url) => {
      sent.push(url);
      return new Response(JSON.stringify({ intervalMs: 60_000, buckets: [] }), { status: 200 });
    };
    await expect(createApiClient({ baseUrl: '', fetch }).logHistogram({ histogram: '1m' })).resolves.toEqual({ intervalMs: 60_000, buckets: [] });
    expect(sent).toEqual(['/logs?histogram=1m']);
  });

  it('refuses a page of records where buckets were asked for, and the other way round', async () => {
    const answering = (body: unknown): FetchLike => async () => new Response(JSON.stringify(body), { status: 200 });
    await expect(createApiClient({ baseUrl: '', fetch: answering({ records: [] }) }).logHistogram({ histogram: '1m' })).rejects.toMatchObject({ code: 'response.invalid' });
    await expect(createApiClient({ baseUrl: '', fetch: answering({ intervalMs: 1000, buckets: [] }) }).queryLogs()).rejects.toMatchObject({ code: 'response.invalid' });
  });
});
