/** @module Host keys slice: the list of host API keys, making one (its key held until dismissed) and revoking one. */
import type { CreatedHostKey, HostKey, HostKeyScope } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export interface HostKeysSlice {
  hostKeys: Loadable<HostKey[]>;
  /** The key just made: the only time it can be shown; forgotten on dismiss. */
  createdHostKey: CreatedHostKey | undefined;
  busyHostKey: boolean;
  loadHostKeys: () => Promise<void>;
  createHostKey: (name: string, scopes: HostKeyScope[]) => Promise<void>;
  revokeHostKey: (key: HostKey) => Promise<void>;
  dismissCreatedHostKey: () => void;
}

export const createHostKeysSlice: SliceCreator<HostKeysSlice> = (set, get, { admin }) => {
  const act = async (action: () => Promise<void>): Promise<void> => {
    set({ busyHostKey: true });
    try {
      await action();
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
    } finally {
      set({ busyHostKey: false });
    }
  };

  return {
    hostKeys: { status: 'idle' },
    createdHostKey: undefined,
    busyHostKey: false,

    loadHostKeys: async () => {
      const previous = get().hostKeys;
      set({ hostKeys: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
      try {
        set({ hostKeys: { status: 'ready', data: (await admin.listHostKeys()).items } });
      } catch (error) {
        set({ hostKeys: { status: 'failed', error: describeError(error) } });
      }
    },

    createHostKey: (name, scopes) => act(async () => {
      const created = await admin.createHostKey({ name, scopes });
      set({ createdHostKey: created });
      await get().loadHostKeys();
    }),

    revokeHostKey: (key) => act(async () => {
      await admin.revokeHostKey(key.id);
      get().notify({ tone: 'success', key: 'notice.hostKeyRevoked', params: { name: key.name } });
      await get().loadHostKeys();
    }),

    dismissCreatedHostKey: () => set({ createdHostKey: undefined }),
  };
};
