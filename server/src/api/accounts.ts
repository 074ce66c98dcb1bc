/** @module Account routes: the caller's connected accounts; secrets go in, never out (shown as ••••). */
import { Hono } from 'hono';
import { ConnectorAccountBody, DeleteAccountQuery, GenericAccountBody, OAuthStartBody, TestAccountBody, UpdateAccountBody } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { Accounts } from '../accounts/accounts.ts';
import { CALLBACK_SCRIPT, callbackPage, type OAuthFlows } from '../accounts/oauth-flows.ts';
import { PAGE_HEADERS } from './page-headers.ts';
import type { Engine } from '../engine/engine.ts';
import type { ApiEnv } from './app-env.ts';
import { readBody, readQuery } from './validate-request.ts';

/** Where providers send the browser back: `<public URL>/oauth/callback`. */
export function oauthRedirectUri(publicUrl: string | undefined, requestUrl: string): string {
  return `${(publicUrl ?? new URL(requestUrl).origin).replace(/\/$/, '')}/oauth/callback`;
}

/** `GET /oauth/callback` (public: the popup carries no token; the state is the credential) and its script. */
export function oauthCallbackRoutes(oauth: OAuthFlows) {
  return new Hono<ApiEnv>()
    .get('/callback', async (c) => {
      const result = await oauth.callback(c.req.query());
      for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
      c.header('cache-control', 'no-store');
      return c.html(callbackPage(result), result.ok ? 200 : 400);
    })
    .get('/callback.js', (c) => {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
      c.header('content-type', 'text/javascript; charset=utf-8');
      return c.body(CALLBACK_SCRIPT);
    });
}

export function accountRoutes(accounts: Accounts, engine: Engine, oauth?: OAuthFlows, publicUrl?: string) {
  return new Hono<ApiEnv>()
    .get('/', async (c) => c.json({ items: await accounts.list(c.get('user').id) }))
    .get('/types', (c) => c.json({ items: accounts.connectorTypes() }))
    .post('/oauth/start', async (c) => {
      if (!oauth) throw new WeftError('route.not_found', 'OAuth accounts are not available on this installation.');
      const body = await readBody(c, OAuthStartBody);
      const started = await oauth.start(c.get('user').id, body, oauthRedirectUri(publicUrl, c.req.url));
      return c.json(started, 'account' in started ? 201 : 200);
    })
    .post('/', async (c) => {
      // Which of the two bodies it is decides the schema, so a refusal points at the field, not at `body`.
      const body = await readBody(c, namesConnector(await c.req.text()) ? ConnectorAccountBody : GenericAccountBody);
      return c.json(await accounts.create(c.get('user').id, body), 201);
    })
    .get('/:id', async (c) => c.json(await accounts.get(c.get('user').id, c.req.param('id'))))
    .patch('/:id', async (c) => {
      const body = await readBody(c, UpdateAccountBody);
      return c.json(await accounts.update(c.get('user').id, c.req.param('id'), body));
    })
    .delete('/:id', async (c) => {
      const userId = c.get('user').id;
      const id = c.req.param('id');
      const { force } = readQuery(c, DeleteAccountQuery);
      await accounts.get(userId, id);
      const flows = await accounts.usedBy(userId, id);
      if (flows.length > 0 && force !== 'true') {
        const names = flows.map((flow) => `"${flow.name}"`).join(', ');
        throw new WeftError('account.in_use', `Running flows use this account: ${names}. Stop them first, or remove it with ?force=true, which stops them.`, { path: 'params.id', details: { flows } });
      }
      for (const { flowId } of flows) {
        const record = await engine.store.getFlow(flowId, userId);
        if (record?.stage === 'running') await engine.stopFlow(record);
      }
      await accounts.remove(userId, id);
      return c.body(null, 204);
    })
    .post('/:id/test', async (c) => {
      const body = await readBody(c, TestAccountBody);
      return c.json(await accounts.test(c.get('user').id, c.req.param('id'), body.url));
    });
}

/** Whether a `POST /accounts` body is a connector's account (`{ connector, … }`); readBody reports anything malformed. */
function namesConnector(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'connector' in value;
  } catch {
    return false;
  }
}
