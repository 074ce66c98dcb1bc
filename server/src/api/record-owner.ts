/** @module Record owner: whose records (logs, runs, unprocessed messages) a query reads; they are keyed by the flow owner's user id. */
import type { Store, UserRecord } from '../ports/store.ts';
import { isStaff } from '../tenancy/staff-scope.ts';

/**
 * The flow owner's id when `flowId` names a flow of the caller's tenant (any tenant for staff), so that a tenant's editors and viewers read the runs of every flow they can open; else
 * the caller's own id (another tenant's flow id then finds nothing, like an unknown one).
 */
export async function recordOwnerId(store: Store, user: UserRecord, flowId: string | undefined): Promise<string> {
  if (flowId === undefined) return user.id;
  const flow = await store.getFlow(flowId);
  if (!flow || (flow.tenantId !== user.tenantId && !isStaff(user))) return user.id;
  // Staff reads of another tenant's records are audited by the routes (auditStaffQuery).
  return flow.userId;
}
