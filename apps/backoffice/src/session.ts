/**
 * @module Session: who the Backoffice believes is signed in, in sessionStorage of its own origin. No
 * secret: the token lives in the engine's HttpOnly session cookie; an entry holding a token (from an
 * older Backoffice) reads as none and is removed.
 */
import { storedSession, type PublicUser, type SessionStorageLike } from '@weft/api-client';

export interface Session {
  expiresAt: number;
  user: PublicUser;
}

const stored = storedSession<Session>('weft.backoffice.session', isSession);

export function readSession(storage: SessionStorageLike, now = Date.now()): Session | undefined {
  return stored.read(storage, now);
}

export function writeSession(storage: SessionStorageLike, session: Session | undefined): void {
  stored.write(storage, session && { expiresAt: session.expiresAt, user: session.user });
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | null | undefined;
  return !('token' in v) && typeof v.expiresAt === 'number' && typeof user === 'object' && user !== null
    && typeof user.email === 'string' && (user.role === 'admin' || user.role === 'support' || user.role === 'user');
}
