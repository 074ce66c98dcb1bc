/** @module Unprocessed message routes: list, read, edit-and-retry and delete the caller's dead letters. */
import { Hono } from 'hono';
import { auditStaffQuery, auditStaffRead } from '../audit/audit-trail.ts';
import { UnprocessedQuery } from '@weft/api-client';
import type { Engine } from '../engine/engine.ts';
import { redact, redactText } from '../engine/redact.ts';
import type { Store, UnprocessedMessage, UserRecord } from '../ports/store.ts';
import { assertCanWrite } from '../tenancy/tenants.ts';
import { readerScope } from './logs.ts';
import { scopeOwners } from '../ports/log-index.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { dropUndefined } from './flows.ts';
import { readQuery, readRouteBody } from './validate-request.ts';

/** What the API shows of a parked message: no tenant field, credentials hidden (the stored message keeps them for a retry). */
export const publicUnprocessed = ({ userId: _userId, ...parked }: UnprocessedMessage) => redactUnprocessed(parked);

export function redactUnprocessed<T extends Pick<UnprocessedMessage, 'message' | 'error'>>(parked: T): T {
  return { ...parked, message: redact(parked.message), error: { ...parked.error, message: redactText(parked.error.message) } };
}

/**
 * Each parked message with the names people know: its component's label and its flow's name (ids say
 * nothing to a person). Read from the flows as they are now, each flow once, through the engine's cache.
 */
export async function withNames<T extends Pick<UnprocessedMessage, 'flowId' | 'componentId'>>(engine: Engine, items: T[]): Promise<(T & { componentLabel?: string; flowName?: string })[]> {
  const flowIds = [...new Set(items.map((item) => item.flowId))];
  const flows = new Map(await Promise.all(flowIds.map(async (flowId) => [flowId, await engine.flows.get(flowId)] as const)));
  return items.map((item) => {
    const flow = flows.get(item.flowId);
    const componentLabel = flow?.names.get(item.componentId);
    return { ...item, ...(componentLabel === undefined ? {} : { componentLabel }), ...(flow ? { flowName: flow.record.name } : {}) };
  });
}

export function unprocessedRoutes(store: Store, engine: Engine) {
  /**
   * A parked message of the caller, or of a flow of the caller's tenant (any tenant for support
   * staff); another tenant's answers 404 like a missing one. `write`: viewers get 403
   * `tenant.read_only`; support may retry but not delete.
   */
  const reachable = async (id: string, user: UserRecord, write?: 'retry' | 'delete'): Promise<UnprocessedMessage> => {
    const message = await store.getUnprocessed(id);
    if (!message) throw notFound('unprocessed', id);
    if (message.userId === user.id) return message;
    const flow = await store.getFlow(message.flowId);
    const isTenants = flow !== undefined && flow.tenantId === user.tenantId && flow.userId === message.userId;
    const isSupport = user.role === 'support' && write !== 'delete';
    if (!isTenants && !isSupport) throw notFound('unprocessed', id);
    if (isTenants && write !== undefined) assertCanWrite(user);
    return message;
  };
  /** The tenant of the flow a parked message belongs to (the owner's own tenant when the flow is gone). */
  const tenantOfMessage = async (message: UnprocessedMessage): Promise<string | undefined> =>
    (await store.getFlow(message.flowId))?.tenantId ?? (await store.getUser(message.userId))?.tenantId;
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const { tenantId, userId: namedUser, ...query } = readQuery(c, UnprocessedQuery);
      await auditStaffQuery(c, store, 'support.read_unprocessed', { tenantId, userId: namedUser, flowId: query.flowId });
      const owners = scopeOwners(await readerScope(store, c.get('user'), { tenantId, userId: namedUser, flowId: query.flowId }));
      const { items, total } = await store.listUnprocessed({ ...(owners === undefined ? {} : { userIds: owners }), ...dropUndefined(query) });
      return c.json({ items: await withNames(engine, items.map(publicUnprocessed)), total });
    })
    .get('/:id', async (c) => {
      const message = await reachable(c.req.param('id'), c.get('user'));
      const tenantId = await tenantOfMessage(message);
      if (tenantId !== undefined) await auditStaffRead(c, { action: 'support.read_unprocessed', of: { tenantId }, target: { type: 'unprocessed', id: message.id } });
      const [named] = await withNames(engine, [publicUnprocessed(message)]);
      return c.json(named);
    })
    .delete('/:id', async (c) => {
      const message = await reachable(c.req.param('id'), c.get('user'), 'delete');
      if (!(await store.deleteUnprocessed(message.id, message.userId))) throw notFound('unprocessed', c.req.param('id'));
      await c.var.audit('unprocessed.delete', { target: { type: 'unprocessed', id: message.id }, tenantId: await tenantOfMessage(message), details: { flowId: message.flowId } });
      return c.body(null, 204);
    })
    .post('/:id/retry', async (c) => {
      const body = await readRouteBody(c, 'POST /unprocessed-messages/{id}/retry');
      const message = await reachable(c.req.param('id'), c.get('user'), 'retry');
      const messageId = await engine.retryUnprocessed(message.id, message.userId, body.content);
      await c.var.audit('unprocessed.retry', { target: { type: 'unprocessed', id: message.id }, tenantId: await tenantOfMessage(message), details: { flowId: message.flowId, edited: body.content !== undefined, messageId } });
      return c.json({ retried: true as const, messageId });
    });
}
