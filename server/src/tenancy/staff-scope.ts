/**
 * @module Staff scope: whose records a read covers when the caller may name a tenant or a user
 * (`tenantId`, `userId` query filters). Staff (support, operators) read any tenant; everyone else
 * only their own. Every staff read of ANOTHER tenant's data is audited by its route, before
 * anything is read (`auditStaffQuery` / `auditStaffRead` in audit/audit-trail.ts).
 */
import { WeftError } from '@weft/connector-kit';
import type { OwnerScope } from '../ports/log-index.ts';
import type { Store, UserRecord } from '../ports/store.ts';

/** Installation staff: support (read-only across tenants) and operators (`admin`). */
export function isStaff(user: UserRecord): boolean {
  return user.role === 'support' || user.role === 'admin';
}

/** What a reader named: a tenant and/or a user to filter on. */
export interface StaffFilter {
  tenantId?: string | undefined;
  userId?: string | undefined;
}

export function staffOnlyFilter(path: 'query.tenantId' | 'query.userId', what: string): WeftError {
  return new WeftError('auth.staff_only_filter', `Only support staff and operators may read ${what}; leave out ${path.slice(6)} to read your own.`, { status: 403, retry: 'never', path });
}

/**
 * Checks a named tenant / user filter and notes a staff read of another tenant. A non-staff caller
 * may name only their own tenant and its members, else 403 `auth.staff_only_filter`. Answers the
 * named user (undefined when unknown or not named).
 */
export async function checkStaffFilter(store: Store, user: UserRecord, filter: StaffFilter, what: string): Promise<UserRecord | undefined> {
  const { tenantId, userId } = filter;
  const named = userId === undefined ? undefined : await store.getUser(userId);
  if (!isStaff(user)) {
    if (tenantId !== undefined && tenantId !== user.tenantId) throw staffOnlyFilter('query.tenantId', `another tenant's ${what}`);
    if (userId !== undefined && named?.tenantId !== user.tenantId) throw staffOnlyFilter('query.userId', `another tenant's user's ${what}`);
  }
  return named;
}

/** The named user when it belongs to the named tenant (or no tenant was named); undefined otherwise. */
export function namedWithin(named: UserRecord | undefined, tenantId: string | undefined): UserRecord | undefined {
  return named && (tenantId === undefined || named.tenantId === tenantId) ? named : undefined;
}

/**
 * The owners whose records (logs, runs, unprocessed messages) a read covers, or undefined when no
 * filter was named by a non-staff caller (their usual scope applies). Staff naming nothing get `null`
 * (every owner); a tenant's members are its users; a user outside the named tenant finds nothing.
 */
export async function filteredOwners(store: Store, user: UserRecord, filter: StaffFilter): Promise<OwnerScope | undefined> {
  const { tenantId, userId } = filter;
  if (tenantId === undefined && userId === undefined && !isStaff(user)) return undefined;
  const named = await checkStaffFilter(store, user, filter, 'records');
  if (userId !== undefined) {
    const member = namedWithin(named, tenantId);
    return member ? [member.id] : [];
  }
  if (tenantId === undefined) return null;
  return (await store.listTenantUsers(tenantId)).map((member) => member.id);
}

