/**
 * @module Connect account dialog: "Connect new…" of an account picker, with the Accounts widget's
 * own form (its strings and CSS brought along), limited to what the component can use: its
 * connector's kind, or the generic kinds for a component of no connector (the HTTP Request).
 */
import { useEffect, useState } from 'react';
import { accountsStrings, accountsStyles, ConnectAccountForm, type AccountsApi } from '@weft/accounts';
import type { Account, ConnectorAccountType } from '@weft/api-client';
import { Dialog, Spinner, WidgetRoot, useWidgetRoot } from '@weft/ui-kit';
import type { DesignerApi } from '../../api/designer-api.ts';

/** The connector a component type belongs to: its first two name parts (`weft.postgres.Query` → `weft.postgres`). */
export function connectorOf(componentType: string): string {
  return componentType.split('.').slice(0, 2).join('.');
}

/** Whether the designer's client can connect accounts (every call the form makes). */
export function canConnectAccounts(api: DesignerApi): api is DesignerApi & AccountsApi & Required<Pick<DesignerApi, 'listAccountTypes'>> {
  return api.createAccount !== undefined && api.updateAccount !== undefined && api.startOAuth !== undefined && api.getAccount !== undefined && api.listAccountTypes !== undefined;
}

export interface ConnectAccountDialogProps {
  api: DesignerApi & AccountsApi & Required<Pick<DesignerApi, 'listAccountTypes'>>;
  componentType: string;
  title: string;
  onConnected: (account: Account) => void;
  onClose: () => void;
}

export function ConnectAccountDialog({ api, componentType, title, onConnected, onClose }: ConnectAccountDialogProps) {
  const root = useWidgetRoot();
  const [types, setTypes] = useState<ConnectorAccountType[] | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    api.listAccountTypes().then((answer) => { if (isCurrent) setTypes(answer.items); }, () => { if (isCurrent) setTypes([]); });
    return () => {
      isCurrent = false;
    };
  }, [api]);
  const connector = connectorOf(componentType);
  const isConnectors = types?.some((type) => type.connector === connector) ?? false;
  return (
    // The form reads the Accounts widget's strings: a root of its own, same client, locale and theme.
    <WidgetRoot api={root.api} catalogues={accountsStrings} locale={root.locale} theme={root.theme} emitter={root.emitter}>
      <style>{accountsStyles}</style>
      <Dialog title={title} onClose={onClose} initialFocus="input, select">
        {types === undefined ? <Spinner /> : (
          <ConnectAccountForm api={api} types={types} {...(isConnectors ? { connector } : { genericOnly: true })} onConnected={onConnected} onCancel={onClose} />
        )}
      </Dialog>
    </WidgetRoot>
  );
}
