/** @module Audit route: `GET /audit`, who did what; operators see every tenant's entries, tenant owners their own, others 403. */
import { Hono } from 'hono';
import { AuditQuery } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { AuditEntry, AuditLog } from '../ports/audit-log.ts';
import type { Store, UserRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { readQuery } from './validate-request.ts';

const epoch = (value: number | string | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));

/** A user as people know them: the host's name for them, their address, else the login email (never the `@host.invalid` placeholder). */
function userName(user: UserRecord): string | undefined {
  return user.name ?? user.contactEmail ?? (user.email.endsWith('@host.invalid') ? user.externalId : user.email);
}

/**
 * Adds `actorName` and `tenantName` to a page of entries with one lookup of users, one of tenants
 * and (only when a host key acted) one of host keys, whatever the page's length. A tenant owner
 * (`ownTenant` set) gets the names of their own tenant's people only, not those of the staff or
 * host keys that acted on it: the role shown with each entry says who that was.
 */
async function withNames(store: Pick<Store, 'getUsers' | 'getTenants' | 'listHostKeys'>, entries: readonly AuditEntry[], ownTenant: string | undefined) {
  const of = (via: AuditEntry['actor']['via']) => [...new Set(entries.filter((entry) => entry.actor.via === via).map((entry) => entry.actor.id))];
  const tenantIds = [...new Set(entries.flatMap((entry) => (entry.tenantId === undefined ? [] : [entry.tenantId])))];
  const userIds = of('user');
  const [users, tenants, hostKeys] = await Promise.all([
    store.getUsers(userIds),
    store.getTenants(tenantIds),
    ownTenant === undefined && of('hostKey').length > 0 ? store.listHostKeys() : [],
  ]);
  const actorNames = new Map<string, string>();
  for (const key of hostKeys) actorNames.set(`hostKey:${key.id}`, key.name);
  for (const user of users) {
    const name = userName(user);
    if (name !== undefined && (ownTenant === undefined || user.tenantId === ownTenant)) actorNames.set(`user:${user.id}`, name);
  }
  const tenantNames = new Map(tenants.map((tenant) => [tenant.id, tenant.name]));
  return entries.map((entry) => {
    const actorName = actorNames.get(`${entry.actor.via}:${entry.actor.id}`);
    const tenantName = entry.tenantId === undefined ? undefined : tenantNames.get(entry.tenantId);
    return { ...entry, ...(actorName === undefined ? {} : { actorName }), ...(tenantName === undefined ? {} : { tenantName }) };
  });
}

export function auditRoutes(log: AuditLog, store: Pick<Store, 'getUsers' | 'getTenants' | 'listHostKeys'>) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const user = c.get('user');
    const query = readQuery(c, AuditQuery);
    const isOperator = user.role === 'admin';
    if (!isOperator && !(user.role === 'user' && user.tenantRole === 'owner')) {
      throw new WeftError('auth.forbidden', 'Only operators and tenant owners may read the audit log.', { status: 403, retry: 'never' });
    }
    // An owner's query is pinned to the owner's tenant, whatever `tenantId` it names.
    const tenantId = isOperator ? query.tenantId : user.tenantId;
    const from = epoch(query.from);
    const to = epoch(query.to);
    const page = await log.query({
      limit: query.limit,
      ...(tenantId === undefined ? {} : { tenantId }),
      ...(query.actor === undefined ? {} : { actorId: query.actor }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    const entries = await withNames(store, page.entries, isOperator ? undefined : user.tenantId);
    return c.json({ entries, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) });
  });
}
