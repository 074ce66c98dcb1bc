/** @module AccountDialogs: connect, reconnect, rename and remove (with the flows that use it, and force), driven by the store. */
import { useState, type FormEvent } from 'react';
import { Button, ConfirmDialog, Dialog, TextInput, useApi, useStrings } from '@weft/ui-kit';
import type { Account } from '@weft/api-client';
import { useAccountsStore } from '../hooks/use-accounts-store.ts';
import { ConnectAccountForm } from './connect-form.tsx';
import type { PopupWindow } from '../oauth-popup.ts';

function RenameDialog({ account }: { account: Account }) {
  const t = useStrings();
  const rename = useAccountsStore((s) => s.rename);
  const openDialog = useAccountsStore((s) => s.openDialog);
  const [name, setName] = useState(account.name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) void rename(account, name.trim());
  };
  return (
    <Dialog title={t('accounts.renameTitle', { name: account.name })} onClose={() => openDialog(null)} initialFocus="input">
      <form onSubmit={submit}>
        <TextInput label={t('accounts.name')} value={name} maxLength={200} error={name.trim() ? undefined : t('accounts.nameRequired')} onChange={setName} />
        <div className="weft-dialog__actions">
          <Button onClick={() => openDialog(null)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary">{t('common.save')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function AccountDialogs({ popupWindow }: { popupWindow?: PopupWindow | undefined }) {
  const t = useStrings();
  const api = useApi();
  const dialog = useAccountsStore((s) => s.dialog);
  const types = useAccountsStore((s) => s.types);
  const openDialog = useAccountsStore((s) => s.openDialog);
  const connected = useAccountsStore((s) => s.connected);
  const remove = useAccountsStore((s) => s.remove);
  const isRemoving = useAccountsStore((s) => (dialog?.kind === 'remove' ? s.pending[dialog.account.id] === 'remove' : false));
  const close = () => openDialog(null);
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'connect':
    case 'reconnect': {
      const reconnect = dialog.kind === 'reconnect' ? dialog.account : undefined;
      return (
        <Dialog title={reconnect ? t('accounts.reconnectTitle', { name: reconnect.name }) : t('accounts.connectTitle')} onClose={close} initialFocus="input, select">
          <ConnectAccountForm api={api} types={types} connector={dialog.kind === 'connect' ? dialog.connector : undefined} reconnect={reconnect} onConnected={connected} onCancel={close} {...(popupWindow ? { popupWindow } : {})} />
        </Dialog>
      );
    }
    case 'rename':
      return <RenameDialog account={dialog.account} />;
    case 'remove': {
      const flows = dialog.inUse;
      return (
        <ConfirmDialog
          title={t('accounts.removeTitle', { name: dialog.account.name })}
          message={flows && flows.length > 0 ? (
            <>
              <span>{t('accounts.inUse')}</span>
              {/* Inside the dialog's <p>: spans shown as a list, not a <ul>. */}
              {flows.map((flow) => <span key={flow.flowId} className="weft-acc__flow">{flow.name}</span>)}
            </>
          ) : t('accounts.removeMessage')}
          confirmLabel={flows && flows.length > 0 ? t('accounts.removeForce') : t('accounts.remove')}
          isBusy={isRemoving}
          onConfirm={() => void remove(dialog.account, flows !== undefined && flows.length > 0)}
          onCancel={close}
        />
      );
    }
  }
}
