/**
 * Item 18: the signed-token exchange. A host signs a short JWT for one of its users; the browser
 * trades it at POST /auth/exchange for a Weft token. Each attack on it is refused with 401 and a
 * code of its own: an expired token, another audience, an unknown kid, a replayed jti, a forged
 * signature, a token living too long, an algorithm switched to HS256 with the public key as secret.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { http, startTestWeft, type TestWeft } from '../harness.ts';

const SECRET = 'a-host-secret-of-at-least-32-characters!';

describe('a host-signed JWT exchanged for a Weft token', () => {
  let weft: TestWeft;
  let key: string;
  let audience: string;
  let publicJwk: JWK;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const host = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const exchange = (token: string) => http<{ token?: string; error?: { code: string } }>(`${weft.url}/auth/exchange`, { body: { token } });
  const nowS = () => Math.floor(Date.now() / 1000);

  const hs256 = (claims: Record<string, unknown> = {}, options: { kid?: string; secret?: string; exp?: number } = {}): Promise<string> =>
    new SignJWT({ tid: 'bank', sub: 'teller', aud: audience, ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: options.kid ?? 'hs-1' })
      .setJti(randomUUID()).setIssuedAt().setExpirationTime(options.exp ?? nowS() + 300)
      .sign(new TextEncoder().encode(options.secret ?? SECRET));

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Bank backend', scopes: ['provision', 'read'] }));
    await host('PUT', '/tenants/bank', { name: 'Bank' });
    await host('PUT', '/tenants/bank/users/teller', { role: 'editor', name: 'Teller' });
    expect((await host('PUT', '/verification-keys/hs-1', { type: 'secret', kid: 'hs-1', secret: SECRET })).status).toBe(200);
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = await exportJWK(pair.publicKey);
    expect((await host('PUT', '/verification-keys/es-1', { type: 'jwk', kid: 'es-1', jwk: publicJwk })).status).toBe(200);
    audience = (await host<{ audience: string }>('GET', '/verification-keys')).body.audience;
  });
  afterAll(async () => weft.close());

  it('gives a token of the user the JWT names, once', async () => {
    const jwt = await hs256();
    const first = await exchange(jwt);
    expect(first.status).toBe(201);
    const me = await http<{ externalId: string; tenantRole: string }>(`${weft.url}/user`, { token: first.body.token! });
    expect(me.body).toMatchObject({ externalId: 'teller', tenantRole: 'editor' });
    const replayed = await exchange(jwt);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error?.code).toBe('exchange.replayed');
  });

  it('takes an ES256 token verified with the registered public JWK', async () => {
    const jwt = await new SignJWT({ tid: 'bank' }).setProtectedHeader({ alg: 'ES256', kid: 'es-1' })
      .setSubject('teller').setAudience(audience).setJti(randomUUID()).setExpirationTime(nowS() + 120).sign(privateKey);
    expect((await exchange(jwt)).status).toBe(201);
  });

  it.each([
    ['an expired token', () => hs256({}, { exp: nowS() - 120 }), 'exchange.expired'],
    ['a token for another installation', () => hs256({ aud: 'https://other.example.com' }), 'exchange.wrong_audience'],
    ['a key id nobody registered', () => hs256({}, { kid: 'stolen' }), 'exchange.unknown_key'],
    ['a signature made with another secret', () => hs256({}, { secret: 'an-attacker-secret-of-32-characters-or-more' }), 'exchange.invalid_token'],
    ['a token that lives an hour', () => hs256({}, { exp: nowS() + 3600 }), 'exchange.lifetime_too_long'],
    ['a user the host never provisioned', () => hs256({ sub: 'intruder' }), 'exchange.unknown_user'],
    ['a tenant the host never provisioned', () => hs256({ tid: 'other-bank' }), 'exchange.unknown_user'],
    ['no jti', () => new SignJWT({ tid: 'bank' }).setProtectedHeader({ alg: 'HS256', kid: 'hs-1' }).setSubject('teller').setAudience(audience)
      .setExpirationTime(nowS() + 60).sign(new TextEncoder().encode(SECRET)), 'exchange.invalid_token'],
    ['garbage', async () => 'not.a.jwt', 'exchange.invalid_token'],
  ] as [string, () => Promise<string>, string][])('refuses %s with 401 and its own code', async (_what, make, code) => {
    const answer = await exchange(await make());
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.body.token).toBeUndefined();
  });

  it('refuses an algorithm switched to HS256 with the public key as the secret', async () => {
    const forged = await new SignJWT({ tid: 'bank' }).setProtectedHeader({ alg: 'HS256', kid: 'es-1' })
      .setSubject('teller').setAudience(audience).setJti(randomUUID()).setExpirationTime(nowS() + 60)
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    const answer = await exchange(forged);
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('exchange.invalid_token');
  });

  it('refuses to register a private JWK, and lists keys without their material', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const refused = await host<{ error: { code: string; path: string } }>('PUT', '/verification-keys/leak', { type: 'jwk', kid: 'leak', jwk: await exportJWK(pair.privateKey) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.path).toBe('body.jwk');
    const listed = await host<{ items: { kid: string }[] }>('GET', '/verification-keys');
    expect(listed.body.items.map((k) => k.kid).sort()).toEqual(['es-1', 'hs-1']);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
  });

  it('stops taking tokens of a key once it is removed', async () => {
    expect((await host('DELETE', '/verification-keys/es-1')).status).toBe(204);
    const jwt = await new SignJWT({ tid: 'bank' }).setProtectedHeader({ alg: 'ES256', kid: 'es-1' })
      .setSubject('teller').setAudience(audience).setJti(randomUUID()).setExpirationTime(nowS() + 60).sign(privateKey);
    expect((await exchange(jwt)).body.error?.code).toBe('exchange.unknown_key');
  });
});
