/**
 * @module OAuth flows: starts an authorization code grant (PKCE S256) or a client credentials grant
 * for a generic OAuth 2 account, and finishes the code grant at the callback. A state is random,
 * single-use (an atomic counter in the Store), bound to the user who started it, and expires in
 * 10 minutes; what it must keep secret (PKCE verifier, client secret) is stored sealed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { WeftError } from '@weft/connector-kit';
import type { Account, OAuthStartBody, OAuthStartResponse } from '@weft/api-client';
import type { z } from 'zod';
import type { Store } from '../ports/store.ts';
import type { Accounts, OAuthAccountInput } from './accounts.ts';
import type { ConnectorConfigs } from './connector-configs.ts';
import type { TokenEndpoint } from './token-endpoint.ts';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
const PENDING = 'oauth:pending';
const USED = 'oauth:used';

interface PendingGrant {
  userId: string;
  /** Reconnect this account instead of creating one. */
  accountId?: string;
  input: Omit<OAuthAccountInput, 'clientSecret'>;
  redirectUri: string;
  openerOrigin?: string;
  createdAt: number;
  /** `{ verifier, clientSecret }` as JSON, sealed with the state bound. */
  sealed: string;
}

/** What the callback page tells its opener. */
export interface CallbackResult {
  ok: boolean;
  state: string;
  accountId?: string;
  error?: string;
  /** Where the page may post the result; `*` when the start named no opener (the result holds no secret). */
  targetOrigin: string;
}

export class OAuthFlows {
  constructor(
    private readonly store: Store,
    private readonly accounts: Accounts,
    private readonly tokenEndpoint: TokenEndpoint,
    private readonly configs?: ConnectorConfigs,
    private readonly now: () => number = Date.now,
  ) {}

  async start(userId: string, body: z.output<typeof OAuthStartBody>, redirectUri: string): Promise<OAuthStartResponse> {
    const definition = body.authDefinition ?? (await this.#connectorDefinition(body.connector ?? ''));
    const input: OAuthAccountInput = {
      name: body.name, ...(body.authDefinition === undefined && body.connector !== undefined ? { connector: body.connector } : {}), grant: definition.grant, authorizationUrl: definition.authorizationUrl, tokenUrl: definition.tokenUrl,
      clientId: definition.clientId, clientSecret: definition.clientSecret, scopes: definition.scopes,
    };
    if (definition.grant === 'client_credentials') {
      const outcome = await this.tokenEndpoint(definition.tokenUrl, {
        grant_type: 'client_credentials', client_id: definition.clientId,
        ...(definition.clientSecret ? { client_secret: definition.clientSecret } : {}),
        ...(definition.scopes.length > 0 ? { scope: definition.scopes.join(' ') } : {}),
      });
      if (!outcome.ok) throw new WeftError('oauth.failed', `The authorization server refused the client credentials (${outcome.error}: ${outcome.description}).`, { path: 'body.authDefinition' });
      return { account: body.accountId === undefined ? await this.accounts.createOAuth(userId, input, outcome.tokens) : await this.accounts.reconnectOAuth(userId, body.accountId, input, outcome.tokens) };
    }
    // Refused now, not after the provider's round trip: only the caller's own OAuth account is reconnected.
    if (body.accountId !== undefined) {
      const current = await this.accounts.get(userId, body.accountId);
      if (current.type !== 'oauth2') throw new WeftError('request.invalid', `body.accountId: "${current.name}" is not an OAuth 2 account.`, { path: 'body.accountId' });
    }
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const { clientSecret, ...publicInput } = input;
    const pending: PendingGrant = {
      userId, input: publicInput, redirectUri, createdAt: this.now(),
      ...(body.accountId === undefined ? {} : { accountId: body.accountId }),
      ...(body.openerOrigin === undefined ? {} : { openerOrigin: new URL(body.openerOrigin).origin }),
      sealed: this.accounts.sealFor(stateContext(state), JSON.stringify({ verifier: definition.pkce ? verifier : undefined, clientSecret })),
    };
    await this.store.stateSet(PENDING, state, pending);
    const authorize = new URL(definition.authorizationUrl!);
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('client_id', definition.clientId);
    authorize.searchParams.set('redirect_uri', redirectUri);
    authorize.searchParams.set('state', state);
    if (definition.scopes.length > 0) authorize.searchParams.set('scope', definition.scopes.join(' '));
    if (definition.pkce) {
      authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
      authorize.searchParams.set('code_challenge_method', 'S256');
    }
    return { authorizeUrl: authorize.toString(), state };
  }

  /**
   * A connector's provider: its declared `weft.auth.oauth2` (authUrl, tokenUrl, scopes, pkce) under
   * what the operator set for it (client id and secret, and any URL or scope they override).
   */
  async #connectorDefinition(connector: string) {
    if (!this.configs) throw new WeftError('connector.not_configured', `The connector "${connector}" has no OAuth configuration here.`, { path: 'body.connector' });
    const declared = this.accounts.declaredOAuth(connector);
    const definition = await this.configs.oauthDefinition(connector, declared);
    if (definition.grant === 'authorization_code' && definition.authorizationUrl === undefined) {
      throw new WeftError('connector.not_configured', `The connector "${connector}" has no authorizationUrl configured.`, { path: 'body.connector' });
    }
    return definition;
  }

  /** Exchanges the code for tokens and stores the account; never throws (the page reports the failure). */
  async callback(query: Record<string, string | undefined>): Promise<CallbackResult> {
    const state = query.state ?? '';
    const pending = state === '' ? undefined : ((await this.store.stateGet(PENDING, state)) as PendingGrant | undefined);
    const targetOrigin = pending?.openerOrigin ?? '*';
    const fail = (error: string): CallbackResult => ({ ok: false, state, error, targetOrigin });
    if (!pending && state !== '' && (await this.store.stateGet(USED, state)) !== undefined) return fail('This sign-in link was already used; connect the account again.');
    if (!pending || this.now() - pending.createdAt > OAUTH_STATE_TTL_MS) return fail('This sign-in link is unknown or older than 10 minutes; connect the account again.');
    // Single use, across processes: only the first callback with this state counts 1.
    if ((await this.store.stateIncrement(USED, state, 1)) !== 1) return fail('This sign-in link was already used; connect the account again.');
    await this.store.stateUnset(PENDING, state);
    if (query.error !== undefined) return fail(`The provider did not grant access: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}.`);
    if (!query.code) return fail('The provider sent no authorization code.');
    let secrets: { verifier?: string; clientSecret?: string };
    try {
      secrets = JSON.parse(this.accounts.openFor(stateContext(state), pending.sealed)) as typeof secrets;
    } catch {
      return fail('This sign-in link cannot be read on this installation; connect the account again.');
    }
    const outcome = await this.tokenEndpoint(pending.input.tokenUrl, {
      grant_type: 'authorization_code', code: query.code, redirect_uri: pending.redirectUri, client_id: pending.input.clientId,
      ...(secrets.clientSecret ? { client_secret: secrets.clientSecret } : {}),
      ...(secrets.verifier ? { code_verifier: secrets.verifier } : {}),
    });
    if (!outcome.ok) return fail(`The provider refused to issue tokens (${outcome.error}: ${outcome.description}).`);
    let account: Account;
    try {
      const input = { ...pending.input, clientSecret: secrets.clientSecret };
      account = pending.accountId === undefined
        ? await this.accounts.createOAuth(pending.userId, input, outcome.tokens)
        : await this.accounts.reconnectOAuth(pending.userId, pending.accountId, input, outcome.tokens);
    } catch (error) {
      return fail(error instanceof Error ? error.message : 'The account could not be stored.');
    }
    return { ok: true, state, accountId: account.id, targetOrigin };
  }
}

function stateContext(state: string): string {
  return `oauth-state:${state}`;
}

/** The callback page: no inline script (the pages' CSP forbids it); the result travels as JSON data. */
export function callbackPage(result: CallbackResult): string {
  const data = JSON.stringify({ type: 'weft:oauth', ok: result.ok, state: result.state, accountId: result.accountId, error: result.error, targetOrigin: result.targetOrigin })
    .replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
  const text = result.ok ? 'The account is connected. You can close this window.' : `The account was not connected: ${escapeHtml(result.error ?? '')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weft: connect an account</title>
<script type="application/json" id="weft-oauth-result">${data}</script><script src="/oauth/callback.js"></script></head>
<body><p>${text}</p></body></html>`;
}

/** Posts the result to the window that opened the popup, then closes it. */
export const CALLBACK_SCRIPT = `(function () {
  var node = document.getElementById('weft-oauth-result');
  if (!node || !window.opener) return;
  var result = JSON.parse(node.textContent || '{}');
  var target = result.targetOrigin || '*';
  delete result.targetOrigin;
  window.opener.postMessage(result, target);
  if (result.ok) window.close();
})();
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
