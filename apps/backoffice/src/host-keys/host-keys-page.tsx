/** @module HostKeysPage: host API keys with name, scopes, created and last use; make one (shown once) and revoke one, confirmed. */
import { useEffect, useState, type FormEvent } from 'react';
import type { HostKey, HostKeyScope } from '@weft/api-client';
import { Badge, Button, ConfirmDialog, CopyButton, EmptyState, ErrorState, Spinner, TextInput, Toolbar, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { TableHead } from '../shell/table-head.tsx';

const SCOPES: HostKeyScope[] = ['provision', 'events', 'read'];

export function HostKeysPage() {
  const t = useStrings();
  const hostKeys = useBackofficeStore((s) => s.hostKeys);
  const loadHostKeys = useBackofficeStore((s) => s.loadHostKeys);
  const revokeHostKey = useBackofficeStore((s) => s.revokeHostKey);
  const busy = useBackofficeStore((s) => s.busyHostKey);
  const [pending, setPending] = useState<HostKey>();

  useEffect(() => {
    void loadHostKeys();
  }, [loadHostKeys]);

  const keys = hostKeys.status === 'idle' ? undefined : hostKeys.data;
  const when = (at: number | undefined) => (at === undefined ? t('hostKeys.never') : new Date(at).toLocaleString());

  return (
    <section className="bo-page" aria-labelledby="bo-host-keys-title">
      <Toolbar label={t('hostKeys.title')}>
        <h1 id="bo-host-keys-title" className="bo-page__title">{t('hostKeys.title')}</h1>
      </Toolbar>
      <p className="bo-muted">{t('hostKeys.intro')}</p>
      <CreateHostKeyForm />
      {hostKeys.status === 'failed' ? <ErrorState error={hostKeys.error} onRetry={() => void loadHostKeys()} /> : null}
      {!keys && hostKeys.status === 'loading' ? <Spinner /> : null}
      {keys && keys.length === 0 ? <EmptyState title={t('hostKeys.empty')} /> : null}
      {keys && keys.length > 0 ? (
        <table className="bo-table" aria-busy={hostKeys.status === 'loading'}>
          <TableHead labels={['name', 'scopes', 'created', 'lastUsed', 'status', 'actions'].map((column) => t(`hostKeys.col.${column}`))} />
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name} <span className="bo-muted weft-mono">{key.id}</span></td>
                <td>{key.scopes.join(', ')}</td>
                <td>{when(key.createdAt)}</td>
                <td>{when(key.lastUsedAt)}</td>
                <td>{key.revokedAt !== undefined ? <Badge tone="danger">{t('hostKeys.revoked')}</Badge> : <Badge tone="success">{t('hostKeys.active')}</Badge>}</td>
                <td>
                  {key.revokedAt === undefined ? (
                    <Button size="small" disabled={busy} onClick={() => setPending(key)} aria-label={`${t('hostKeys.revoke')} ${key.name}`}>{t('hostKeys.revoke')}</Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={t('hostKeys.revokeTitle', { name: pending.name })}
          message={t('hostKeys.revokeBody')}
          confirmLabel={t('hostKeys.revoke')}
          onConfirm={() => {
            setPending(undefined);
            void revokeHostKey(pending);
          }}
          onCancel={() => setPending(undefined)}
        />
      ) : null}
    </section>
  );
}

function CreateHostKeyForm() {
  const t = useStrings();
  const createHostKey = useBackofficeStore((s) => s.createHostKey);
  const created = useBackofficeStore((s) => s.createdHostKey);
  const dismiss = useBackofficeStore((s) => s.dismissCreatedHostKey);
  const busy = useBackofficeStore((s) => s.busyHostKey);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<HostKeyScope[]>(['provision']);
  const [problem, setProblem] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setProblem(t('hostKeys.needName'));
    if (scopes.length === 0) return setProblem(t('hostKeys.needScope'));
    setProblem(undefined);
    void createHostKey(name.trim(), scopes).then(() => setName(''));
  };

  if (created) {
    return (
      <div className="bo-card bo-host-key-form" role="status">
        <p>{t('hostKeys.created', { name: created.name })}</p>
        <p><code className="weft-mono" data-testid="created-host-key">{created.key}</code> <CopyButton text={created.key} /></p>
        <Button onClick={dismiss}>{t('hostKeys.dismiss')}</Button>
      </div>
    );
  }
  return (
    <form className="bo-card bo-host-key-form" onSubmit={submit} aria-label={t('hostKeys.create')}>
      <TextInput label={t('hostKeys.name')} value={name} onChange={setName} maxLength={100} />
      <fieldset>
        <legend>{t('hostKeys.scopes')}</legend>
        {SCOPES.map((scope) => (
          <label key={scope} className="bo-checkbox">
            <input
              type="checkbox" checked={scopes.includes(scope)}
              onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
            /> {t(`hostKeys.scope.${scope}`)}
          </label>
        ))}
      </fieldset>
      {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
      <Button type="submit" variant="primary" disabled={busy}>{t('hostKeys.create')}</Button>
    </form>
  );
}
