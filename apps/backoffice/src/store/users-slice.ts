/** @module Users slice: one page of users at a time, and the three things an admin does to an account. */
import type { AdminUserList } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export const USERS_PAGE_SIZE = 25;

export interface UsersSlice {
  users: Loadable<AdminUserList>;
  /** The user id an action is running for, so its buttons show busy. */
  busyUserId: string | undefined;
  loadUsers: (offset?: number) => Promise<void>;
  setUserDisabled: (userId: string, disabled: boolean) => Promise<void>;
  revokeTokens: (userId: string) => Promise<void>;
}

export const createUsersSlice: SliceCreator<UsersSlice> = (set, get, { admin }) => {
  const currentOffset = (): number => {
    const users = get().users;
    return users.status === 'idle' ? 0 : users.data?.offset ?? 0;
  };

  const act = async (userId: string, action: () => Promise<void>): Promise<void> => {
    set({ busyUserId: userId });
    try {
      await action();
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
    } finally {
      set({ busyUserId: undefined });
    }
  };

  return {
    users: { status: 'idle' },
    busyUserId: undefined,

    loadUsers: async (offset = currentOffset()) => {
      const previous = get().users;
      set({ users: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
      try {
        set({ users: { status: 'ready', data: await admin.listUsers({ offset, limit: USERS_PAGE_SIZE }) } });
      } catch (error) {
        set({ users: { status: 'failed', error: describeError(error) } });
      }
    },

    setUserDisabled: (userId, disabled) => act(userId, async () => {
      await admin.setUserDisabled(userId, disabled);
      const users = get().users;
      // Show the new state at once; the next page load brings the server's view.
      if (users.status === 'ready') {
        set({ users: { status: 'ready', data: { ...users.data, items: users.data.items.map((u) => (u.id === userId ? { ...u, disabled } : u)) } } });
      }
      get().notify({ tone: 'success', key: disabled ? 'notice.userDisabled' : 'notice.userEnabled' });
    }),

    revokeTokens: (userId) => act(userId, async () => {
      const { revoked } = await admin.revokeUserTokens(userId);
      get().notify({ tone: 'success', key: 'notice.tokensRevoked', params: { count: revoked } });
    }),
  };
};
