/** @module Accounts: the widget as a React component: root provider, per-instance store, handle for the host. */
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { WidgetRoot, createEmitter, createTranslate, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler, type WidgetHandle } from '@weft/ui-kit';
import type { ApiClient } from '@weft/api-client';
import { createAccountsStore } from './store/accounts-store.ts';
import { AccountsStoreProvider, useAccountsStoreApi } from './hooks/use-accounts-store.ts';
import { AccountsView } from './accounts-view.tsx';
import { accountsStrings } from './strings.ts';
import type { PopupWindow } from './oauth-popup.ts';

export interface AccountsProps {
  /** Inject any client: the SDK's, or a mocked one in stories and tests. */
  api: ApiClient;
  theme?: Theme;
  locale?: string;
  strings?: StringCatalogue;
  /** Events: `account:connected`, `account:removed`, `account:invalid` ({ accountId, name, reason }). */
  emitter?: WidgetEmitter;
  on?: Record<string, WidgetEventHandler<never>>;
  /** How often the list is loaded again, to show accounts that turned invalid (0: never). Default 30 s. */
  pollMs?: number;
  /** The window that opens the OAuth popup (tests). */
  popupWindow?: PopupWindow;
  ref?: Ref<WidgetHandle>;
}

function Handle({ handleRef }: { handleRef: Ref<WidgetHandle> | undefined }) {
  const store = useAccountsStoreApi();
  useImperativeHandle(handleRef, () => ({
    reload: () => void store.getState().load(),
    state: () => undefined,
  }), [store]);
  return null;
}

export function Accounts({ api, theme, locale, strings, emitter, on, pollMs = 30_000, popupWindow, ref }: AccountsProps) {
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const apiRef = useRef(api);
  apiRef.current = api;
  const t = useMemo(() => createTranslate({ locale, catalogues: accountsStrings, overrides: strings }), [locale, strings]);
  const tRef = useRef(t);
  tRef.current = t;
  const create = () => createAccountsStore({ api: () => apiRef.current, emit: (event, detail) => ownEmitter.emit(event, detail), t: (key, params) => tRef.current(key, params) });
  return (
    <WidgetRoot api={api} theme={theme} locale={locale} strings={strings} catalogues={accountsStrings} emitter={ownEmitter} on={on}>
      <AccountsStoreProvider create={create}>
        <Handle handleRef={ref} />
        <AccountsView pollMs={pollMs} popupWindow={popupWindow} />
      </AccountsStoreProvider>
    </WidgetRoot>
  );
}
