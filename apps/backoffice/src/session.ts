/** @module Session: the Backoffice's token in sessionStorage of its own origin; closing the tab signs the admin out. */
import { storedSession, type PublicUser, type SessionStorageLike } from '@weft/api-client';

export interface Session {
  token: string;
  expiresAt: number;
  user: PublicUser;
}

const stored = storedSession<Session>('weft.backoffice.session', isSession);

export function readSession(storage: SessionStorageLike, now = Date.now()): Session | undefined {
  return stored.read(storage, now);
}

export function writeSession(storage: SessionStorageLike, session: Session | undefined): void {
  stored.write(storage, session);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | null | undefined;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number' && typeof user === 'object' && user !== null
    && typeof user.email === 'string' && (user.role === 'admin' || user.role === 'user');
}
