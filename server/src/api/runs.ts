/** @module Run routes: the caller's run history (one run per trigger), one run (staff: any tenant's, audited), and cancelling one. */
import { auditStaffQuery, auditStaffRead } from '../audit/audit-trail.ts';
import { readerScope } from './logs.ts';
import { Hono, type Context } from 'hono';
import { WeftError } from '@weft/connector-kit';
import type { Engine } from '../engine/engine.ts';
import type { LogIndex, RunSummary } from '../ports/log-index.ts';
import type { ApiEnv } from './app-env.ts';
import { dropUndefined } from './flows.ts';
import { readRouteQuery } from './validate-request.ts';
import { isStaff } from '../tenancy/staff-scope.ts';

const toMs = (value: number | string | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));

/** What the API shows of a run: no tenant field, no share bookkeeping. */
export function publicRun(run: RunSummary) {
  return {
    correlationId: run.correlationId, flowId: run.flowId, status: run.status, startedAt: run.startedAt, lastAt: run.lastAt,
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt, durationMs: run.endedAt - run.startedAt } : {}),
    steps: run.steps, errors: run.errors,
    ...(run.failure ? { failure: run.failure } : {}),
  };
}

export function runNotFound(correlationId: string): WeftError {
  return new WeftError('run.not_found', `No run "${correlationId}" here.`, { status: 404, retry: 'never', path: 'params.correlationId' });
}

export function runRoutes(engine: Engine, logIndex: LogIndex) {
  const owned = async (userId: string, correlationId: string) => {
    const run = await logIndex.run(userId, correlationId);
    if (!run) throw runNotFound(correlationId);
    return run;
  };
  /**
   * A run the caller may read: their own; staff (support, operators): any tenant's. For staff the
   * route first learns only whose run it is (the owner of its first record; the record is dropped),
   * records the read of that tenant, and only then reads the run, as `GET /flows/:id` does.
   */
  const readable = async (c: Context<ApiEnv>, correlationId: string) => {
    const user = c.get('user');
    if (!isStaff(user)) return owned(user.id, correlationId);
    // Runs are keyed by their owner; a staff member names only the correlation id.
    const ownerId = (await logIndex.query({ userId: null, correlationId, order: 'asc', limit: 1 })).records[0]?.userId;
    const owner = ownerId === undefined ? undefined : await engine.store.getUser(ownerId);
    // A run whose owner is gone belongs to no tenant that could be named in the audit log: none to read.
    if (!owner) throw runNotFound(correlationId);
    await auditStaffRead(c, { action: 'support.read_run', of: { tenantId: owner.tenantId }, target: { type: 'run', id: correlationId } });
    return owned(owner.id, correlationId);
  };
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const query = readRouteQuery(c, 'GET /runs');
      await auditStaffQuery(c, engine.store, 'support.read_runs', query);
      const page = await logIndex.runs(dropUndefined({
        userId: await readerScope(engine.store, c.get('user'), query), flowId: query.flowId, status: query.status, from: toMs(query.from), to: toMs(query.to), limit: query.limit, cursor: query.cursor,
      }));
      return c.json({ runs: page.runs.map(publicRun), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
    })
    .get('/:correlationId', async (c) => c.json(publicRun(await readable(c, c.req.param('correlationId')))))
    .post('/:correlationId/cancel', async (c) => {
      const run = await owned(c.get('user').id, c.req.param('correlationId'));
      if (run.status === 'succeeded' || run.status === 'cancelled') {
        throw new WeftError('run.ended', `This run has already ${run.status === 'succeeded' ? 'succeeded' : 'been cancelled'}; there is nothing left to cancel.`, { status: 409, retry: 'never', path: 'params.correlationId' });
      }
      const cancelled = await engine.cancelRun(run);
      return c.json(publicRun(cancelled));
    });
}
