/**
 * @module Signed-token exchange: a host registers verification keys (an HS256 secret or a public
 * JWK, each with a `kid`); the browser sends a JWT the host signed (`sub` external user id, `tid`
 * external tenant id, `aud` this installation, `exp` at most 15 minutes ahead, `jti`) to
 * `POST /auth/exchange` and gets a Weft token. Each refusal has its own code.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors, importJWK, jwtVerify, type JWK } from 'jose';
import { WeftError } from '@weft/connector-kit';
import type { VerificationKeyBody } from '@weft/api-client';
import type { Store, UserRecord } from '../ports/store.ts';

const SETTING_KEY = 'host.verificationKeys';
/** Longest life of an exchanged JWT, counted from now. */
export const MAX_EXCHANGE_LIFETIME_S = 15 * 60;
/** Clocks of host and Weft may differ this much. */
const CLOCK_TOLERANCE_S = 30;

interface StoredKey {
  kid: string;
  type: 'secret' | 'jwk';
  alg: string;
  secret?: string;
  jwk?: JWK;
  createdAt: number;
}

async function loadKeys(store: Store): Promise<StoredKey[]> {
  const value = await store.getSetting(SETTING_KEY);
  return Array.isArray(value) ? (value as StoredKey[]) : [];
}

export const publicVerificationKey = (key: StoredKey) => ({ kid: key.kid, type: key.type, alg: key.alg, createdAt: key.createdAt });

/** Adds or replaces the key of `body.kid`; a JWK must import (its `alg`, or one its `kty`/`crv` implies). */
export async function putVerificationKey(store: Store, body: VerificationKeyBody, now = Date.now()): Promise<StoredKey> {
  let key: StoredKey;
  if (body.type === 'secret') {
    key = { kid: body.kid, type: 'secret', alg: 'HS256', secret: body.secret, createdAt: now };
  } else {
    const jwk = body.jwk as JWK;
    if (jwk.d !== undefined || jwk.k !== undefined) {
      throw new WeftError('request.invalid', 'Send the public key only: this JWK holds private or symmetric material ("d" or "k").', { status: 400, path: 'body.jwk', retry: 'never' });
    }
    const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' ? 'ES256' : jwk.kty === 'OKP' ? 'EdDSA' : undefined);
    if (alg === undefined || alg.startsWith('HS')) throw new WeftError('request.invalid', 'The JWK must be an RSA, EC or OKP public key (or name its "alg").', { status: 400, path: 'body.jwk', retry: 'never' });
    try {
      await importJWK(jwk, alg);
    } catch (cause) {
      throw new WeftError('request.invalid', `The JWK does not import as a ${alg} public key: ${(cause as Error).message}`, { status: 400, path: 'body.jwk', retry: 'never', cause });
    }
    key = { kid: body.kid, type: 'jwk', alg, jwk, createdAt: now };
  }
  const others = (await loadKeys(store)).filter((k) => k.kid !== body.kid);
  await store.setSetting(SETTING_KEY, [...others, key]);
  return key;
}

export async function listVerificationKeys(store: Store) {
  return (await loadKeys(store)).map(publicVerificationKey);
}

export async function deleteVerificationKey(store: Store, kid: string): Promise<boolean> {
  const keys = await loadKeys(store);
  const kept = keys.filter((k) => k.kid !== kid);
  if (kept.length === keys.length) return false;
  await store.setSetting(SETTING_KEY, kept);
  return true;
}

/** Every refusal of an exchange is a 401 that the host's code can tell apart by its code. */
const REFUSED = { status: 401, retry: 'never' } as const;

/** The user a valid, unused, host-signed JWT names; throws 401 with a distinct code otherwise. */
export async function verifyExchangeToken(store: Store, jwt: string, audience: string, now = Date.now()): Promise<UserRecord> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jwt).kid;
  } catch {
    throw new WeftError('exchange.invalid_token', 'The token is not a signed JWT (header.payload.signature).', REFUSED);
  }
  const keys = await loadKeys(store);
  if (keys.length === 0) throw new WeftError('exchange.not_configured', 'No host verification key is registered; the host registers one with PUT /host/verification-keys/:kid.', REFUSED);
  const stored = keys.find((k) => k.kid === kid);
  if (!stored) throw new WeftError('exchange.unknown_key', `No verification key with kid "${kid ?? '(none)'}" is registered; put the kid in the JWT header.`, REFUSED);
  const key = stored.type === 'secret' ? new TextEncoder().encode(stored.secret) : await importJWK(stored.jwk!, stored.alg);
  let payload;
  try {
    ({ payload } = await jwtVerify(jwt, key, {
      algorithms: [stored.alg], audience, clockTolerance: CLOCK_TOLERANCE_S, currentDate: new Date(now), requiredClaims: ['sub', 'tid', 'exp', 'jti'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new WeftError('exchange.expired', 'The signed token has expired; sign a new one.', REFUSED);
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw new WeftError('exchange.wrong_audience', `The token's "aud" is not this installation's audience "${audience}".`, REFUSED);
    if (error instanceof errors.JWTClaimValidationFailed) throw new WeftError('exchange.invalid_token', `The token's "${error.claim}" claim is missing or invalid.`, REFUSED);
    throw new WeftError('exchange.invalid_token', 'The token\'s signature does not verify with the registered key, or the token is malformed.', REFUSED);
  }
  const exp = payload.exp!;
  if (exp - now / 1000 > MAX_EXCHANGE_LIFETIME_S + CLOCK_TOLERANCE_S) throw new WeftError('exchange.lifetime_too_long', 'The token expires more than 15 minutes from now; sign shorter-lived ones.', REFUSED);
  if (typeof payload.tid !== 'string' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') throw new WeftError('exchange.invalid_token', 'The claims sub, tid and jti must be strings.', REFUSED);
  // Each jti works once while the token could still be used: a lease held until it expires.
  const held = await store.acquireLease(`exchange-jti:${stored.kid}:${payload.jti}`, randomUUID(), Math.max(1, exp * 1000 - now) + CLOCK_TOLERANCE_S * 1000, now);
  if (!held) throw new WeftError('exchange.replayed', 'This token (its jti) was already exchanged; sign a new one for each exchange.', REFUSED);
  const tenant = await store.getTenantByExternalId(payload.tid);
  const user = tenant ? await store.getUserByExternalId(tenant.id, payload.sub) : undefined;
  if (!user) throw new WeftError('exchange.unknown_user', 'The token names a tenant or user the host has not provisioned (PUT /host/tenants/… first).', REFUSED);
  if (user.disabled) throw new WeftError('auth.disabled', 'This account is disabled.', { status: 403, retry: 'never' });
  return user;
}
