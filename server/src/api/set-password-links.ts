/**
 * @module Set-password links: one-time links an operator's account is finished with. The token is
 * stored hashed in the Store's state (so any API process can consume it), with an expiry, and works once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ComponentStateStore } from '../ports/store.ts';

const SCOPE = 'auth:set-password';
/** Separate scope: an atomic counter decides which of two concurrent uses of one token wins. */
const USED_SCOPE = 'auth:set-password-used';

interface StoredLink {
  userId: string;
  expiresAt: number;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

export interface SetPasswordLink {
  token: string;
  url: string;
  expiresAt: number;
}

export async function createSetPasswordLink(store: ComponentStateStore, userId: string, options: { publicUrl: string; ttlMs: number; now: number }): Promise<SetPasswordLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = options.now + options.ttlMs;
  await store.stateSet(SCOPE, hashOf(token), { userId, expiresAt } satisfies StoredLink);
  const url = `${options.publicUrl.replace(/\/+$/, '')}/backoffice/#/set-password?token=${token}`;
  return { token, url, expiresAt };
}

/** The user an unexpired, unused link is for; it stays usable (check the new password first). */
export async function findSetPasswordLink(store: ComponentStateStore, token: string, now: number): Promise<string | undefined> {
  const link = (await store.stateGet(SCOPE, hashOf(token))) as StoredLink | undefined;
  return link && typeof link.userId === 'string' && link.expiresAt > now ? link.userId : undefined;
}

/** Uses the link up; the user it was for, unless it was unknown, expired or used by someone else first. */
export async function consumeSetPasswordLink(store: ComponentStateStore, token: string, now: number): Promise<string | undefined> {
  const hash = hashOf(token);
  const link = (await store.stateGet(SCOPE, hash)) as StoredLink | undefined;
  if (!link || typeof link.userId !== 'string') return undefined;
  if ((await store.stateIncrement(USED_SCOPE, hash, 1)) !== 1) return undefined;
  await store.stateUnset(SCOPE, hash);
  return link.expiresAt > now ? link.userId : undefined;
}
