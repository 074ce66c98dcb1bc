import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, REQUEST, reply, WEBHOOK } from '../connectors/flow-builder.ts';

const TOKEN = 'tok_live_5f1c9a7e2b';
const API_KEY = 'key_8d2e4f6a1c';
const PASSWORD = 'pw-3e7a91c4';

let api: Server;
let apiUrl: string;

beforeAll(async () => {
  // A remote API that checks each kind of credential.
  api = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const basic = `Basic ${Buffer.from(`ada:${PASSWORD}`).toString('base64')}`;
    const allowed =
      (url.pathname === '/bearer' && request.headers.authorization === `Bearer ${TOKEN}`) ||
      (url.pathname === '/header-key' && request.headers['x-api-key'] === API_KEY) ||
      (url.pathname === '/query-key' && url.searchParams.get('api_key') === API_KEY) ||
      (url.pathname === '/basic' && request.headers.authorization === basic);
    response.writeHead(allowed ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(allowed ? { ok: true, path: url.pathname } : { error: 'who are you?' }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

/** Webhook → Request (with `account`, URL from the webhook body) → Response with what Request got. */
function accountFlow(account: string) {
  return {
    hook: node(WEBHOOK),
    request: node(REQUEST, ['hook.out'], { lambda: { url: '{{{$.hook.out.body.url}}}' }, properties: { account } }),
    reply: reply('request.out', '{{{$.request.out.body}}}'),
  };
}

describe('connected accounts', () => {
  let weft: TestWeft;
  let ada: TestUser;
  let eve: TestUser;

  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_WEBHOOK_TIMEOUT_MS: '8000' } });
    ada = await weft.signup();
    eve = await weft.signup();
  });
  afterAll(async () => {
    await weft.close();
  });

  describe('when a user connects bearer, API key and Basic accounts', () => {
    it('answers 201 with the account, its secrets shown as ••••', async () => {
      const bearer = await ada.call('POST', '/accounts', { type: 'bearer', name: 'CRM', fields: { token: TOKEN } });
      expect(bearer.status).toBe(201);
      expect(bearer.body).toMatchObject({ id: expect.stringMatching(/^acc_/), type: 'bearer', name: 'CRM', fields: { token: '••••' }, status: 'valid', profile: {} });
      const apiKey = await ada.call('POST', '/accounts', { type: 'apiKey', name: 'Maps', fields: { in: 'query', name: 'api_key', value: API_KEY } });
      expect(apiKey.body).toMatchObject({ type: 'apiKey', fields: { in: 'query', name: 'api_key', value: '••••' } });
      const basic = await ada.call('POST', '/accounts', { type: 'basic', name: 'Legacy', fields: { username: 'ada', password: PASSWORD } });
      expect(basic.body).toMatchObject({ type: 'basic', fields: { username: 'ada', password: '••••' } });

      const list = await ada.call('GET', '/accounts');
      expect(list.status).toBe(200);
      expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['CRM', 'Maps', 'Legacy']);
      expect(JSON.stringify(list.body)).not.toMatch(new RegExp(`${TOKEN}|${API_KEY}|${PASSWORD}`));
      expect((await ada.call('GET', `/accounts/${bearer.body.id}`)).body).toEqual(bearer.body);
    });

    it('refuses a body of the wrong shape, pointing at the field', async () => {
      const answer = await ada.call('POST', '/accounts', { type: 'apiKey', name: 'Broken', fields: { in: 'cookie', name: 'k', value: 'v' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'request.invalid', path: 'body.fields.in' });
    });

    it('tests the credentials before storing them when a test URL is given', async () => {
      const good = await ada.call('POST', '/accounts', { type: 'bearer', name: 'Tested', fields: { token: TOKEN }, testUrl: `${apiUrl}/bearer` });
      expect(good.status).toBe(201);
      expect(good.body.testUrl).toBe(`${apiUrl}/bearer`);
      const before = (await ada.call('GET', '/accounts')).body.items.length;
      const bad = await ada.call('POST', '/accounts', { type: 'bearer', name: 'Wrong', fields: { token: 'nope-nope' }, testUrl: `${apiUrl}/bearer` });
      expect(bad.status).toBe(422);
      expect(bad.body.error).toMatchObject({ code: 'account.test_failed', message: expect.stringContaining('answered 401') });
      expect((await ada.call('GET', '/accounts')).body.items).toHaveLength(before);
    });

    it('renames an account, takes a new secret, and a test marks it invalid or valid again', async () => {
      const created = await ada.call('POST', '/accounts', { type: 'basic', name: 'Old name', fields: { username: 'ada', password: PASSWORD } });
      const id = created.body.id as string;
      const renamed = await ada.call('PATCH', `/accounts/${id}`, { name: 'New name' });
      expect(renamed.body).toMatchObject({ name: 'New name', fields: { username: 'ada', password: '••••' } });

      const broken = await ada.call('PATCH', `/accounts/${id}`, { fields: { password: 'wrong-password' } });
      expect(broken.status).toBe(200);
      const failed = await ada.call('POST', `/accounts/${id}/test`, { url: `${apiUrl}/basic` });
      expect(failed.body).toMatchObject({ ok: false, status: 401, account: { status: 'invalid', statusReason: expect.stringContaining('401') } });

      await ada.call('PATCH', `/accounts/${id}`, { fields: { password: PASSWORD } });
      const passed = await ada.call('POST', `/accounts/${id}/test`, { url: `${apiUrl}/basic` });
      expect(passed.body).toMatchObject({ ok: true, status: 200, account: { status: 'valid' } });
      expect(passed.body.account).not.toHaveProperty('statusReason');
    });

    it('asks for a URL when an account without a test URL is tested', async () => {
      const created = await ada.call('POST', '/accounts', { type: 'bearer', name: 'No URL', fields: { token: TOKEN } });
      const answer = await ada.call('POST', `/accounts/${created.body.id}/test`, {});
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'request.invalid', path: 'body.url' });
    });
  });

  describe("when another user reaches for someone's account", () => {
    it('answers 404 to every route and lists none of them', async () => {
      const created = await ada.call('POST', '/accounts', { type: 'bearer', name: 'Private', fields: { token: TOKEN } });
      const id = created.body.id as string;
      expect((await eve.call('GET', '/accounts')).body.items).toEqual([]);
      for (const [method, path, body] of [
        ['GET', `/accounts/${id}`, undefined],
        ['PATCH', `/accounts/${id}`, { name: 'mine now' }],
        ['POST', `/accounts/${id}/test`, { url: `${apiUrl}/bearer` }],
        ['DELETE', `/accounts/${id}`, undefined],
      ] as const) {
        const answer = await eve.call(method, path, body);
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.body.error.code).toBe('account.not_found');
      }
      expect((await ada.call('GET', `/accounts/${id}`)).body.name).toBe('Private');
    });

    it("refuses to start a flow naming another user's account, and validation says why", async () => {
      const adas = await ada.call('POST', '/accounts', { type: 'bearer', name: 'Ada only', fields: { token: TOKEN } });
      const flowId = await eve.createFlow(accountFlow(adas.body.id));
      const validation = await eve.call('GET', `/flows/${flowId}/validate`);
      expect(validation.body.valid).toBe(false);
      expect(validation.body.problems).toContainEqual(expect.objectContaining({ code: 'account.unusable', componentId: 'request', path: 'flow.request.config.properties.account' }));
      const start = await eve.call('POST', `/flows/${flowId}/start`);
      expect(start.status).toBe(422);
      expect(JSON.stringify(start.body)).toContain('account.unusable');
    });
  });

  describe('when http.Request names an account', () => {
    it('sends a Bearer token, an API key in the query and Basic credentials the remote API accepts', async () => {
      const cases = [
        [{ type: 'bearer', name: 'B', fields: { token: TOKEN } }, '/bearer'],
        [{ type: 'apiKey', name: 'Q', fields: { in: 'query', name: 'api_key', value: API_KEY } }, '/query-key'],
        [{ type: 'apiKey', name: 'H', fields: { in: 'header', name: 'X-Api-Key', value: API_KEY } }, '/header-key'],
        [{ type: 'basic', name: 'P', fields: { username: 'ada', password: PASSWORD } }, '/basic'],
      ] as const;
      for (const [body, path] of cases) {
        const account = await ada.call('POST', '/accounts', body);
        const flowId = await ada.createFlow(accountFlow(account.body.id));
        await ada.startFlow(flowId);
        const answer = await callWebhook(weft, flowId, { url: `${apiUrl}${path}` });
        expect(answer.status, path).toBe(200);
        expect(answer.body).toEqual({ ok: true, path });
      }
    });

    it('offers the caller\'s generic accounts in the inspector\'s account picker', async () => {
      const options = await eve.call('GET', `/components/${REQUEST}/options/accounts`);
      expect(options.status).toBe(200);
      expect(options.body.items).toEqual([{ label: 'None', value: '' }]);
      const mine = await ada.call('GET', `/components/${REQUEST}/options/accounts`);
      expect(mine.body.items.length).toBeGreaterThan(3);
      expect(mine.body.items).toContainEqual({ label: 'CRM (bearer)', value: expect.stringMatching(/^acc_/) });
    });
  });

  describe('when a user removes an account', () => {
    it('refuses with 409 and the flows while running flows use it, and ?force=true stops them', async () => {
      const account = await ada.call('POST', '/accounts', { type: 'bearer', name: 'In use', fields: { token: TOKEN } });
      const id = account.body.id as string;
      const flowId = await ada.createFlow(accountFlow(id), 'Uses the CRM');
      await ada.startFlow(flowId);

      const refused = await ada.call('DELETE', `/accounts/${id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'account.in_use', details: { flows: [{ flowId, name: 'Uses the CRM' }] } });
      expect((await ada.call('GET', `/accounts/${id}`)).status).toBe(200);

      const forced = await ada.call('DELETE', `/accounts/${id}?force=true`);
      expect(forced.status).toBe(204);
      expect((await ada.call('GET', `/accounts/${id}`)).status).toBe(404);
      expect((await ada.call('GET', `/flows/${flowId}`)).body.stage).toBe('stopped');
    });

    it('parks a message whose account is gone with a clear error', async () => {
      const account = await ada.call('POST', '/accounts', { type: 'bearer', name: 'Soon gone', fields: { token: TOKEN } });
      const flowId = await ada.createFlow(accountFlow(account.body.id));
      await ada.startFlow(flowId);
      // Removed behind the flow's back (the store, as another process would).
      await weft.weft.engine.store.deleteAccount(account.body.id, ada.userId);
      const answer = await callWebhook(weft, flowId, { url: `${apiUrl}/bearer` });
      expect(answer.status).toBe(500);
      const parked = await ada.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect(parked.body.items).toHaveLength(1);
      expect(parked.body.items[0].error).toMatchObject({ code: 'account.not_found', message: expect.stringContaining(account.body.id) });
    });
  });

  it('describes the account routes in /openapi.json', async () => {
    const doc = (await ada.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/accounts']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/accounts/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/accounts/{id}/test']).toHaveProperty('post');
  });
});
