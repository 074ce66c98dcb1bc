/** @module Tenants slice: a page of tenants with their counts, one tenant's users and flows, and stopping a flow of it. */
import type { AdminTenantDetail, AdminTenantList } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export const TENANTS_PAGE_SIZE = 25;

export interface TenantsSlice {
  tenants: Loadable<AdminTenantList>;
  tenant: Loadable<AdminTenantDetail>;
  /** The flow a stop is running for, so its button shows busy. */
  stoppingFlowId: string | undefined;
  loadTenants: (offset?: number) => Promise<void>;
  openTenant: (tenantId: string) => Promise<void>;
  stopTenantFlow: (flowId: string) => Promise<void>;
}

export const createTenantsSlice: SliceCreator<TenantsSlice> = (set, get, { admin }) => ({
  tenants: { status: 'idle' },
  tenant: { status: 'idle' },
  stoppingFlowId: undefined,

  loadTenants: async (offset) => {
    const previous = get().tenants;
    const at = offset ?? (previous.status === 'idle' ? 0 : previous.data?.offset ?? 0);
    set({ tenants: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
    try {
      set({ tenants: { status: 'ready', data: await admin.listTenants({ offset: at, limit: TENANTS_PAGE_SIZE }) } });
    } catch (error) {
      set({ tenants: { status: 'failed', error: describeError(error) } });
    }
  },

  openTenant: async (tenantId) => {
    const previous = get().tenant;
    // Another tenant's page starts empty; the same one keeps showing while it reloads.
    const keep = previous.status !== 'idle' && previous.data?.id === tenantId ? previous.data : undefined;
    set({ tenant: { status: 'loading', data: keep } });
    try {
      set({ tenant: { status: 'ready', data: await admin.getTenant(tenantId) } });
    } catch (error) {
      set({ tenant: { status: 'failed', error: describeError(error) } });
    }
  },

  stopTenantFlow: async (flowId) => {
    set({ stoppingFlowId: flowId });
    try {
      const stopped = await admin.stopFlow(flowId);
      const tenant = get().tenant;
      if (tenant.status === 'ready') {
        set({ tenant: { status: 'ready', data: { ...tenant.data, flows: tenant.data.flows.map((flow) => (flow.flowId === flowId ? { ...flow, stage: stopped.stage } : flow)) } } });
      }
      get().notify({ tone: 'success', key: 'notice.flowStopped', params: { name: stopped.name } });
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
    } finally {
      set({ stoppingFlowId: undefined });
    }
  },
});
