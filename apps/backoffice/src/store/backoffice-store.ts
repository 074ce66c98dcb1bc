/**
 * @module Backoffice store: one zustand store per Backoffice instance, built from slices (session,
 * modifiers, users, messages, settings, notices, host keys); components read it with narrow selectors.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createStoreContext } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createModifiersSlice, type ModifiersSlice } from './modifiers-slice.ts';
import { createUsersSlice, type UsersSlice } from './users-slice.ts';
import { createMessagesSlice, type MessagesSlice } from './messages-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';
import { createNoticeSlice, type NoticeSlice } from './notice-slice.ts';
import { createHostKeysSlice, type HostKeysSlice } from './host-keys-slice.ts';
import { createConnectorsSlice, type ConnectorsSlice } from './connectors-slice.ts';
import { createTenantsSlice, type TenantsSlice } from './tenants-slice.ts';

export type BackofficeState = SessionSlice & ModifiersSlice & UsersSlice & MessagesSlice & SettingsSlice & NoticeSlice & HostKeysSlice & ConnectorsSlice & TenantsSlice;

export interface StoreDeps {
  admin: AdminClient;
  /** sessionStorage in the browser; a Map-backed fake in tests. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** What every slice creator gets: zustand's set/get plus the store's dependencies. */
export type SliceCreator<Slice> = (
  set: StoreApi<BackofficeState>['setState'],
  get: StoreApi<BackofficeState>['getState'],
  deps: StoreDeps,
) => Slice;

export function createBackofficeStore(deps: StoreDeps): StoreApi<BackofficeState> {
  return createStore<BackofficeState>()((set, get) => ({
    ...createSessionSlice(set, get, deps),
    ...createModifiersSlice(set, get, deps),
    ...createUsersSlice(set, get, deps),
    ...createMessagesSlice(set, get, deps),
    ...createSettingsSlice(set, get, deps),
    ...createNoticeSlice(set, get, deps),
    ...createHostKeysSlice(set, get, deps),
    ...createConnectorsSlice(set, get, deps),
    ...createTenantsSlice(set, get, deps),
  }));
}

export const {
  Provider: BackofficeStoreProvider,
  useStore: useBackofficeStore,
  useStoreApi: useBackofficeStoreApi,
} = createStoreContext<BackofficeState>('Backoffice');
