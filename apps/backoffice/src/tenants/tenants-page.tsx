/**
 * @module TenantsPage and TenantPage: every tenant with its counts, then one tenant's users and flows,
 * with a Stop (confirmed) for each running flow and a link to the tenant's insights in the Studio.
 */
import { useEffect, useState } from 'react';
import type { AdminTenantFlow } from '@weft/api-client';
import { Badge, Button, ConfirmDialog, EmptyState, ErrorState, Spinner, Toolbar, ToolbarSpacer, useStrings } from '@weft/ui-kit';
import { TENANTS_PAGE_SIZE } from '../store/tenants-slice.ts';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { routeHash } from '../route.ts';
import { Pager } from '../shell/pager.tsx';
import { TableHead } from '../shell/table-head.tsx';
import { roleLabel } from '../shell/role-label.ts';

export function TenantsPage() {
  const t = useStrings();
  const tenants = useBackofficeStore((s) => s.tenants);
  const loadTenants = useBackofficeStore((s) => s.loadTenants);
  useEffect(() => {
    void loadTenants();
  }, [loadTenants]);
  const page = tenants.status === 'idle' ? undefined : tenants.data;

  return (
    <section className="bo-page" aria-labelledby="bo-tenants-title">
      <Toolbar label={t('tenants.title')}>
        <h1 id="bo-tenants-title" className="bo-page__title">{t('tenants.title')}</h1>
        <ToolbarSpacer />
        {page ? <Pager label={t('tenants.paging')} offset={page.offset} limit={TENANTS_PAGE_SIZE} total={page.total} onPage={(offset) => void loadTenants(offset)} /> : null}
      </Toolbar>
      {tenants.status === 'failed' ? <ErrorState error={tenants.error} onRetry={() => void loadTenants()} /> : null}
      {!page && tenants.status === 'loading' ? <Spinner /> : null}
      {page && page.items.length === 0 ? <EmptyState title={t('tenants.empty')} /> : null}
      {page && page.items.length > 0 ? (
        <table className="bo-table" aria-busy={tenants.status === 'loading'}>
          <TableHead labels={['name', 'users', 'flows', 'running', 'created'].map((column) => t(`tenants.col.${column}`))} />
          <tbody>
            {page.items.map((tenant) => (
              <tr key={tenant.id}>
                <td>
                  <a href={routeHash({ page: 'tenant', id: tenant.id })}>{tenant.name}</a>{' '}
                  <span className="bo-muted weft-mono">{tenant.externalId ?? tenant.id}</span>
                </td>
                <td>{tenant.users}</td>
                <td>{tenant.flows}</td>
                <td>{tenant.runningFlows}</td>
                <td>{new Date(tenant.createdAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function TenantPage({ tenantId }: { tenantId: string }) {
  const t = useStrings();
  const tenant = useBackofficeStore((s) => s.tenant);
  const openTenant = useBackofficeStore((s) => s.openTenant);
  const stopTenantFlow = useBackofficeStore((s) => s.stopTenantFlow);
  const stoppingFlowId = useBackofficeStore((s) => s.stoppingFlowId);
  const [pending, setPending] = useState<AdminTenantFlow>();
  useEffect(() => {
    void openTenant(tenantId);
  }, [openTenant, tenantId]);
  const detail = tenant.status === 'idle' || tenant.data?.id !== tenantId ? undefined : tenant.data;
  const names = new Map((detail?.users ?? []).map((user) => [user.id, user.name ?? user.email ?? user.externalId ?? user.id]));

  return (
    <section className="bo-page" aria-labelledby="bo-tenant-title">
      <Toolbar label={t('tenants.title')}>
        <a href={routeHash({ page: 'tenants' })}>{t('tenants.back')}</a>
        <h1 id="bo-tenant-title" className="bo-page__title">{detail?.name ?? tenantId}</h1>
        <ToolbarSpacer />
        <a href={new URL(`/#/tenants/${encodeURIComponent(tenantId)}/logs`, location.origin).href}>{t('tenants.insights')}</a>
      </Toolbar>
      {tenant.status === 'failed' ? <ErrorState error={tenant.error} onRetry={() => void openTenant(tenantId)} /> : null}
      {!detail && tenant.status === 'loading' ? <Spinner /> : null}
      {detail ? (
        <>
          <h2 className="bo-page__subtitle">{t('tenants.users')}</h2>
          {detail.users.length === 0 ? <EmptyState title={t('tenants.noUsers')} /> : (
            <table className="bo-table" aria-label={t('tenants.users')}>
              <TableHead labels={['user', 'role', 'status'].map((column) => t(`tenants.col.${column}`))} />
              <tbody>
                {detail.users.map((user) => (
                  <tr key={user.id}>
                    <td>{names.get(user.id)} <span className="bo-muted weft-mono">{user.externalId ?? user.id}</span></td>
                    <td>{roleLabel(t, user.role)}</td>
                    <td>{user.disabled ? <Badge tone="danger">{t('users.disabled')}</Badge> : <Badge tone="success">{t('users.active')}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="bo-page__subtitle">{t('tenants.flows')}</h2>
          {detail.flows.length === 0 ? <EmptyState title={t('tenants.noFlows')} /> : (
            <table className="bo-table" aria-label={t('tenants.flows')}>
              <TableHead labels={['flow', 'stage', 'owner', 'actions'].map((column) => t(`tenants.col.${column}`))} />
              <tbody>
                {detail.flows.map((flow) => (
                  <tr key={flow.flowId}>
                    <td>{flow.name} <span className="bo-muted weft-mono">{flow.flowId}</span></td>
                    <td>{flow.stage === 'running' ? <Badge tone="success">{t('tenants.running')}</Badge> : <Badge>{t('tenants.stopped')}</Badge>}</td>
                    <td>{names.get(flow.userId) ?? flow.userId}</td>
                    <td>{flow.stage === 'running' ? (
                      <Button size="small" disabled={stoppingFlowId === flow.flowId} onClick={() => setPending(flow)} aria-label={`${t('tenants.stop')} ${flow.name}`}>{t('tenants.stop')}</Button>
                    ) : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {detail.totalFlows > detail.flows.length ? <p className="bo-muted">{t('tenants.moreFlows', { shown: detail.flows.length, total: detail.totalFlows })}</p> : null}
        </>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={t('tenants.stopTitle', { name: pending.name })}
          message={t('tenants.stopBody')}
          confirmLabel={t('tenants.stop')}
          onConfirm={() => {
            setPending(undefined);
            void stopTenantFlow(pending.flowId);
          }}
          onCancel={() => setPending(undefined)}
        />
      ) : null}
    </section>
  );
}
