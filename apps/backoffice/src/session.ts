/** @module Session: the Backoffice's token in sessionStorage of its own origin; closing the tab signs the admin out. */
import type { PublicUser } from '@weft/api-client';

const KEY = 'weft.backoffice.session';

export interface Session {
  token: string;
  expiresAt: number;
  user: PublicUser;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readSession(storage: Storage, now = Date.now()): Session | undefined {
  const raw = storage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (isSession(value) && value.expiresAt > now) return value;
  } catch {
    // A corrupt entry is as good as none.
  }
  storage.removeItem(KEY);
  return undefined;
}

export function writeSession(storage: Storage, session: Session | undefined): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | null | undefined;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number' && typeof user === 'object' && user !== null
    && typeof user.email === 'string' && (user.role === 'admin' || user.role === 'user');
}
