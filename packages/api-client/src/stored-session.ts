/** @module Stored session: a token kept under one key of a Web Storage, dropped once expired or unreadable. */

/** The part of `localStorage` / `sessionStorage` a session needs (no DOM types here). */
export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredSession<T extends { expiresAt: number }> {
  /** The stored session if it parses and has not expired; anything else is removed and reads as none. */
  read(storage: Pick<SessionStorageLike, 'getItem' | 'removeItem'>, now?: number): T | undefined;
  /** Store `session`, or remove the key when it is undefined (sign-out). */
  write(storage: Pick<SessionStorageLike, 'setItem' | 'removeItem'>, session: T | undefined): void;
}

export function storedSession<T extends { expiresAt: number }>(key: string, isSession: (value: unknown) => value is T): StoredSession<T> {
  return {
    read(storage, now = Date.now()) {
      const raw = storage.getItem(key);
      if (!raw) return undefined;
      try {
        const value: unknown = JSON.parse(raw);
        if (isSession(value) && value.expiresAt > now) return value;
      } catch {
        // A corrupt entry is as good as none.
      }
      storage.removeItem(key);
      return undefined;
    },
    write(storage, session) {
      if (session) storage.setItem(key, JSON.stringify(session));
      else storage.removeItem(key);
    },
  };
}
