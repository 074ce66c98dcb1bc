/**
 * @module Tenants: the personal tenant of a Studio sign-up or an operator, the host's idempotent
 * upserts of tenants and their users, and deleting a user or a tenant with everything it owns.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { WeftError } from '@weft/connector-kit';
import { hashPassword } from '../api/auth.ts';
import type { Engine } from '../engine/engine.ts';
import type { PurgeCounts, Store, TenantLimits, TenantRecord, TenantRole, UserRecord } from '../ports/store.ts';

/** A user as sign-up and `weft users create-*` make one: the tenant is made with it. */
export type PersonalUser = Omit<UserRecord, 'tenantId' | 'tenantRole'>;

/**
 * Creates `user` as the owner of a tenant of its own (id `t-<user id>`, named after the email).
 * When the user cannot be created (a taken email), the tenant is removed again.
 */
export async function createPersonalUser(store: Store, user: PersonalUser): Promise<UserRecord> {
  const tenant: TenantRecord = { id: `t-${user.id}`, name: user.email, limits: {}, createdAt: user.createdAt };
  await store.createTenant(tenant);
  const record: UserRecord = { ...user, tenantId: tenant.id, tenantRole: 'owner' };
  try {
    await store.createUser(record);
  } catch (error) {
    await store.deleteTenant(tenant.id);
    throw error;
  }
  return record;
}

export interface TenantInput {
  name: string;
  subdomain?: string | undefined;
  limits?: TenantLimits | undefined;
}

/** `PUT /host/tenants/:externalId`: the same call twice leaves one tenant; `created` says whether it is new. */
export async function upsertTenant(store: Store, externalId: string, input: TenantInput, now = Date.now()): Promise<{ tenant: TenantRecord; created: boolean }> {
  const patch = { name: input.name, ...(input.subdomain !== undefined ? { subdomain: input.subdomain } : {}), ...(input.limits !== undefined ? { limits: input.limits } : {}) };
  const existing = await store.getTenantByExternalId(externalId);
  if (existing) return { tenant: (await store.updateTenant(existing.id, patch)) ?? existing, created: false };
  const tenant: TenantRecord = { id: randomUUID(), externalId, name: input.name, limits: input.limits ?? {}, createdAt: now, ...(input.subdomain !== undefined ? { subdomain: input.subdomain } : {}) };
  try {
    await store.createTenant(tenant);
    return { tenant, created: true };
  } catch (error) {
    // Two upserts of one new tenant at once: the second finds the first one's and updates it.
    const raced = await store.getTenantByExternalId(externalId);
    if (!raced) throw error;
    return { tenant: (await store.updateTenant(raced.id, patch)) ?? raced, created: false };
  }
}

export interface TenantUserInput {
  name?: string | undefined;
  email?: string | undefined;
  role: TenantRole;
}

/** The login name of a user the host made: `.invalid` is reserved, so it is never anyone's address. */
const placeholderEmail = (id: string) => `${id}@host.invalid`;

/** `PUT /host/tenants/:externalId/users/:externalUserId`: idempotent; host users have no password. */
export async function upsertTenantUser(store: Store, tenant: TenantRecord, externalId: string, input: TenantUserInput, now = Date.now()): Promise<{ user: UserRecord; created: boolean }> {
  const patch = { tenantRole: input.role, ...(input.name !== undefined ? { name: input.name } : {}), ...(input.email !== undefined ? { contactEmail: input.email } : {}) };
  const existing = await store.getUserByExternalId(tenant.id, externalId);
  if (existing) return { user: (await store.updateUser(existing.id, patch)) ?? existing, created: false };
  const id = randomUUID();
  const user: UserRecord = {
    id, email: placeholderEmail(id),
    // A password nobody knows: host users sign in only with tokens the host mints.
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    role: 'user', disabled: false, createdAt: now, tenantId: tenant.id, tenantRole: input.role, externalId,
    ...(input.name !== undefined ? { name: input.name } : {}), ...(input.email !== undefined ? { contactEmail: input.email } : {}),
  };
  try {
    await store.createUser(user);
    return { user, created: true };
  } catch (error) {
    const raced = await store.getUserByExternalId(tenant.id, externalId);
    if (!raced) throw error;
    return { user: (await store.updateUser(raced.id, patch)) ?? raced, created: false };
  }
}

/** What a `DELETE` of a user or a tenant removed. */
export interface DeletedCounts extends PurgeCounts {
  users: number;
  flows: number;
}

const noneDeleted = (): DeletedCounts => ({ users: 0, flows: 0, tokens: 0, dataItems: 0, unprocessedMessages: 0, accounts: 0, runValues: 0 });

function add(into: DeletedCounts, counts: Partial<DeletedCounts>): DeletedCounts {
  for (const [key, value] of Object.entries(counts) as [keyof DeletedCounts, number][]) into[key] += value;
  return into;
}

/** Stops and deletes every flow the user owns (timers and component state with them), then the user and its records. */
export async function deleteUserAndBelongings(engine: Engine, user: UserRecord): Promise<DeletedCounts> {
  const { store } = engine;
  const counts = noneDeleted();
  for (;;) {
    const { items } = await store.listFlows({ userId: user.id, limit: 100 });
    if (items.length === 0) break;
    for (const flow of items) {
      if (flow.stage === 'running') await engine.stopFlow(flow);
      if (await store.deleteFlow(flow.flowId, user.id)) counts.flows += 1;
      await engine.forgetFlow(flow.flowId);
    }
  }
  await store.revokeUserTokens(user.id, Date.now());
  const purged = await store.purgeUser(user.id);
  if (purged) add(counts, { ...purged, users: 1 });
  engine.flows.invalidateUser(user.id);
  return counts;
}

/** Deletes every user of the tenant as above, then the tenant. */
export async function deleteTenantAndBelongings(engine: Engine, tenant: TenantRecord): Promise<DeletedCounts> {
  const counts = noneDeleted();
  for (const user of await engine.store.listTenantUsers(tenant.id)) add(counts, await deleteUserAndBelongings(engine, user));
  await engine.store.deleteTenant(tenant.id);
  return counts;
}

/** Owners and editors change the tenant's flows; viewers read them (403 `tenant.read_only`). */
export function assertCanWrite(user: UserRecord): void {
  if (user.tenantRole === 'viewer') {
    throw new WeftError('tenant.read_only', 'You are a viewer in this tenant: you may read flows but not change, start or stop them.', { status: 403, retry: 'never' });
  }
}
