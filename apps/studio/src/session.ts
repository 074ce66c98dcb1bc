/**
 * @module Session: who the Studio believes is signed in, kept in localStorage of its own origin. It
 * holds no secret: the token lives in the engine's HttpOnly session cookie, which no script on this
 * origin (a webhook answer included) can read; this record only spares a login-page flash on reload.
 */
import { storedSession, type SessionStorageLike } from '@weft/api-client';

export interface Session {
  expiresAt: number;
  email: string;
}

const stored = storedSession<Session>('weft.studio.session', isSession);

/** The stored session; an entry from before the cookie (it held the token itself) is removed and reads as none. */
export function readSession(storage: Pick<SessionStorageLike, 'getItem' | 'removeItem'>, now = Date.now()): Session | undefined {
  return stored.read(storage, now);
}

export function writeSession(storage: Pick<SessionStorageLike, 'setItem' | 'removeItem'>, session: Session): void {
  stored.write(storage, { expiresAt: session.expiresAt, email: session.email });
}

export function clearSession(storage: Pick<SessionStorageLike, 'setItem' | 'removeItem'>): void {
  stored.write(storage, undefined);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.expiresAt === 'number' && typeof v.email === 'string' && !('token' in v);
}
