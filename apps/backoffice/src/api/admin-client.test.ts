import { describe, expect, it } from 'vitest';
import { ApiError, matchRoute } from '@weft/api-client';
import { createAdminClient, ModifierConflictError, type AdminClient, type FetchLike } from './admin-client.ts';

interface Seen { url: string; init: RequestInit }

function fakeFetch(status: number, body?: unknown): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

const modifier = {
  name: 'slugify', label: 'Slugify', description: '', category: 'text', args: [], examples: [],
  source: 'function run(v) { return v }', version: 3, createdAt: 1, updatedAt: 2, updatedBy: 'u1', custom: true,
};

describe('the admin client', () => {
  it('signs with the session cookie and the CSRF header, never a bearer token, and parses the answer', async () => {
    const { fetch, seen } = fakeFetch(200, { items: [{ id: 'u1', email: 'a@b.c', role: 'user', createdAt: 1, disabled: false }], total: 1, limit: 50, offset: 50 });
    const admin = createAdminClient({ baseUrl: 'http://engine/', fetch });
    const page = await admin.listUsers({ offset: 50 });
    expect(page.items[0]?.email).toBe('a@b.c');
    expect(seen[0]?.url).toBe('http://engine/admin/users?offset=50');
    expect(seen[0]?.init.credentials).toBe('same-origin');
    expect((seen[0]?.init.headers as Record<string, string>)['x-weft-csrf']).toBe('1');
    expect((seen[0]?.init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('logs in asking for the session cookie; the answer holds no token', async () => {
    const user = { id: 'u1', email: 'a@b.c', role: 'admin', createdAt: 1 };
    const { fetch, seen } = fakeFetch(200, { expiresAt: 9, user });
    const admin = createAdminClient({ baseUrl: '', fetch });
    await expect(admin.login({ email: 'a@b.c', password: 'password1' })).resolves.toEqual({ expiresAt: 9, user });
    expect((seen[0]?.init.headers as Record<string, string>).authorization).toBeUndefined();
    expect(seen[0]?.init.body).toBe(JSON.stringify({ email: 'a@b.c', password: 'password1', session: 'cookie' }));
  });

  it('turns a stale save into a conflict that carries the latest modifier', async () => {
    const { fetch } = fakeFetch(409, { error: { code: 'modifier.conflict', message: 'Changed meanwhile' }, current: { ...modifier, version: 4 } });
    const admin = createAdminClient({ baseUrl: '', fetch });
    const failure = await admin.updateModifier('slugify', { version: 3, source: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModifierConflictError);
    expect((failure as ModifierConflictError).latest.version).toBe(4);
    expect((failure as ModifierConflictError).status).toBe(409);
  });

  it('keeps the server error code and the offending field', async () => {
    const { fetch } = fakeFetch(400, { error: { code: 'modifier.syntax', message: 'Unexpected token', path: 'body.source', details: { line: 2, column: 5 } } });
    const admin = createAdminClient({ baseUrl: '', fetch });
    const failure = await admin.createModifier({ name: 'x', label: 'X', source: '(' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: 'modifier.syntax', path: 'body.source', details: { line: 2, column: 5 } });
  });

  it('answers a failing test run as a result, not an exception', async () => {
    const { fetch, seen } = fakeFetch(200, { ok: false, error: { code: 'SANDBOX_THROWN', message: 'boom', line: 3, column: 9 } });
    const admin = createAdminClient({ baseUrl: '', fetch });
    const result = await admin.testModifier({ source: 'function run(){throw new Error("boom")}', args: [], value: 1 });
    expect(result).toMatchObject({ ok: false, error: { line: 3 } });
    expect(seen[0]?.url).toBe('/modifiers/test');
  });

  it('rejects an answer of the wrong shape', async () => {
    const { fetch } = fakeFetch(200, { retry: { baseMs: 'fast' } });
    const admin = createAdminClient({ baseUrl: '', fetch });
    await expect(admin.getSettings()).rejects.toMatchObject({ code: 'response.invalid' });
  });

  it('reports an unreachable engine as network.failed', async () => {
    const admin = createAdminClient({ baseUrl: '', fetch: () => Promise.reject(new TypeError('offline')) });
    await expect(admin.listModifiers()).rejects.toMatchObject({ status: 0, code: 'network.failed' });
  });

  it('uses the disable and enable routes', async () => {
    const { fetch, seen } = fakeFetch(204);
    const admin = createAdminClient({ baseUrl: '', fetch });
    await admin.setUserDisabled('u 1', true);
    await admin.setUserDisabled('u 1', false);
    expect(seen.map((s) => `${s.init.method} ${s.url}`)).toEqual(['POST /admin/users/u%201/disable', 'POST /admin/users/u%201/enable']);
  });
});

/** An id that needs encoding: a client that forgets to encode it lands on another route or none. */
const ID = 'a/b c?';

/** One argument list per method; a method added to AdminClient without one here is a type error. */
const ARGS: { [M in keyof AdminClient]: Parameters<AdminClient[M]> } = {
  login: [{ email: 'a@b.c', password: 'password1' }],
  setPassword: [{ token: 't', password: 'password1password1' }],
  logout: [],
  getUser: [],
  listModifiers: [],
  getModifier: [ID],
  createModifier: [{ name: 'x', label: 'X', source: 'function run(v) { return v }' }],
  updateModifier: [ID, { version: 1, source: 'x' }],
  deleteModifier: [ID],
  listModifierVersions: [ID],
  testModifier: [{ name: 'upper', value: 'x' }],
  listUsers: [{ offset: 50 }],
  listTenants: [{ search: 'acme' }],
  getTenant: [ID],
  stopFlow: [ID],
  setUserDisabled: [ID, true],
  revokeUserTokens: [ID],
  listUnprocessed: [{ flowId: 'f1' }],
  getUnprocessed: [ID],
  editUnprocessed: [ID, { message: {} }],
  deleteUnprocessed: [ID],
  retryUnprocessed: [ID],
  listHostKeys: [],
  listAudit: [{ actor: 'u1' }],
  createHostKey: [{ name: 'k', scopes: ['read'] }],
  revokeHostKey: [ID],
  getSettings: [],
  putSettings: [{} as never],
  listConnectors: [],
  getConnectorConfig: [ID],
  putConnectorConfig: [ID, { values: {} }],
};

async function callEveryMethod(answer: () => Response) {
  const results: { name: keyof AdminClient; sent: { method: string; path: string }[]; outcome: PromiseSettledResult<unknown> }[] = [];
  for (const name of Object.keys(ARGS) as (keyof AdminClient)[]) {
    const sent: { method: string; path: string }[] = [];
    const fetch: FetchLike = async (url, init) => {
      sent.push({ method: init.method ?? 'GET', path: new URL(url).pathname });
      return answer();
    };
    const admin = createAdminClient({ baseUrl: 'http://engine', fetch });
    const [outcome] = await Promise.allSettled([(admin[name] as (...args: unknown[]) => Promise<unknown>)(...ARGS[name])]);
    results.push({ name, sent, outcome });
  }
  return results;
}

describe('every method of the admin client', () => {
  it('calls a method and path of the route table, with its parameters encoded', async () => {
    const outside: string[] = [];
    for (const { name, sent } of await callEveryMethod(() => new Response(null, { status: 204 }))) {
      expect(sent, name).toHaveLength(1);
      const route = matchRoute(sent[0]!.method, sent[0]!.path);
      if (!route) outside.push(`${name}: ${sent[0]!.method} ${sent[0]!.path}`);
      else for (const value of Object.values(route.params)) expect(value, `${name} → ${route.key}`).toBe(ID);
    }
    expect(outside).toEqual([]);
  });

  it('rejects an answer that does not fit the route\'s response schema with response.invalid', async () => {
    const accepted: string[] = [];
    for (const { name, sent, outcome } of await callEveryMethod(() => new Response('42', { status: 200, headers: { 'content-type': 'application/json' } }))) {
      const route = matchRoute(sent[0]!.method, sent[0]!.path)!;
      if (!route.spec.response) expect(outcome, name).toEqual({ status: 'fulfilled', value: undefined });
      else if (outcome.status === 'fulfilled') accepted.push(name);
      else expect(outcome.reason, name).toMatchObject({ code: 'response.invalid' });
    }
    expect(accepted).toEqual([]);
  });
});
