/** @module useAccountsStore: the per-instance store of one Accounts widget, read with narrow selectors. */
import { createStoreContext } from '@weft/ui-kit';
import type { AccountsState } from '../store/accounts-store.ts';

const context = createStoreContext<AccountsState>('Accounts');

export const AccountsStoreProvider = context.Provider;
export const useAccountsStore = context.useStore;
export const useAccountsStoreApi = context.useStoreApi;
