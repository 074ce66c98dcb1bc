/** @module Session: the Studio's token in localStorage of its own origin (the SDK itself never stores it). */

const KEY = 'weft.studio.session';

export interface Session {
  token: string;
  expiresAt: number;
  email: string;
}

export function readSession(storage: Pick<Storage, 'getItem' | 'removeItem'>, now = Date.now()): Session | undefined {
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

export function writeSession(storage: Pick<Storage, 'setItem'>, session: Session): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number' && typeof v.email === 'string';
}
