/**
 * OAuth 2 accounts against a real authorization server started here (oauth2-mock-server on
 * 127.0.0.1) that rotates refresh tokens: a refresh token works once, as with providers that
 * log users out when two refreshes race (n8n#12742).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/accounts/accounts.ts';
import { createTokenEndpoint } from '../../src/accounts/token-endpoint.ts';
import { callWebhook, node, REQUEST, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

let provider: OAuth2Server;
let providerUrl: string;
let api: Server;
let apiUrl: string;
/** Token requests the provider answered, by grant type. */
const tokenRequests: Record<string, number> = {};
/** Refresh tokens that still work (each once). */
const liveRefreshTokens = new Set<string>();
/** Access tokens the protected API accepts. */
const accessTokens = new Set<string>();
/** What the next code grant's token says about its lifetime (1 s: the account needs a refresh at once). */
let codeGrantExpiresIn = 1;
let lastCodeVerifier: string | undefined;
let lastClientSecret: string | undefined;

beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  providerUrl = provider.issuer.url!;
  provider.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, request: { body: Record<string, string> }) => {
    const grant = request.body.grant_type ?? '?';
    tokenRequests[grant] = (tokenRequests[grant] ?? 0) + 1;
    if (grant === 'refresh_token') {
      if (!liveRefreshTokens.delete(request.body.refresh_token ?? '')) {
        response.statusCode = 400;
        response.body = { error: 'invalid_grant', error_description: 'refresh token already used or revoked' };
        return;
      }
      response.body.expires_in = 3600;
    }
    if (grant === 'authorization_code') {
      lastCodeVerifier = request.body.code_verifier;
      lastClientSecret = request.body.client_secret;
      response.body.expires_in = codeGrantExpiresIn;
    }
    if (typeof response.body.refresh_token === 'string') liveRefreshTokens.add(response.body.refresh_token);
    if (typeof response.body.access_token === 'string') accessTokens.add(response.body.access_token);
  });
  api = createServer((request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const ok = token !== undefined && accessTokens.has(token);
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { hello: 'johndoe' } : { error: 'invalid token' }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  await provider.stop();
});

function requestWith(account: string) {
  return {
    hook: node(WEBHOOK),
    request: node(REQUEST, ['hook.out'], { lambda: { url: `${apiUrl}/me` }, properties: { account } }),
    reply: reply('request.out', '{{{$.request.out.body}}}'),
  };
}

describe('OAuth 2 accounts', () => {
  let weft: TestWeft;
  let ada: TestUser;

  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_WEBHOOK_TIMEOUT_MS: '15000' } });
    ada = await weft.signup();
  });
  afterAll(async () => {
    await weft.close();
  });

  /** Runs the popup's journey without a browser: authorize (the provider signs johndoe in), then the callback. */
  async function connect(user: TestUser, name: string, reconnect: { accountId?: string } = {}): Promise<{ accountId: string; callback: string; page: Awaited<ReturnType<typeof http>> }> {
    const started = await user.call('POST', '/accounts/oauth/start', {
      ...reconnect, name, openerOrigin: 'https://app.example.com',
      authDefinition: { authorizationUrl: `${providerUrl}/authorize`, tokenUrl: `${providerUrl}/token`, clientId: 'weft-test', clientSecret: 'client-s3cret', scopes: ['read', 'write'] },
    });
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBe(started.body.state);
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const callback = redirect.headers.get('location')!;
    expect(callback.startsWith(`${weft.url}/oauth/callback?`)).toBe(true);
    const page = await http(callback);
    const data = JSON.parse(/<script type="application\/json" id="weft-oauth-result">(.*?)<\/script>/s.exec(String(page.body))![1]!) as { accountId: string };
    return { accountId: data.accountId, callback, page };
  }

  it('connects through the authorization code grant with PKCE, and the callback page posts the result to its opener', async () => {
    const { accountId, page } = await connect(ada, 'Provider');
    expect(page.status).toBe(200);
    expect(lastCodeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(String(page.body)).toContain('"targetOrigin":"https://app.example.com"');
    expect(String(page.body)).toContain('<script src="/oauth/callback.js"></script>');
    expect((await http(`${weft.url}/oauth/callback.js`)).status).toBe(200);
    const account = await ada.call('GET', `/accounts/${accountId}`);
    expect(account.body).toMatchObject({ type: 'oauth2', name: 'Provider', status: 'valid', fields: { accessToken: '••••', clientId: 'weft-test', scopes: 'read write' } });
    expect(JSON.stringify(account.body)).not.toContain('client-s3cret');
  });

  it('accepts a state once, and refuses an unknown one', async () => {
    const { callback } = await connect(ada, 'Once');
    const replay = await http(callback);
    expect(replay.status).toBe(400);
    expect(String(replay.body)).toContain('already used');
    const unknown = await http(`${weft.url}/oauth/callback?state=forged&code=x`);
    expect(unknown.status).toBe(400);
    expect(String(unknown.body)).toContain('unknown or older than 10 minutes');
  });

  it('refreshes an expiring token exactly once for 50 concurrent deliveries, and none fails', async () => {
    const { accountId } = await connect(ada, 'Busy');
    const flowId = await ada.createFlow(requestWith(accountId));
    await ada.startFlow(flowId);
    const before = tokenRequests.refresh_token ?? 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => callWebhook(weft, flowId, {})));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(answers.every((answer) => (answer.body as { hello?: string }).hello === 'johndoe')).toBe(true);
    expect((tokenRequests.refresh_token ?? 0) - before).toBe(1);
    expect((await ada.call('GET', `/accounts/${accountId}`)).body.status).toBe('valid');
  });

  it('refreshes once across processes: instances sharing the Store wait for the lease holder', async () => {
    const { accountId } = await connect(ada, 'Shared');
    const store = weft.weft.engine.store;
    const endpoint = createTokenEndpoint({ allowPrivateNetwork: true });
    const refused = async () => ({ ok: false, message: 'unused' });
    // Three "processes": nothing shared but the Store.
    const processes = [0, 1, 2].map(() => new Accounts(store, weft.weft.secrets, refused, endpoint));
    const before = tokenRequests.refresh_token ?? 0;
    const resolved = await Promise.all(Array.from({ length: 30 }, (_, i) => processes[i % 3]!.resolve(ada.userId, accountId)));
    expect((tokenRequests.refresh_token ?? 0) - before).toBe(1);
    const tokens = new Set(resolved.map((r) => r.auth.fields.accessToken));
    expect(tokens.size).toBe(1);
    expect(accessTokens.has([...tokens][0]!)).toBe(true);
  });

  it('marks the account invalid when the provider refuses the refresh token, and parks the message with a clear error', async () => {
    const { accountId } = await connect(ada, 'Revoked');
    liveRefreshTokens.clear(); // revoked on the provider's side
    const flowId = await ada.createFlow(requestWith(accountId));
    await ada.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, {});
    expect(answer.status).toBe(500);
    const account = await ada.call('GET', `/accounts/${accountId}`);
    expect(account.body).toMatchObject({ status: 'invalid', statusReason: expect.stringContaining('invalid_grant') });
    const parked = await ada.call('GET', `/unprocessed-messages?flowId=${flowId}`);
    expect(parked.body.items).toHaveLength(1);
    expect(parked.body.items[0].error).toMatchObject({ code: 'account.invalid', message: expect.stringContaining('Reconnect it') });
    // No retry storm: one refresh attempt, then the account is left alone.
    const refreshes = tokenRequests.refresh_token;
    expect((await callWebhook(weft, flowId, {})).status).toBe(500);
    expect(tokenRequests.refresh_token).toBe(refreshes);
    expect((await ada.call('GET', `/unprocessed-messages?flowId=${flowId}`)).body.items).toHaveLength(2);

    // Reconnected through the popup: same account, valid again, and its parked messages run again.
    const reconnected = await connect(ada, 'Revoked', { accountId });
    expect(reconnected.accountId).toBe(accountId);
    expect((await ada.call('GET', '/accounts')).body.items.filter((item: { name: string }) => item.name === 'Revoked')).toHaveLength(1);
    await ada.waitForLogs({ flowId }, (records) => records.filter((record) => record.componentId === 'reply' && record.direction === 'in').length === 2);
    expect((await ada.call('GET', `/unprocessed-messages?flowId=${flowId}`)).body.items).toEqual([]);
    expect((await ada.call('GET', `/accounts/${accountId}`)).body).toMatchObject({ status: 'valid', lastUsedAt: expect.any(Number) });
  });

  it("refuses to reconnect another user's account", async () => {
    const { accountId } = await connect(ada, 'Not Eve\'s');
    const eve = await weft.signup();
    const refused = await eve.call('POST', '/accounts/oauth/start', {
      name: 'Stolen', accountId, authDefinition: { authorizationUrl: `${providerUrl}/authorize`, tokenUrl: `${providerUrl}/token`, clientId: 'weft-test' },
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('account.not_found');
  });

  it('connects a client credentials account at once and calls the API with it', async () => {
    const started = await ada.call('POST', '/accounts/oauth/start', {
      name: 'Machine', authDefinition: { grant: 'client_credentials', tokenUrl: `${providerUrl}/token`, clientId: 'svc', clientSecret: 'svc-s3cret', scopes: ['read'] },
    });
    expect(started.status).toBe(201);
    expect(started.body.account).toMatchObject({ type: 'oauth2', fields: { grant: 'client_credentials', accessToken: '••••' } });
    const flowId = await ada.createFlow(requestWith(started.body.account.id));
    await ada.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ hello: 'johndoe' });
  });

  it("does not let another user start a grant's callback into their account list", async () => {
    const eve = await weft.signup();
    await connect(ada, 'Ada only');
    expect((await eve.call('GET', '/accounts')).body.items).toEqual([]);
  });
});

describe('when the API refuses an OAuth access token before it expires', () => {
  it('renews the token once and the call succeeds on its next attempt', async () => {
    const weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_WEBHOOK_TIMEOUT_MS: '15000' } });
    try {
      const ada = await weft.signup();
      codeGrantExpiresIn = 3600;
      const started = await ada.call('POST', '/accounts/oauth/start', {
        name: 'Revoked early', authDefinition: { authorizationUrl: `${providerUrl}/authorize`, tokenUrl: `${providerUrl}/token`, clientId: 'weft-test', scopes: [] },
      });
      const redirect = await fetch(started.body.authorizeUrl, { redirect: 'manual' });
      const page = await http(redirect.headers.get('location')!);
      const accountId = (JSON.parse(/id="weft-oauth-result">(.*?)<\/script>/s.exec(String(page.body))![1]!) as { accountId: string }).accountId;
      const flowId = await ada.createFlow(requestWith(accountId));
      await ada.startFlow(flowId);
      expect((await callWebhook(weft, flowId, {})).status).toBe(200);

      accessTokens.clear(); // the API forgets every token issued so far
      const before = tokenRequests.refresh_token ?? 0;
      const answer = await callWebhook(weft, flowId, {});
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ hello: 'johndoe' });
      expect((tokenRequests.refresh_token ?? 0) - before).toBe(1);
    } finally {
      codeGrantExpiresIn = 1;
      await weft.close();
    }
  });
});

describe('when an operator configures a connector\'s OAuth client', () => {
  it('keeps the client secret sealed, shows it as ••••, and users connect with the connector alone', async () => {
    const weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true' } });
    try {
      const operator = await weft.operator();
      const user = await weft.signup();
      const config = {
        values: { authorizationUrl: `${providerUrl}/authorize`, tokenUrl: `${providerUrl}/token`, clientId: 'configured-client', clientSecret: 'op-s3cret', scopes: 'read write' },
      };
      expect((await user.call('PUT', '/connectors/weft.utils.http/config', config)).status).toBe(403);
      expect((await operator.call('PUT', '/connectors/acme.nothing/config', config)).status).toBe(404);
      const unconfigured = await user.call('POST', '/accounts/oauth/start', { name: 'Too early', connector: 'weft.utils.http' });
      expect(unconfigured.status).toBe(422);
      expect(unconfigured.body.error).toMatchObject({ code: 'connector.not_configured', path: 'body.connector' });

      const saved = await operator.call('PUT', '/connectors/weft.utils.http/config', config);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ connector: 'weft.utils.http', secretFields: ['clientSecret'], values: { clientId: 'configured-client', clientSecret: '••••' } });
      // Sent back as shown, the secret keeps its value.
      await operator.call('PUT', '/connectors/weft.utils.http/config', { values: { ...config.values, clientSecret: '••••' } });
      expect(JSON.stringify(await weft.weft.engine.store.getSetting('connector-config:weft.utils.http'))).not.toContain('op-s3cret');

      const started = await user.call('POST', '/accounts/oauth/start', { name: 'Via connector', connector: 'weft.utils.http' });
      expect(started.status).toBe(200);
      expect(new URL(started.body.authorizeUrl).searchParams.get('client_id')).toBe('configured-client');
      const redirect = await fetch(started.body.authorizeUrl, { redirect: 'manual' });
      const page = await http(redirect.headers.get('location')!);
      expect(page.status).toBe(200);
      expect(lastClientSecret).toBe('op-s3cret');
      const accounts = await user.call('GET', '/accounts');
      expect(accounts.body.items).toEqual([expect.objectContaining({ type: 'oauth2', name: 'Via connector', fields: expect.objectContaining({ clientId: 'configured-client' }) })]);
    } finally {
      await weft.close();
    }
  });
});
