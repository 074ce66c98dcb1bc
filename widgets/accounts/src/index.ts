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
export type { PopupWindow } from './oauth-popup.ts';
// Store (for stories and tests)
export { createAccountsStore } from './store/accounts-store.ts';
export type { AccountsState, AccountsDialog } from './store/accounts-store.ts';
// Strings
export { accountsStrings } from './strings.ts';
