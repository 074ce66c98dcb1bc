/** @module AuditPage: who did what (actors and tenants by name, their ids beside), newest first, filtered by actor, action, tenant and time, a page at a time. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditEntry } from '@weft/api-client';
import { Button, EmptyState, ErrorState, Select, Spinner, TextInput, Toolbar, useStrings } from '@weft/ui-kit';
import { useAdminClient } from '../api/admin-client-context.tsx';
import type { AuditQueryParams } from '../api/admin-client.ts';
import { TableHead } from '../shell/table-head.tsx';
import { roleLabel } from '../shell/role-label.ts';
import { NamedId } from './named-id.tsx';

interface Filters { actor: string; action: string; tenantId: string; from: string; to: string }

const EMPTY: Filters = { actor: '', action: '', tenantId: '', from: '', to: '' };

/** A `datetime-local` value (the browser's time zone) as epoch ms. */
const epochOf = (local: string) => (local === '' ? undefined : new Date(local).getTime());

function queryOf(filters: Filters, cursor: string | undefined): AuditQueryParams {
  const from = epochOf(filters.from);
  const to = epochOf(filters.to);
  return {
    limit: 50,
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.tenantId.trim() ? { tenantId: filters.tenantId.trim() } : {}),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(cursor ? { cursor } : {}),
  };
}

type Load = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; entries: AuditEntry[]; nextCursor?: string | undefined };

export function AuditPage() {
  const t = useStrings();
  const admin = useAdminClient();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const cursor = cursors.at(-1);

  const fetchPage = useCallback(() => {
    setLoad({ status: 'loading' });
    admin.listAudit(queryOf(applied, cursor)).then(
      (page) => setLoad({ status: 'ready', entries: page.entries, nextCursor: page.nextCursor }),
      (error: unknown) => setLoad({ status: 'failed', error }),
    );
  }, [admin, applied, cursor]);
  useEffect(fetchPage, [fetchPage]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setCursors([undefined]);
  };
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  const actionOptions = [{ value: '', label: t('audit.anyAction') }, ...AUDIT_ACTIONS.map((action) => ({ value: action, label: action }))];

  return (
    <section className="bo-page" aria-labelledby="bo-audit-title">
      <Toolbar label={t('audit.title')}>
        <h1 id="bo-audit-title" className="bo-page__title">{t('audit.title')}</h1>
      </Toolbar>
      <p className="bo-muted">{t('audit.intro')}</p>
      <form className="bo-card bo-audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <TextInput label={t('audit.actor')} value={draft.actor} onChange={set('actor')} maxLength={200} />
        <Select label={t('audit.action')} value={draft.action} options={actionOptions} onChange={set('action')} />
        <TextInput label={t('audit.tenant')} value={draft.tenantId} onChange={set('tenantId')} maxLength={200} />
        <TextInput label={t('audit.from')} type="datetime-local" value={draft.from} onChange={set('from')} />
        <TextInput label={t('audit.to')} type="datetime-local" value={draft.to} onChange={set('to')} />
        <Button type="submit" variant="primary">{t('audit.apply')}</Button>
      </form>
      {load.status === 'failed' ? <ErrorState error={load.error} onRetry={fetchPage} /> : null}
      {load.status === 'loading' ? <Spinner /> : null}
      {load.status === 'ready' && load.entries.length === 0 ? <EmptyState title={t('audit.empty')} /> : null}
      {load.status === 'ready' && load.entries.length > 0 ? (
        <table className="bo-table" aria-label={t('audit.title')}>
          <TableHead labels={['at', 'actor', 'action', 'tenant', 'target', 'details'].map((column) => t(`audit.col.${column}`))} />
          <tbody>
            {load.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>
                  <NamedId name={entry.actorName} id={entry.actor.id}>
                    <span className="bo-muted">{t(`audit.via.${entry.actor.via}`, { role: roleLabel(t, entry.actor.role) })}</span>
                  </NamedId>
                </td>
                <td className="weft-mono">{entry.action}</td>
                <td>{entry.tenantId === undefined ? <span className="bo-muted">{t('audit.installation')}</span> : <NamedId name={entry.tenantName} id={entry.tenantId} />}</td>
                <td><span className="bo-muted">{entry.target.type}</span> <span className="weft-mono">{entry.target.id}</span></td>
                <td className="weft-mono bo-audit-details">{entry.details ? JSON.stringify(entry.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="bo-pager">
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>{t('audit.newer')}</Button>
        <Button disabled={load.status !== 'ready' || !load.nextCursor} onClick={() => load.status === 'ready' && setCursors([...cursors, load.nextCursor])}>{t('audit.older')}</Button>
      </div>
    </section>
  );
}
