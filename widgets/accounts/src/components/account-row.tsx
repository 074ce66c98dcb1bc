/** @module AccountRow: one account: name, kind, state (valid, invalid with its reason, refreshing), last use, actions. */
import type { Account } from '@weft/api-client';
import { Badge, Button, useStrings } from '@weft/ui-kit';
import { useAccountsStore } from '../hooks/use-accounts-store.ts';

const TONE = { valid: 'success', invalid: 'danger', refreshing: 'warning' } as const;

function kindLabel(account: Account, connectorLabel: string | undefined, t: ReturnType<typeof useStrings>): string {
  if (account.connector !== undefined) return connectorLabel ?? account.connector;
  return ['bearer', 'apiKey', 'basic', 'oauth2'].includes(account.type) ? t(`accounts.type.${account.type}`) : account.type;
}

export function AccountRow({ account }: { account: Account }) {
  const t = useStrings();
  const pending = useAccountsStore((s) => s.pending[account.id]);
  const connectorLabel = useAccountsStore((s) => s.types.find((type) => type.connector === account.connector)?.label);
  const openDialog = useAccountsStore((s) => s.openDialog);
  const test = useAccountsStore((s) => s.test);
  const profile = Object.entries(account.profile).filter(([, value]) => typeof value === 'string' || typeof value === 'number').slice(0, 2);
  const canTest = account.connector !== undefined ? account.type !== 'oauth2' : account.testUrl !== undefined;
  return (
    <tr aria-busy={pending ? true : undefined} data-status={account.status}>
      <th scope="row">
        <span className="weft-acc__name">{account.name}</span>
        {profile.length > 0 ? <span className="weft-acc__muted"> {profile.map(([, value]) => String(value)).join(' · ')}</span> : null}
      </th>
      <td>{kindLabel(account, connectorLabel, t)}</td>
      <td>
        <Badge tone={TONE[account.status]}>{t(`accounts.status.${account.status}`)}</Badge>
        {account.status === 'invalid' && account.statusReason ? <p className="weft-acc__reason">{account.statusReason}</p> : null}
      </td>
      <td className="weft-acc__muted">{account.lastUsedAt ? new Date(account.lastUsedAt).toLocaleString() : t('accounts.neverUsed')}</td>
      <td>
        <div className="weft-acc__actions" role="group" aria-label={t('accounts.actionsOf', { name: account.name })}>
          {canTest ? <Button disabled={pending !== undefined} onClick={() => void test(account)}>{pending === 'test' ? t('accounts.testing') : t('accounts.test')}</Button> : null}
          <Button variant={account.status === 'invalid' ? 'primary' : 'secondary'} onClick={() => openDialog({ kind: 'reconnect', account })}>{t('accounts.reconnect')}</Button>
          <Button onClick={() => openDialog({ kind: 'rename', account })}>{t('accounts.rename')}</Button>
          <Button className="weft-acc__remove" onClick={() => openDialog({ kind: 'remove', account })}>{t('accounts.remove')}</Button>
        </div>
      </td>
    </tr>
  );
}
