/**
 * @module Staff slice: for support staff and operators only, the tenants and the chosen tenant's users
 * that the tenant and user pickers offer. Anyone else never sees the pickers (and the server would
 * refuse another tenant's id with 403 `auth.staff_only_filter`).
 */
import type { AdminTenant, AdminTenantMember, ApiClient } from '@weft/api-client';
import type { LoadStatus } from './insights-store.ts';

export interface StaffSlice {
  /** Known once `loadStaff` asked who the caller is. */
  isStaff: boolean;
  tenants: AdminTenant[];
  tenantsStatus: LoadStatus;
  /** The users of the tenant the filter names (oldest first). */
  tenantUsers: AdminTenantMember[];
  /** Asks who the caller is; for staff, loads the tenants (and the users of a tenant already named). */
  loadStaff: () => Promise<void>;
  loadTenantUsers: (tenantId: string) => Promise<void>;
}

type SetStaff = (patch: Partial<StaffSlice> | ((state: StaffSlice) => Partial<StaffSlice>)) => void;

/** Most tenants the picker lists; a tenant beyond them is still shown when named. */
export const TENANT_LIST_LIMIT = 200;

export function createStaffSlice(api: () => ApiClient, set: SetStaff, tenantFilter: () => string): StaffSlice {
  let usersSeq = 0;
  const loadTenantUsers = async (tenantId: string) => {
    const mine = ++usersSeq;
    if (!tenantId) {
      set({ tenantUsers: [] });
      return;
    }
    try {
      const detail = await api().getStaffTenant(tenantId);
      if (mine === usersSeq) set({ tenantUsers: detail.users });
    } catch {
      if (mine === usersSeq) set({ tenantUsers: [] });
    }
  };
  return {
    isStaff: false,
    tenants: [],
    tenantsStatus: 'idle',
    tenantUsers: [],

    async loadStaff() {
      try {
        const user = await api().getUser();
        if (user.role !== 'support' && user.role !== 'admin') return;
        set({ isStaff: true, tenantsStatus: 'loading' });
        const list = await api().listStaffTenants({ limit: TENANT_LIST_LIMIT });
        set({ tenants: list.items, tenantsStatus: 'ready' });
      } catch {
        // Without the list the pickers stay hidden (or empty); the logs still load.
        set((state) => ({ tenantsStatus: state.isStaff ? 'error' : 'idle' }));
        return;
      }
      const tenantId = tenantFilter();
      if (tenantId) await loadTenantUsers(tenantId);
    },

    loadTenantUsers,
  };
}
