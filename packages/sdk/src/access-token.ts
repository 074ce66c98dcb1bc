/**
 * @module Access tokens from the host: with `new Weft({ getAccessToken })` the SDK asks the host's
 * callback for a token before the first request, again shortly before the token expires, and once
 * more when the engine answers 401, then retries that request. The page never holds a password.
 */
import type { FetchLike } from '@weft/api-client';

/** What the host's callback resolves to: a token, or a token with its expiry (epoch ms), as the engine mints it. */
export type AccessToken = string | { token: string; expiresAt?: number | undefined };
export type GetAccessToken = () => AccessToken | Promise<AccessToken>;

/** A token is renewed this long before it expires, so a request does not leave with a dying token. */
export const RENEW_BEFORE_EXPIRY_MS = 30_000;

interface HeldToken {
  token: string;
  expiresAt: number | undefined;
}

function normalize(value: AccessToken): HeldToken {
  const held = typeof value === 'string' ? { token: value, expiresAt: undefined } : { token: value.token, expiresAt: value.expiresAt };
  if (typeof held.token !== 'string' || held.token === '') throw new TypeError('[weft] getAccessToken must resolve to a token string or { token, expiresAt }');
  return held;
}

export class AccessTokenSource {
  readonly #get: GetAccessToken;
  readonly #now: () => number;
  #held: HeldToken | undefined;
  /** One call of the host's callback at a time, shared by every request waiting for it. */
  #pending: Promise<string> | undefined;

  constructor(get: GetAccessToken, now: () => number = Date.now) {
    this.#get = get;
    this.#now = now;
  }

  /** The token now held, if any (for `weft.get('accessToken')`). */
  get current(): string | undefined {
    return this.#held?.token;
  }

  /** A token good for at least RENEW_BEFORE_EXPIRY_MS: the one held, or a new one from the host. */
  async token(): Promise<string> {
    const held = this.#held;
    if (held && (held.expiresAt === undefined || held.expiresAt - this.#now() > RENEW_BEFORE_EXPIRY_MS)) return held.token;
    return this.#renew();
  }

  /** After a 401 with `rejected`: a new token, unless another request already got one meanwhile. */
  async replace(rejected: string): Promise<string> {
    if (this.#held && this.#held.token !== rejected) return this.#held.token;
    this.#held = undefined;
    return this.#renew();
  }

  #renew(): Promise<string> {
    this.#pending ??= (async () => {
      try {
        const held = normalize(await this.#get());
        this.#held = held;
        return held.token;
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }
}

/** `fetch` signing each request with the source's token; a 401 gets one new token and one retry. */
export function fetchWithAccessToken(source: AccessTokenSource, fetch: FetchLike): FetchLike {
  const send = (input: string, init: RequestInit, token: string) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  return async (input, init) => {
    const token = await source.token();
    const response = await send(input, init, token);
    if (response.status !== 401) return response;
    // The engine refused the token (expired early, revoked): ask the host once, then try again once.
    await response.body?.cancel().catch(() => undefined);
    return send(input, init, await source.replace(token));
  };
}
