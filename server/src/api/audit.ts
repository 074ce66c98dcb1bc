/** @module Audit route: `GET /audit`, who did what; operators see every tenant's entries, tenant owners their own, others 403. */
import { Hono } from 'hono';
import { AuditQuery } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { AuditLog } from '../ports/audit-log.ts';
import type { ApiEnv } from './app-env.ts';
import { readQuery } from './validate-request.ts';

const epoch = (value: number | string | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));

export function auditRoutes(log: AuditLog) {
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
    return c.json(page);
  });
}
