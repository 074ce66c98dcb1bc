/**
 * @module Staff scope: whose records a read covers when the caller may name a tenant or a user
 * (`tenantId`, `userId` query filters). Staff (support, operators) read any tenant; everyone else
 * only their own. Every read of ANOTHER tenant's data passes through `isCrossTenantRead`: that is
 * where the audit log is to be written (`// audit:` marks each call).
 */
import { WeftError } from '@weft/connector-kit';
import type { OwnerScope } from '../ports/log-index.ts';
import type { Store, UserRecord } from '../ports/store.ts';

/** Installation staff: support (read-only across tenants) and operators (`admin`). */
export function isStaff(user: UserRecord): boolean {
  return user.role === 'support' || user.role === 'admin';
}

/** True when `user` reads data of a tenant other than their own (only staff get that far). */
export function isCrossTenantRead(user: UserRecord, tenantId: string | undefined): boolean {
  return tenantId !== user.tenantId && isStaff(user);
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
  const readTenant = tenantId ?? named?.tenantId;
  // audit: a staff read of another tenant's records (or of every tenant's, with no filter named).
  if (isCrossTenantRead(user, readTenant)) noteCrossTenantRead(user, readTenant, userId);
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

/**
 * The one place a staff read of another tenant is noted. Empty until the audit log lands: the lead
 * wires the AuditLog port in here (the actor, the tenant, the user filter).
 */
export function noteCrossTenantRead(_user: UserRecord, _tenantId: string | undefined, _userId: string | undefined): void {
  // audit: write { actor: user.id, action: 'support.read', tenantId, userId } to the AuditLog.
}
