/** @module Accounts store: the user's connected accounts, the kinds a connector offers, and what each row is doing. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiError, type Account, type AccountInUse, type ApiClient, type ConnectorAccountType } from '@weft/api-client';

/** What a row is doing right now (its buttons wait for it). */
export type RowAction = 'test' | 'rename' | 'remove';

export type AccountsDialog =
  | { kind: 'connect'; connector?: string | undefined }
  | { kind: 'reconnect'; account: Account }
  | { kind: 'rename'; account: Account }
  | { kind: 'remove'; account: Account; inUse?: AccountInUse['flows'] };

export interface AccountsNotice {
  tone: 'info' | 'error';
  text: string;
}

export interface AccountsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: unknown;
  items: Account[];
  types: ConnectorAccountType[];
  pending: Record<string, RowAction>;
  dialog: AccountsDialog | null;
  notice: AccountsNotice | null;
  /** Load accounts (and the connectors' account kinds); tells the host about accounts that turned invalid. */
  load: () => Promise<void>;
  openDialog: (dialog: AccountsDialog | null) => void;
  setNotice: (notice: AccountsNotice | null) => void;
  /** After the connect form stored an account: list it and close the form. */
  connected: (account: Account) => void;
  test: (account: Account) => Promise<void>;
  rename: (account: Account, name: string) => Promise<void>;
  /** Refused with the running flows that use it unless `force`, which stops them. */
  remove: (account: Account, force?: boolean) => Promise<void>;
}

export interface AccountsDeps {
  api: () => ApiClient;
  emit: (event: string, detail?: unknown) => void;
  /** Strings for notices (the store has no React context). */
  t: (key: string, params?: Record<string, string | number>) => string;
}

export function createAccountsStore(deps: AccountsDeps): StoreApi<AccountsState> {
  /** Status of each account at the last load: an invalid account is announced once (also at first sight), until it is valid again. */
  const seen = new Map<string, Account['status']>();
  const announce = (items: readonly Account[]) => {
    for (const account of items) {
      const before = seen.get(account.id);
      if (account.status === 'invalid' && before !== 'invalid') {
        deps.emit('account:invalid', { accountId: account.id, name: account.name, reason: account.statusReason });
      }
      seen.set(account.id, account.status);
    }
  };
  return createStore<AccountsState>()((set, get) => {
    const replace = (account: Account) => set((s) => ({ items: s.items.map((item) => (item.id === account.id ? account : item)) }));
    const busy = (id: string, action: RowAction | undefined) => set((s) => {
      const pending = { ...s.pending };
      if (action) pending[id] = action;
      else delete pending[id];
      return { pending };
    });
    return {
      status: 'idle',
      items: [],
      types: [],
      pending: {},
      dialog: null,
      notice: null,
      async load() {
        set({ status: get().items.length === 0 ? 'loading' : get().status });
        try {
          const [accounts, types] = await Promise.all([
            deps.api().listAccounts(),
            deps.api().listAccountTypes().catch(() => ({ items: [] as ConnectorAccountType[] })),
          ]);
          announce(accounts.items);
          set({ status: 'ready', items: accounts.items, types: types.items, error: undefined });
        } catch (error) {
          set({ status: 'error', error });
        }
      },
      openDialog: (dialog) => set({ dialog }),
      setNotice: (notice) => set({ notice }),
      connected(account) {
        seen.set(account.id, account.status);
        set((s) => ({
          items: s.items.some((item) => item.id === account.id) ? s.items.map((item) => (item.id === account.id ? account : item)) : [...s.items, account],
          dialog: null,
          notice: { tone: 'info', text: deps.t('accounts.connectedNotice', { name: account.name }) },
        }));
        deps.emit('account:connected', { accountId: account.id, name: account.name });
      },
      async test(account) {
        busy(account.id, 'test');
        try {
          const result = await deps.api().testAccount(account.id);
          replace(result.account);
          announce([result.account]);
          set({ notice: { tone: result.ok ? 'info' : 'error', text: result.ok ? deps.t('accounts.testPassed', { name: account.name }) : deps.t('accounts.testFailed', { name: account.name, message: result.message }) } });
        } catch (error) {
          set({ notice: { tone: 'error', text: messageOf(error) } });
        } finally {
          busy(account.id, undefined);
        }
      },
      async rename(account, name) {
        busy(account.id, 'rename');
        try {
          replace(await deps.api().updateAccount(account.id, { name }));
          set({ dialog: null });
        } catch (error) {
          set({ notice: { tone: 'error', text: messageOf(error) } });
        } finally {
          busy(account.id, undefined);
        }
      },
      async remove(account, force = false) {
        busy(account.id, 'remove');
        try {
          await deps.api().deleteAccount(account.id, { force });
          seen.delete(account.id);
          set((s) => ({ items: s.items.filter((item) => item.id !== account.id), dialog: null, notice: { tone: 'info', text: deps.t('accounts.removedNotice', { name: account.name }) } }));
          deps.emit('account:removed', { accountId: account.id });
        } catch (error) {
          const flows = inUseFlows(error);
          if (flows) set({ dialog: { kind: 'remove', account, inUse: flows } });
          else set({ notice: { tone: 'error', text: messageOf(error) } });
        } finally {
          busy(account.id, undefined);
        }
      },
    };
  });
}

/** The running flows of a 409 `account.in_use`. */
function inUseFlows(error: unknown): AccountInUse['flows'] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'account.in_use') return undefined;
  const details = error.details as { flows?: unknown } | undefined;
  return Array.isArray(details?.flows) ? (details.flows as AccountInUse['flows']) : [];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
