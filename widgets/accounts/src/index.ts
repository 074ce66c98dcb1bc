/**
 * @module @weft/accounts: the user's connected accounts: list, connect (form or OAuth popup), test, reconnect, rename, remove.
 *
 *   const accounts = mountAccounts(el, { api, on: { 'account:invalid': ({ name }) => warn(name) } });
 *   accounts.reload();
 */
// Widget
export { Accounts } from './accounts.tsx';
export type { AccountsProps } from './accounts.tsx';
export { mountAccounts } from './mount-accounts.tsx';
export type { AccountsOptions, MountedAccounts } from './mount-accounts.tsx';
// Connect form (the designer's inspector reuses it)
export { ConnectAccountForm } from './components/connect-form.tsx';
export type { ConnectAccountFormProps } from './components/connect-form.tsx';
export { connectWithPopup, OAuthPopupError } from './oauth-popup.ts';
export type { PopupWindow, AccountsApi } from './oauth-popup.ts';
// The widget's CSS as text, for a host that shows the connect form in its own shadow root
export { default as accountsStyles } from './styles/theme.css?inline';
// Store (for stories and tests)
export { createAccountsStore } from './store/accounts-store.ts';
export type { AccountsState, AccountsDialog } from './store/accounts-store.ts';
// Strings
export { accountsStrings } from './strings.ts';
