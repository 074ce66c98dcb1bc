/**
 * @module ConnectAccountDialog: "Connect an account" of an account field, with the Accounts widget's
 * own form, its strings and CSS brought along. Loaded only when opened (it is most of the weight of
 * the accounts widget, and most wizards never need it).
 */
import { accountsStrings, accountsStyles, ConnectAccountForm } from '@weft/accounts';
import type { Account, ConnectorAccountType } from '@weft/api-client';
import { Dialog, WidgetRoot, useWidgetRoot } from '@weft/ui-kit';

export interface ConnectAccountDialogProps {
  title: string;
  types: readonly ConnectorAccountType[];
  /** Offer only this connector's kind; without it, the generic kinds. */
  connector?: string | undefined;
  onConnected: (account: Account) => void;
  onClose: () => void;
}

export default function ConnectAccountDialog({ title, types, connector, onConnected, onClose }: ConnectAccountDialogProps) {
  const root = useWidgetRoot();
  return (
    <WidgetRoot api={root.api} catalogues={accountsStrings} locale={root.locale} theme={root.theme} emitter={root.emitter}>
      <style>{accountsStyles}</style>
      <Dialog title={title} onClose={onClose} initialFocus="input, select">
        <ConnectAccountForm api={root.api} types={types} {...(connector ? { connector } : { genericOnly: true })} onConnected={onConnected} onCancel={onClose} />
      </Dialog>
    </WidgetRoot>
  );
}
