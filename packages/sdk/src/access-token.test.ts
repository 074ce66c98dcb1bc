import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from '@weft/api-client';
import { AccessTokenSource, fetchWithAccessToken, RENEW_BEFORE_EXPIRY_MS } from './access-token.ts';
import { setModuleLoader } from './module-loader.ts';
import { Weft } from './weft.ts';

/** An engine that takes only the tokens in `valid`, and records the bearer of each request. */
function fakeEngine(valid: Set<string>) {
  const seen: (string | null)[] = [];
  const fetch: FetchLike = async (_input, init) => {
    const bearer = new Headers(init.headers).get('authorization');
    seen.push(bearer);
    const token = bearer?.replace(/^Bearer /, '') ?? '';
    return valid.has(token)
      ? new Response(JSON.stringify({ items: [], total: 0, limit: 50, offset: 0 }), { status: 200, headers: { 'content-type': 'application/json' } })
      : new Response(JSON.stringify({ error: { code: 'auth.invalid_token', message: 'expired' } }), { status: 401, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

describe('when the host hands out tokens through getAccessToken', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the host once for the first token, even for requests sent together', async () => {
    const getAccessToken = vi.fn(async () => ({ token: 't1', expiresAt: 1_000_000 }));
    const source = new AccessTokenSource(getAccessToken, () => 0);
    const engine = fakeEngine(new Set(['t1']));
    const fetch = fetchWithAccessToken(source, engine.fetch);
    const answers = await Promise.all([fetch('/flows', {}), fetch('/flows', {}), fetch('/logs', {})]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(engine.seen).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t1']);
  });

  it('asks for a new token shortly before the one held expires, not after', async () => {
    let now = 0;
    let n = 0;
    const getAccessToken = vi.fn(async () => ({ token: `t${++n}`, expiresAt: now + 600_000 }));
    const source = new AccessTokenSource(getAccessToken, () => now);
    expect(await source.token()).toBe('t1');
    now = 600_000 - RENEW_BEFORE_EXPIRY_MS - 1;
    expect(await source.token()).toBe('t1');
    now = 600_000 - RENEW_BEFORE_EXPIRY_MS + 1;
    expect(await source.token()).toBe('t2');
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });

  it('on a 401 asks the host once more and retries the request with the new token', async () => {
    const tokens = ['revoked', 'fresh'];
    const getAccessToken = vi.fn(async () => tokens.shift()!);
    const engine = fakeEngine(new Set(['fresh']));
    const fetch = fetchWithAccessToken(new AccessTokenSource(getAccessToken), engine.fetch);
    const answer = await fetch('/flows', { method: 'GET', headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect(engine.seen).toEqual(['Bearer revoked', 'Bearer fresh']);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });

  it('retries only once: a host that keeps handing out refused tokens gets the 401, not a loop', async () => {
    const getAccessToken = vi.fn(async () => 'refused');
    const engine = fakeEngine(new Set());
    const fetch = fetchWithAccessToken(new AccessTokenSource(getAccessToken), engine.fetch);
    expect((await fetch('/flows', {})).status).toBe(401);
    expect(engine.seen).toHaveLength(2);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });

  it('refuses a callback that resolves to no token, in words the host can act on', async () => {
    const source = new AccessTokenSource(async () => '');
    await expect(source.token()).rejects.toThrow(/getAccessToken must resolve/);
  });

  it('signs weft.api calls with the host\'s token, and keeps working after the token expires', async () => {
    const valid = new Set<string>();
    let n = 0;
    const getAccessToken = vi.fn(async () => {
      const token = `host-${++n}`;
      valid.add(token);
      return { token, expiresAt: Date.now() + 600_000 };
    });
    const engine = fakeEngine(valid);
    vi.stubGlobal('fetch', engine.fetch);
    setModuleLoader(async () => ({ loadApiClient: async () => createApiClient, loadWidget: async () => { throw new Error('no widgets here'); } }));
    const weft = new Weft({ baseUrl: 'https://weft.example.com', getAccessToken });
    expect((await weft.api.listFlows()).total).toBe(0);
    expect(weft.get('accessToken')).toBe('host-1');
    // The engine forgets the token (it expired early, or was revoked): the next call still succeeds.
    valid.clear();
    expect((await weft.api.listFlows()).total).toBe(0);
    expect(engine.seen).toEqual(['Bearer host-1', 'Bearer host-1', 'Bearer host-2']);
  });

  it('refuses a getAccessToken that is not a function', () => {
    expect(() => new Weft({ baseUrl: 'x', getAccessToken: 'token' as never })).toThrow(/getAccessToken/);
  });
});
