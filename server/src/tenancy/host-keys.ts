/**
 * @module Host API keys: `wk_…` bearer keys a host's backend uses on `/host` routes. Only their
 * SHA-256 is stored; the key is shown once, when it is made (`weft keys create`, the Backoffice).
 */
import type { AuditRecorder } from '../audit/audit-trail.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { WeftError } from '@weft/connector-kit';
import type { HostKeyRecord, HostKeyScope, Store, UserRecord } from '../ports/store.ts';
import { requireUser } from '../api/auth.ts';

export const HOST_KEY_PREFIX = 'wk_';

export const hashHostKey = (key: string): string => createHash('sha256').update(key).digest('base64url');

export const isHostKey = (token: string): boolean => token.startsWith(HOST_KEY_PREFIX);

/** Makes a key; the answer's `key` is the only copy there will ever be. */
export async function createHostKey(store: Store, input: { name: string; scopes: HostKeyScope[] }, now = Date.now()): Promise<{ record: HostKeyRecord; key: string }> {
  const key = `${HOST_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record: HostKeyRecord = { id: randomUUID(), name: input.name, scopes: [...new Set(input.scopes)], hash: hashHostKey(key), createdAt: now };
  await store.createHostKey(record);
  return { record, key };
}

/** A key as listed or answered: everything but its hash. */
export function publicHostKey(record: HostKeyRecord) {
  return {
    id: record.id, name: record.name, scopes: record.scopes, createdAt: record.createdAt,
    ...(record.lastUsedAt !== undefined ? { lastUsedAt: record.lastUsedAt } : {}),
    ...(record.revokedAt !== undefined ? { revokedAt: record.revokedAt } : {}),
  };
}

export interface HostKeyEnv {
  Variables: { hostKey: HostKeyRecord; maxJsonDepth: number; audit: AuditRecorder };
}

/** "last used" is written at most once a minute per key, not at every call. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Admits `Authorization: Bearer wk_…` with `scope`; anything else (a user token, a revoked key) is
 * 401, a key without the scope 403. User tokens never authenticate host routes.
 */
export function requireHostKey(store: Store, scope: HostKeyScope): MiddlewareHandler<HostKeyEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const key = match?.[1];
    if (!key || !isHostKey(key)) {
      throw new WeftError('host.key_required', 'Host routes need "Authorization: Bearer wk_…", a host API key (weft keys create); user tokens are not accepted here.', { status: 401, retry: 'never' });
    }
    const record = await store.getHostKeyByHash(hashHostKey(key));
    if (!record || record.revokedAt !== undefined) throw new WeftError('host.key_invalid', 'This host API key is unknown or revoked.', { status: 401, retry: 'never' });
    if (!record.scopes.includes(scope)) {
      throw new WeftError('host.key_scope', `This host API key lacks the "${scope}" scope (it has: ${record.scopes.join(', ')}).`, { status: 403, retry: 'never' });
    }
    const now = Date.now();
    if (record.lastUsedAt === undefined || now - record.lastUsedAt >= TOUCH_EVERY_MS) await store.touchHostKey(record.id, now);
    c.set('hostKey', record);
    await next();
  };
}

/** The context of a route that a host API key or a signed-in user may call: one of the two is set. */
export interface HostKeyOrUserEnv {
  Variables: { user?: UserRecord; hostKey?: HostKeyRecord; maxJsonDepth: number };
}

/** Admits a host API key with `scope` (`Bearer wk_…`), or else a signed-in user (their token or session). */
export function hostKeyOrUser(store: Store, scope: HostKeyScope): MiddlewareHandler<HostKeyOrUserEnv> {
  const host = requireHostKey(store, scope) as unknown as MiddlewareHandler<HostKeyOrUserEnv>;
  const user = requireUser(store) as unknown as MiddlewareHandler<HostKeyOrUserEnv>;
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    return token !== undefined && isHostKey(token) ? host(c, next) : user(c, next);
  };
}
