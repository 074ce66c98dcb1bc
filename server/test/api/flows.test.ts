import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const webhookFlow = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  reply: {
    type: 'weft.utils.http.Response', x: 200, y: 0,
    source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { status: 200, body: { hello: '{{{$.hook.out.query.name | upper}}}' } } } } } } },
  },
};

describe('the flows API', () => {
  let weft: TestWeft;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    alice = await weft.signup();
    bob = await weft.signup();
  });
  afterAll(() => weft.close());

  describe('when a user creates, reads, lists and updates a flow', () => {
    it('keeps versions and refuses a stale update with 409 and the current flow', async () => {
      const flowId = await alice.createFlow(webhookFlow, 'Greeter');
      const read = await alice.call('GET', `/flows/${flowId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ flowId, name: 'Greeter', stage: 'stopped', version: 1, componentCount: 2 });

      const renamed = await alice.call('PUT', `/flows/${flowId}`, { version: 1, name: 'Greeter v2' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(2);

      const stale = await alice.call('PUT', `/flows/${flowId}`, { version: 1, name: 'Lost update' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('flow.conflict');
      expect(stale.body.current).toMatchObject({ name: 'Greeter v2', version: 2 });
      expect((await alice.call('GET', `/flows/${flowId}`)).body.name).toBe('Greeter v2');
    });

    it('lists with search, stage filter, sort and paging', async () => {
      for (const name of ['alpha report', 'beta report', 'gamma']) await alice.createFlow({}, name);
      const page = await alice.call('GET', '/flows?search=report&sort=name&order=asc&limit=1');
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(2);
      expect(page.body.items.map((f: { name: string }) => f.name)).toEqual(['alpha report']);
      const second = await alice.call('GET', '/flows?search=report&sort=name&order=asc&limit=1&offset=1');
      expect(second.body.items[0].name).toBe('beta report');
      const running = await alice.call('GET', '/flows?stage=running');
      expect(running.body.items.every((f: { stage: string }) => f.stage === 'running')).toBe(true);
    });

    it('clones a flow as a new stopped flow', async () => {
      const flowId = await alice.createFlow(webhookFlow, 'Original');
      const clone = await alice.call('POST', `/flows/${flowId}/clone`, {});
      expect(clone.status).toBe(201);
      const copy = await alice.call('GET', `/flows/${clone.body.flowId}`);
      expect(copy.body).toMatchObject({ name: 'Original (copy)', stage: 'stopped', version: 1 });
      expect(copy.body.flow).toEqual((await alice.call('GET', `/flows/${flowId}`)).body.flow);
    });
  });

  describe('when a widget on another origin needs a webhook\'s address', () => {
    it('reads it from the flow, and the address answers', async () => {
      const flowId = await alice.createFlow(webhookFlow, 'Greeter');
      const read = await alice.call<{ webhookBaseUrl: string }>('GET', `/flows/${flowId}`);
      expect(read.body.webhookBaseUrl).toBe(`${weft.url}/flows/${flowId}/components`);
      await alice.startFlow(flowId);
      const answer = await http(`${read.body.webhookBaseUrl}/hook?name=ada`);
      expect(answer).toMatchObject({ status: 200, body: { hello: 'ADA' } });
    });

    it('uses WEFT_WEBHOOK_URL when webhooks are published elsewhere', async () => {
      const hooks = await startTestWeft({ env: { WEFT_WEBHOOK_URL: 'https://hooks.example.com/' } });
      try {
        const carol = await hooks.signup();
        const flowId = await carol.createFlow(webhookFlow);
        expect((await carol.call('GET', `/flows/${flowId}`)).body.webhookBaseUrl).toBe(`https://hooks.example.com/flows/${flowId}/components`);
      } finally {
        await hooks.close();
      }
    });
  });

  describe('when another user asks for a flow', () => {
    it('answers 404 and lists nothing of it', async () => {
      const flowId = await alice.createFlow(webhookFlow, 'Private');
      expect((await bob.call('GET', `/flows/${flowId}`)).status).toBe(404);
      expect((await bob.call('PUT', `/flows/${flowId}`, { version: 1, name: 'x' })).status).toBe(404);
      expect((await bob.call('DELETE', `/flows/${flowId}`)).status).toBe(404);
      expect((await bob.call('POST', `/flows/${flowId}/start`)).status).toBe(404);
      const list = await bob.call('GET', '/flows');
      expect(list.body.items.find((f: { flowId: string }) => f.flowId === flowId)).toBeUndefined();
    });
  });

  describe('when the request is bad', () => {
    it('refuses malformed JSON with a clear error and creates nothing', async () => {
      const before = (await alice.call('GET', '/flows')).body.total;
      const result = await http(`${weft.url}/flows`, { method: 'POST', token: alice.token, raw: '{"name": ', headers: { 'content-type': 'application/json' } });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'request.malformed_json', path: 'body' } });
      expect((await alice.call('GET', '/flows')).body.total).toBe(before);
    });

    it('names the offending field of a wrong type', async () => {
      const result = await alice.call('POST', '/flows', { name: 42 });
      expect(result.status).toBe(400);
      expect(result.body.error).toMatchObject({ code: 'request.invalid', path: 'body.name' });
      expect(result.body.error.message).toMatch(/name/);
    });

    it('points at the broken part of a descriptor', async () => {
      const result = await alice.call('POST', '/flows', { name: 'bad', flow: { a1: { type: 'not a type', x: 0, y: 0 } } });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('flow.schema');
      expect(result.body.error.path).toBe('body.flow.a1.type');
    });

    it('keeps sample data pinned to a component, and refuses a pin too big to be a sample', async () => {
      const pinned = { out: { method: 'POST', headers: {}, query: {}, body: { name: 'Ada' } } };
      const flowId = await alice.createFlow({ hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, pinned } }, 'Pinned');
      expect((await alice.call('GET', `/flows/${flowId}`)).body.flow.hook.pinned).toEqual(pinned);
      const huge = await alice.call('PUT', `/flows/${flowId}`, { version: 1, flow: { hook: { type: 'weft.utils.http.Webhook', pinned: { out: 'x'.repeat(70_000) } } } });
      expect(huge.status).toBe(400);
      expect(huge.body.error).toMatchObject({ code: 'flow.schema', path: 'body.flow.hook.pinned' });
    });

    it('refuses an oversized body with 413', async () => {
      const result = await alice.call('POST', '/flows', { name: 'big', flow: { a: { type: 'weft.utils.transform.Set', x: 0, y: 0, label: 'x'.repeat(2_000_000) } } });
      expect(result.status).toBe(413);
      expect(result.body.error.code).toBe('request.too_large');
    });

    it('refuses an oversized chunked body (no Content-Length) with 413 too', async () => {
      const { request } = await import('node:http');
      const url = new URL(`${weft.url}/flows`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: '/flows', method: 'POST', headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < 40; i++) req.write('x'.repeat(64 * 1024));
        req.end();
      });
      expect(status).toBe(413);
    });

    it('asks for a token when there is none, and refuses a bad one', async () => {
      expect((await http(`${weft.url}/flows`)).body).toMatchObject({ error: { code: 'auth.required' } });
      const bad = await http(`${weft.url}/flows`, { token: 'nope' });
      expect(bad.status).toBe(401);
      expect(bad.body).toMatchObject({ error: { code: 'auth.invalid_token' } });
    });

    it('answers unknown routes with JSON', async () => {
      const result = await alice.call('GET', '/nothing-here');
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('route.not_found');
    });
  });

  describe('when a flow is invalid', () => {
    it('lists every problem and refuses to start it', async () => {
      const flowId = await alice.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        ghost: { type: 'weft.utils.nothing.Here', x: 0, y: 0 },
        reply: { type: 'weft.utils.http.Response', x: 0, y: 0, source: { in: { missing: ['out'] } } },
      });
      const report = await alice.call('GET', `/flows/${flowId}/validate`);
      expect(report.status).toBe(200);
      expect(report.body.valid).toBe(false);
      const codes = report.body.problems.map((p: { code: string }) => p.code);
      expect(codes).toEqual(expect.arrayContaining(['component.unknown_type', 'edge.missing_component']));
      const start = await alice.call('POST', `/flows/${flowId}/start`);
      expect(start.status).toBe(422);
      expect(start.body.error.code).toBe('flow.invalid');
      expect(start.body.error.details.length).toBe(report.body.problems.length);
      expect((await alice.call('GET', `/flows/${flowId}`)).body.stage).toBe('stopped');
    });
  });

  describe('auth', () => {
    it('logs in, revokes the token on logout, and refuses a taken email', async () => {
      const email = `carol-${Date.now()}@example.com`;
      const carol = await weft.signup(email);
      expect((await http(`${weft.url}/auth/signup`, { body: { email: email.toUpperCase(), password: 'another password' } })).status).toBe(409);
      expect((await http(`${weft.url}/auth/login`, { body: { email, password: 'wrong password' } })).status).toBe(401);
      const login = await http<{ token: string }>(`${weft.url}/auth/login`, { body: { email, password: 'correct horse battery' } });
      expect(login.status).toBe(200);
      expect((await http(`${weft.url}/user`, { token: login.body.token })).body).toMatchObject({ email });
      expect((await carol.call('POST', '/auth/logout')).status).toBe(204);
      expect((await carol.call('GET', '/user')).status).toBe(401);
    });
  });

  describe('documentation and health', () => {
    it('serves an OpenAPI document generated from the schemas', async () => {
      const doc = await http<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(`${weft.url}/openapi.json`);
      expect(doc.body.openapi).toBe('3.1.0');
      expect(doc.body.paths['/flows']?.post?.requestBody).toBeDefined();
      expect(Object.keys(doc.body.paths).length).toBeGreaterThan(15);
    });

    it('answers health without a token', async () => {
      expect((await http(`${weft.url}/health`)).body).toMatchObject({ status: 'ok', adapters: { store: 'embedded' } });
    });
  });

  describe('components', () => {
    it('lists manifests filtered by prefix and returns one by name', async () => {
      const list = await alice.call('GET', '/components?prefix=weft.utils.http');
      expect(list.body.items.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['weft.utils.http.Webhook', 'weft.utils.http.Response']));
      expect(list.body.items.every((m: { name: string }) => m.name.startsWith('weft.utils.http'))).toBe(true);
      expect((await alice.call('GET', '/components/weft.utils.http.Webhook')).body.webhook).toBe(true);
      expect((await alice.call('GET', '/components/weft.nope.Nope')).status).toBe(404);
    });

    it('loads dynamic select options: CallFlow offers the caller\'s own flows only', async () => {
      const mine = await alice.createFlow({}, 'Alice target');
      await bob.createFlow({}, 'Bob secret');
      const options = await alice.call('GET', '/components/weft.utils.controls.CallFlow/options/flows');
      expect(options.status).toBe(200);
      expect(options.body.items).toContainEqual({ label: 'Alice target (stopped)', value: mine });
      expect(options.body.items.some((o: { label: string }) => o.label.startsWith('Bob secret'))).toBe(false);
      expect((await alice.call('GET', '/components/weft.utils.http.Webhook/options/anything')).body).toEqual({ items: [] });
      const bad = await alice.call('GET', '/components/weft.utils.controls.CallFlow/options/flows?properties=nope');
      expect(bad.status).toBe(400);
      expect(bad.body.error.path).toBe('query.properties');
    });
  });
});
