/** @module Session: the Studio's token in localStorage of its own origin (the SDK itself never stores it). */
import { storedSession, type SessionStorageLike } from '@weft/api-client';

export interface Session {
  token: string;
  expiresAt: number;
  email: string;
}

const stored = storedSession<Session>('weft.studio.session', isSession);

export function readSession(storage: Pick<SessionStorageLike, 'getItem' | 'removeItem'>, now = Date.now()): Session | undefined {
  return stored.read(storage, now);
}

export function writeSession(storage: Pick<SessionStorageLike, 'setItem' | 'removeItem'>, session: Session): void {
  stored.write(storage, session);
}

export function clearSession(storage: Pick<SessionStorageLike, 'setItem' | 'removeItem'>): void {
  stored.write(storage, undefined);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number' && typeof v.email === 'string';
}
