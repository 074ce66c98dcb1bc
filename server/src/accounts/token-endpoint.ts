/** @module Token endpoint: one POST to an OAuth 2 token URL, under the same address guard as http.Request. */
import { blockedReason, checkUrl, systemLookup, type AddressPolicy, type LookupAll } from '../connectors/http/address-guard.ts';
import { lazyUndici } from '../connectors/http/guarded-agent.ts';

export interface TokenAnswer {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; undefined when the server gave no `expires_in`. */
  expiresAt?: number;
  scope?: string;
}

export type TokenOutcome = { ok: true; tokens: TokenAnswer } | { ok: false; error: string; description: string; status?: number };

/** POSTs form `params` to `url`; resolves to the tokens or the server's OAuth error (`invalid_grant`, …). */
export type TokenEndpoint = (url: string, params: Record<string, string>) => Promise<TokenOutcome>;

export interface TokenEndpointOptions {
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
  lookup?: LookupAll;
  addressPolicy?: AddressPolicy;
  now?: () => number;
}

export function createTokenEndpoint(options: TokenEndpointOptions): TokenEndpoint {
  const lookup = options.lookup ?? systemLookup;
  const policy = options.addressPolicy ?? blockedReason;
  const undici = lazyUndici(options.allowPrivateNetwork, lookup, policy);
  const now = options.now ?? Date.now;
  return async (url, params) => {
    if (!options.allowPrivateNetwork) {
      const checked = await checkUrl(url, lookup, policy);
      if (!checked.ok) return { ok: false, error: 'refused_address', description: checked.message };
    }
    let status: number;
    let body: unknown;
    try {
      const { undici: { fetch }, dispatcher } = await undici();
      const response = await fetch(url, {
        method: 'POST', dispatcher, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(params).toString(),
      });
      status = response.status;
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = Object.fromEntries(new URLSearchParams(text));
      }
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      return { ok: false, error: 'unreachable', description: `POST ${url} failed: ${cause}` };
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (status >= 200 && status < 300 && typeof fields.access_token === 'string') {
      const expiresIn = Number(fields.expires_in);
      return {
        ok: true,
        tokens: {
          accessToken: fields.access_token,
          ...(typeof fields.refresh_token === 'string' ? { refreshToken: fields.refresh_token } : {}),
          ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now() + expiresIn * 1000 } : {}),
          ...(typeof fields.scope === 'string' ? { scope: fields.scope } : {}),
        },
      };
    }
    const error = typeof fields.error === 'string' ? fields.error : `http_${status}`;
    const description = typeof fields.error_description === 'string' ? fields.error_description : `the token endpoint answered ${status}`;
    return { ok: false, error, description, status };
  };
}
