/**
 * @module TenantFilter: for support staff and operators, pickers of the tenant and of its user whose
 * records the widget shows. Nobody else sees them.
 */
import { Select, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';

export function TenantFilter() {
  const t = useStrings();
  const isStaff = useInsightsStore((s) => s.isStaff);
  const tenants = useInsightsStore((s) => s.tenants);
  const users = useInsightsStore((s) => s.tenantUsers);
  const tenantId = useInsightsStore((s) => s.filters.tenantId);
  const userId = useInsightsStore((s) => s.filters.userId);
  const setFilters = useInsightsStore((s) => s.setFilters);
  if (!isStaff) return null;

  const tenantOptions = [{ value: '', label: t('insights.anyTenant') }, ...tenants.map((tenant) => ({ value: tenant.id, label: tenant.externalId ? `${tenant.name} (${tenant.externalId})` : tenant.name }))];
  // A tenant beyond the list's first page (or named by the host) still shows as selected.
  if (tenantId && !tenants.some((tenant) => tenant.id === tenantId)) tenantOptions.push({ value: tenantId, label: tenantId });
  const userOptions = [{ value: '', label: t('insights.anyUser') }, ...users.map((user) => ({ value: user.id, label: user.name ?? user.email ?? user.externalId ?? user.id }))];
  if (userId && !users.some((user) => user.id === userId)) userOptions.push({ value: userId, label: userId });

  return (
    <>
      <Select label={t('insights.tenant')} value={tenantId} options={tenantOptions} onChange={(value) => setFilters({ tenantId: value })} />
      {tenantId ? <Select label={t('insights.user')} value={userId} options={userOptions} onChange={(value) => setFilters({ userId: value })} /> : null}
    </>
  );
}
