/**
 * The route table (ROUTES of @weft/api-client) and the Hono app agree: every handler the app
 * registers has an entry, and every entry has a handler. Every optional part is mounted (stubs: no
 * route is called here), so that no route hides behind an option. The static front ends
 * (`staticRoots`: the Studio, Backoffice, SDK files) are files, not API routes, and are not mounted.
 */
import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES, routeAuths, splitRouteKey, type RouteSpec } from '@weft/api-client';
import { createApp } from '../../src/api/app.ts';
import { openApiDocument } from '../../src/api/openapi.ts';

function fullApp() {
  const stub = {} as never;
  return createApp({
    engine: { store: {}, components: {}, logIndex: {}, logs: {}, reportError() {} } as never,
    version: 'test', corsOrigins: [], maxBodyBytes: 1_000, tokenTtlMs: 1_000, signup: 'open',
    loginLimits: { perEmail: 5, perAddress: 5, windowMs: 1_000 }, trustProxy: false, adapters: { store: 'embedded', bus: 'embedded', logs: 'embedded' },
    sandbox: stub, accounts: stub, oauth: stub, connectorConfigs: stub, connectors: stub, templates: stub, audit: stub,
  });
}

/** `'GET /flows/:id'` → `'GET /flows/{id}'`; `ALL` routes that are not middleware (webhooks) are listed under POST. */
function registeredHandlers(routes: readonly { method: string; path: string }[]): string[] {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) (methodsByPath.get(path) ?? methodsByPath.set(path, new Set()).get(path)!).add(method);
  const handlers = new Set<string>();
  for (const { method, path } of routes) {
    if (method === 'ALL') {
      // Middleware: `app.use('/x/*')`, `app.use('/x')` next to it, or in front of a route of the same path.
      const isMiddleware = path.endsWith('*') || methodsByPath.has(`${path}/*`) || [...methodsByPath.get(path)!].some((m) => m !== 'ALL');
      if (isMiddleware) continue;
    }
    handlers.add(`${method === 'ALL' ? 'POST' : method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...handlers].sort();
}

describe('the route table', () => {
  const app = fullApp();
  const handlers = registeredHandlers(app.routes);
  const entries = Object.keys(ROUTES).sort();

  it('has an entry for every handler the app registers', () => {
    expect(handlers.length).toBeGreaterThan(90);
    expect(handlers.filter((key) => !(key in ROUTES))).toEqual([]);
  });

  it('has a handler for every entry', () => {
    expect(entries.filter((key) => !handlers.includes(key))).toEqual([]);
  });

  it('finds a middleware-only path as no handler, and an unknown handler as missing', () => {
    const found = registeredHandlers([{ method: 'ALL', path: '/x/*' }, { method: 'ALL', path: '/x' }, { method: 'GET', path: '/x/:id' }, { method: 'ALL', path: '/hook/:id' }]);
    expect(found).toEqual(['GET /x/{id}', 'POST /hook/{id}']);
    expect(found.filter((key) => !(key in ROUTES))).toHaveLength(2);
  });

  it('says who may call every route: user routes name a tenant role, write routes are not GETs', () => {
    for (const [key, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
      const auths = routeAuths(spec);
      expect(auths.length, key).toBeGreaterThan(0);
      expect(auths.includes('user') === (spec.role !== undefined), `${key}: role goes with user auth`).toBe(true);
      if (splitRouteKey(key).method === 'GET') expect(spec.role === 'editor' || spec.role === 'owner', `${key} is a GET`).toBe(false);
      if (spec.supportMayWrite) expect(spec.role, key).toBe('editor');
    }
  });

  it('matches a request to its entry, literal segments first', () => {
    expect(matchRoute('GET', '/accounts/types')?.key).toBe('GET /accounts/types');
    expect(matchRoute('GET', '/accounts/a1')).toMatchObject({ key: 'GET /accounts/{id}', params: { id: 'a1' } });
    expect(matchRoute('POST', '/flows/import')?.key).toBe('POST /flows/import');
    expect(matchRoute('PATCH', '/flows/f/components/c')?.key).toBe('POST /flows/{flowId}/components/{componentId}');
    expect(matchRoute('POST', '/nowhere')).toBeUndefined();
  });

  it('documents every entry in /openapi.json', () => {
    const document = openApiDocument('test') as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(entries);
  });
});
