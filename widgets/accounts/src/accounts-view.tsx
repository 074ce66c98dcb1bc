/** @module AccountsView: toolbar, notice, then the state of the list (loading, error, empty, table) and the dialogs. */
import { Button, EmptyState, ErrorState, Spinner, useLoadEvery, useStrings } from '@weft/ui-kit';
import { useAccountsStore } from './hooks/use-accounts-store.ts';
import { AccountRow } from './components/account-row.tsx';
import { AccountDialogs } from './components/account-dialogs.tsx';
import type { PopupWindow } from './oauth-popup.ts';

function AccountList() {
  const t = useStrings();
  const status = useAccountsStore((s) => s.status);
  const error = useAccountsStore((s) => s.error);
  const items = useAccountsStore((s) => s.items);
  const load = useAccountsStore((s) => s.load);
  const openDialog = useAccountsStore((s) => s.openDialog);
  if ((status === 'loading' || status === 'idle') && items.length === 0) return <Spinner />;
  if (status === 'error') return <ErrorState title={t('accounts.loadFailed')} error={error} onRetry={() => void load()} />;
  if (items.length === 0) {
    return (
      <EmptyState title={t('accounts.empty')} action={<Button variant="primary" onClick={() => openDialog({ kind: 'connect' })}>{t('accounts.connectNew')}</Button>}>
        {t('accounts.emptyHint')}
      </EmptyState>
    );
  }
  return (
    <table className="weft-acc__table">
      <thead>
        <tr>
          <th scope="col">{t('accounts.column.name')}</th>
          <th scope="col">{t('accounts.column.kind')}</th>
          <th scope="col">{t('accounts.column.status')}</th>
          <th scope="col">{t('accounts.column.lastUsed')}</th>
          <th scope="col"><span className="weft-visually-hidden">{t('accounts.column.actions')}</span></th>
        </tr>
      </thead>
      <tbody>{items.map((account) => <AccountRow key={account.id} account={account} />)}</tbody>
    </table>
  );
}

export function AccountsView({ pollMs, popupWindow }: { pollMs: number; popupWindow?: PopupWindow | undefined }) {
  const t = useStrings();
  const load = useAccountsStore((s) => s.load);
  const notice = useAccountsStore((s) => s.notice);
  const openDialog = useAccountsStore((s) => s.openDialog);
  const hasItems = useAccountsStore((s) => s.items.length > 0);
  // A refresh may fail for good while the page is open: look again now and then.
  useLoadEvery(load, pollMs);
  return (
    <section className="weft-acc" aria-label={t('accounts.title')}>
      <div className="weft-acc__toolbar">
        <h2 className="weft-acc__title">{t('accounts.title')}</h2>
        <Button onClick={() => void load()}>{t('accounts.refresh')}</Button>
        {hasItems ? <Button variant="primary" onClick={() => openDialog({ kind: 'connect' })}>{t('accounts.connectNew')}</Button> : null}
      </div>
      <p className="weft-acc__notice" role="status" aria-live="polite" data-tone={notice?.tone}>{notice?.text ?? ''}</p>
      <AccountList />
      <AccountDialogs popupWindow={popupWindow} />
    </section>
  );
}
