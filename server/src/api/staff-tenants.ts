/**
 * @module Staff tenant routes (`/admin/tenants`, `/admin/flows/:id/stop`): the Backoffice's view of
 * every tenant, its users and flows. Support and operators read; only operators stop a flow.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { AdminTenantQuery } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { Engine } from '../engine/engine.ts';
import type { FlowRecord, Store, TenantRecord, UserRecord } from '../ports/store.ts';
import { isStaff } from '../tenancy/staff-scope.ts';
import { auditStaffRead } from '../audit/audit-trail.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { flowSummary } from './flows.ts';
import { tenantBody } from './host.ts';
import { requireAdmin } from './modifiers.ts';
import { readQuery } from './validate-request.ts';

/** Most flows one tenant's page lists. */
const TENANT_FLOWS_SHOWN = 500;

const requireStaff: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (!isStaff(c.get('user'))) throw new WeftError('auth.forbidden', 'Only support staff and operators may read the tenants.', { status: 403, retry: 'never' });
  await next();
};

const member = (user: UserRecord) => ({
  id: user.id, role: user.tenantRole, disabled: user.disabled, createdAt: user.createdAt,
  // A host user's stored email is a placeholder; its contact address (if any) is the one people know.
  ...(user.contactEmail !== undefined ? { email: user.contactEmail } : user.externalId === undefined ? { email: user.email } : {}),
  ...(user.name !== undefined ? { name: user.name } : {}), ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
});

const tenantFlow = (flow: FlowRecord) => ({
  flowId: flow.flowId, name: flow.name, stage: flow.stage, userId: flow.userId, updatedAt: flow.updatedAt,
  ...(flow.startedAt !== undefined ? { startedAt: flow.startedAt } : {}),
});

async function withCounts(store: Store, tenant: TenantRecord) {
  const [users, flows, running] = await Promise.all([
    store.listTenantUsers(tenant.id),
    store.listFlows({ tenantId: tenant.id, limit: 1 }),
    store.listFlows({ tenantId: tenant.id, stage: 'running', limit: 1 }),
  ]);
  return { ...tenantBody(tenant), users: users.length, flows: flows.total, runningFlows: running.total };
}

export function staffTenantRoutes(engine: Engine) {
  const { store } = engine;
  return new Hono<ApiEnv>()
    .get('/tenants', requireStaff, async (c) => {
      const { search, limit, offset } = readQuery(c, AdminTenantQuery);
      let items: TenantRecord[];
      let total: number;
      if (search === undefined || search.trim() === '') {
        ({ items, total } = await store.listTenants({ limit, offset }));
      } else {
        // The Store has no search on tenants; the list is read page by page, then filtered.
        const needle = search.trim().toLowerCase();
        const all: TenantRecord[] = [];
        for (let at = 0; ; at += 1000) {
          const page = await store.listTenants({ limit: 1000, offset: at });
          all.push(...page.items.filter((t) => t.name.toLowerCase().includes(needle) || (t.externalId ?? '').toLowerCase().includes(needle)));
          if (page.items.length < 1000) break;
        }
        items = all.slice(offset, offset + limit);
        total = all.length;
      }
      return c.json({ items: await Promise.all(items.map((tenant) => withCounts(store, tenant))), total, limit, offset });
    })
    .get('/tenants/:id', requireStaff, async (c) => {
      const tenant = await store.getTenant(c.req.param('id'));
      if (!tenant) throw new WeftError('tenant.not_found', `No tenant "${c.req.param('id')}".`, { status: 404, retry: 'never', path: 'params.id' });
      await auditStaffRead(c, { action: 'support.read_tenant', of: { tenantId: tenant.id }, target: { type: 'tenant', id: tenant.id } });
      const [users, running, stopped] = await Promise.all([
        store.listTenantUsers(tenant.id),
        store.listFlows({ tenantId: tenant.id, stage: 'running', sort: 'name', order: 'asc', limit: TENANT_FLOWS_SHOWN }),
        store.listFlows({ tenantId: tenant.id, stage: 'stopped', sort: 'name', order: 'asc', limit: TENANT_FLOWS_SHOWN }),
      ]);
      const flows = [...running.items, ...stopped.items].slice(0, TENANT_FLOWS_SHOWN);
      return c.json({ ...tenantBody(tenant), users: users.map(member), flows: flows.map(tenantFlow), totalFlows: running.total + stopped.total });
    })
    .post('/flows/:id/stop', requireAdmin, async (c) => {
      const flowId = c.req.param('id');
      const record = await store.getFlow(flowId);
      if (!record) throw notFound('flow', flowId);
      const stopped = record.stage === 'running' ? await engine.stopFlow(record) : record;
      return c.json(flowSummary(stopped));
    });
}
