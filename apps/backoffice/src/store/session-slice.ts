/** @module Session slice: who is signed in; the token itself lives in the engine's HttpOnly session cookie. */
import type { Credentials } from '@weft/api-client';
import { readSession, writeSession, type Session } from '../session.ts';
import type { SliceCreator } from './backoffice-store.ts';

export interface SessionSlice {
  session: Session | undefined;
  logIn: (credentials: Credentials) => Promise<void>;
  logOut: () => Promise<void>;
  /** Re-reads the user behind a stored token: the role may have changed, the token may be revoked. */
  refreshUser: () => Promise<void>;
  /** Forget the session locally, e.g. after a 401. */
  dropSession: () => void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, { admin, storage }) => ({
  session: readSession(storage),

  logIn: async (credentials) => {
    const answer = await admin.login(credentials);
    const session: Session = { expiresAt: answer.expiresAt, user: answer.user };
    writeSession(storage, session);
    set({ session });
  },

  logOut: async () => {
    // Revoke the token and clear the cookie on the server, but sign out locally whatever it answers.
    await admin.logout().catch(() => undefined);
    get().dropSession();
  },

  refreshUser: async () => {
    const current = get().session;
    if (!current) return;
    try {
      const user = await admin.getUser();
      const session = { ...current, user };
      writeSession(storage, session);
      set({ session });
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'status' in error && (error.status === 401 || error.status === 403)) get().dropSession();
    }
  },

  dropSession: () => {
    writeSession(storage, undefined);
    set({ session: undefined });
  },
});
