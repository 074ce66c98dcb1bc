/** @module UsersPage: every account, a page at a time; disable, enable and revoke tokens, each confirmed. */
import { useEffect, useState } from 'react';
import type { AdminUser } from '@weft/api-client';
import { Badge, Button, ConfirmDialog, EmptyState, ErrorState, Spinner, Toolbar, ToolbarSpacer, useStrings } from '@weft/ui-kit';
import { USERS_PAGE_SIZE } from '../store/users-slice.ts';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { Pager } from '../shell/pager.tsx';
import { TableHead } from '../shell/table-head.tsx';
import { roleLabel } from '../shell/role-label.ts';

type Pending = { kind: 'disable' | 'revoke'; user: AdminUser } | undefined;

export function UsersPage() {
  const t = useStrings();
  const users = useBackofficeStore((s) => s.users);
  const loadUsers = useBackofficeStore((s) => s.loadUsers);
  const busyUserId = useBackofficeStore((s) => s.busyUserId);
  const setUserDisabled = useBackofficeStore((s) => s.setUserDisabled);
  const revokeTokens = useBackofficeStore((s) => s.revokeTokens);
  const selfId = useBackofficeStore((s) => s.session?.user.id);
  const [pending, setPending] = useState<Pending>();

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const page = users.status === 'idle' ? undefined : users.data;

  const confirm = () => {
    if (!pending) return;
    setPending(undefined);
    void (pending.kind === 'disable' ? setUserDisabled(pending.user.id, true) : revokeTokens(pending.user.id));
  };

  return (
    <section className="bo-page" aria-labelledby="bo-users-title">
      <Toolbar label={t('users.title')}>
        <h1 id="bo-users-title" className="bo-page__title">{t('users.title')}</h1>
        <ToolbarSpacer />
        {page ? <Pager label={t('users.paging')} offset={page.offset} limit={USERS_PAGE_SIZE} total={page.total} onPage={(offset) => void loadUsers(offset)} /> : null}
      </Toolbar>
      {users.status === 'failed' ? <ErrorState error={users.error} onRetry={() => void loadUsers()} /> : null}
      {!page && users.status === 'loading' ? <Spinner /> : null}
      {page && page.items.length === 0 ? <EmptyState title={t('users.empty')} /> : null}
      {page && page.items.length > 0 ? (
        <table className="bo-table" aria-busy={users.status === 'loading'}>
          <TableHead labels={['email', 'role', 'created', 'status', 'actions'].map((column) => t(`users.col.${column}`))} />
          <tbody>
            {page.items.map((user) => (
              <tr key={user.id}>
                <td>{user.email} <span className="bo-muted weft-mono">{user.id}</span></td>
                <td>{user.role === 'admin' ? <Badge tone="warning">{roleLabel(t, user.role)}</Badge> : roleLabel(t, user.role)}</td>
                <td>{new Date(user.createdAt).toLocaleDateString()}</td>
                <td>{user.disabled ? <Badge tone="danger">{t('users.disabled')}</Badge> : <Badge tone="success">{t('users.active')}</Badge>}</td>
                <td><div className="bo-actions">
                  {user.disabled ? (
                    <Button size="small" disabled={busyUserId === user.id} onClick={() => void setUserDisabled(user.id, false)}>{t('users.enable')}</Button>
                  ) : (
                    <Button size="small" disabled={busyUserId === user.id || user.id === selfId} onClick={() => setPending({ kind: 'disable', user })}>{t('users.disable')}</Button>
                  )}
                  <Button size="small" disabled={busyUserId === user.id} onClick={() => setPending({ kind: 'revoke', user })}>{t('users.revoke')}</Button>
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={t(pending.kind === 'disable' ? 'users.disableTitle' : 'users.revokeTitle', { email: pending.user.email })}
          message={t(pending.kind === 'disable' ? 'users.disableBody' : 'users.revokeBody', { email: pending.user.email })}
          confirmLabel={t(pending.kind === 'disable' ? 'users.disable' : 'users.revoke')}
          onConfirm={confirm}
          onCancel={() => setPending(undefined)}
        />
      ) : null}
    </section>
  );
}
