/**
 * @module Flow routes: CRUD with optimistic concurrency, start/stop, clone, validate, test runs,
 * and drafts and versions: `PUT` saves the draft; publish makes it the version that runs.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { auditStaffQuery, auditStaffRead } from '../audit/audit-trail.ts';
import { WeftError } from '@weft/connector-kit';
import { FlowListQuery, RestoreVersionBody, TestRunBody, UpdateFlowBody } from '@weft/api-client';
import { sameJson, type Engine } from '../engine/engine.ts';
import type { LogIndex, RunSummary } from '../ports/log-index.ts';
import { descriptorJson } from '../ports/descriptor-json.ts';
import { descriptorsKnownToMatch, type FlowRecord, type FlowUpdateResult, type FlowVersionRecord, type Store, type UserRecord } from '../ports/store.ts';
import { assertCanWrite } from '../tenancy/tenants.ts';
import { checkStaffFilter, isStaff, namedWithin } from '../tenancy/staff-scope.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { checkComponentCount, checkFlowSize, checkMappingDepth, DEFAULT_FLOW_LIMITS, type FlowLimits } from './flow-limits.ts';
import { readBody, readQuery, readRouteBody } from './validate-request.ts';
import { LoopSlices, yieldToEventLoop } from '../engine/loop-slices.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whose flows `GET /flows` lists. Everyone sees their own tenant's; staff may name any tenant or
 * user, and see every tenant's without a filter (as with logs, runs and unprocessed messages: the
 * insights widget names the flows of every tenant's records). A non-staff caller naming another
 * tenant (or a user of one) gets 403 `auth.staff_only_filter`.
 */
async function flowScope(store: Store, user: UserRecord, tenantId: string | undefined, userId: string | undefined): Promise<{ tenantId: string } | { userId: string } | { allTenants: true } | undefined> {
  if (tenantId === undefined && userId === undefined && !isStaff(user)) return { tenantId: user.tenantId };
  const named = await checkStaffFilter(store, user, { tenantId, userId }, 'flows');
  if (userId !== undefined) {
    // A user outside the named tenant (or unknown) has no flows to show: undefined.
    const member = namedWithin(named, tenantId);
    return member ? { userId: member.id } : undefined;
  }
  return tenantId !== undefined ? { tenantId } : { allTenants: true };
}

export function flowSummary(record: FlowRecord, errors24h?: number, lastRun?: RunSummary) {
  return {
    flowId: record.flowId, name: record.name, stage: record.stage, version: record.version,
    createdAt: record.createdAt, updatedAt: record.updatedAt,
    ...(record.startedAt !== undefined ? { startedAt: record.startedAt } : {}),
    ...(record.errorFlowId ? { errorFlowId: record.errorFlowId } : {}),
    componentCount: Object.keys(record.flow).length,
    ...(record.customFields ? { customFields: record.customFields } : {}),
    ...(record.publishedVersion !== undefined ? { publishedVersion: record.publishedVersion } : {}),
    hasUnpublishedChanges: hasUnpublishedChanges(record),
    ...(errors24h !== undefined ? { errors24h } : {}),
    ...(lastRun ? { lastRun: { correlationId: lastRun.correlationId, status: lastRun.status, startedAt: lastRun.startedAt, ...(lastRun.endedAt !== undefined ? { endedAt: lastRun.endedAt } : {}) } } : {}),
  };
}

/** The draft differs from the published version (or was never published). Key order does not count. */
export function hasUnpublishedChanges(record: FlowRecord): boolean {
  // The Store read both as one text: nothing to parse or compare (a big flow's are ~300 KB each).
  if (descriptorsKnownToMatch(record)) return false;
  return record.publishedFlow === undefined || !sameJson(record.flow, record.publishedFlow);
}

/** `webhookRoot`: the engine's webhook URL (`WEFT_WEBHOOK_URL`, else `WEFT_PUBLIC_URL`), no trailing slash. */
export const flowBody = (record: FlowRecord, webhookRoot: string) => ({
  ...flowSummary(record),
  flow: record.flow,
  webhookBaseUrl: `${webhookRoot}/flows/${record.flowId}/components`,
});

/**
 * `JSON.stringify(flowBody(record, webhookRoot))`, byte for byte, with the descriptor's JSON taken
 * from the text known for it (as the Store read it, see ports/descriptor-json.ts) rather than
 * stringified again: at 1,000 components that was ~7 ms of the event loop in every flow answer.
 */
export function flowBodyJson(record: FlowRecord, webhookRoot: string): string {
  const body = flowBody(record, webhookRoot);
  const flow = descriptorJson(body.flow);
  if (flow === undefined) return JSON.stringify(body);
  // flowBody is the summary's keys, then flow, then webhookBaseUrl; the summary is never empty.
  return `${JSON.stringify(flowSummary(record)).slice(0, -1)},"flow":${flow},"webhookBaseUrl":${JSON.stringify(body.webhookBaseUrl)}}`;
}

/**
 * The descriptor must at least have the right shape, fit the size limits and nest no deeper than a
 * mapping can be walked; other problems are reported by validate (a draft may have them).
 */
export async function checkShape(flow: unknown, limits: FlowLimits, engine: Engine): Promise<Record<string, unknown>> {
  checkComponentCount(flow, limits, 'body.flow');
  const slices = new LoopSlices();
  // A big flow is parsed off the event loop (see Engine.parseFlow); same answer, same problems.
  const parsed = await engine.parseFlow(flow);
  // Taking a big one back from the thread (its JSON parsed here) is a task of its own: the checks below are another.
  await slices.due();
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new WeftError('flow.schema', first ? first.message : 'The flow descriptor is malformed.', {
      status: 400, retry: 'never', path: first ? `body.${first.path}` : 'body.flow', details: parsed.problems,
    });
  }
  checkFlowSize(parsed.value, limits, 'body.flow');
  checkMappingDepth(parsed.value, 'body.flow', (type) => engine.components.manifest(type)?.label);
  return parsed.value;
}

/** A flow may be saved with problems (a draft), but not with values the engine would never accept. */
export function checkSavable(engine: Engine, flow: Record<string, unknown>): Record<string, unknown> {
  const problems = engine.saveProblems(flow);
  const first = problems[0];
  if (first) {
    throw new WeftError('flow.invalid', first.message, { status: 422, retry: 'never', path: `body.${first.path}`, details: problems });
  }
  return flow;
}

export function flowRoutes(store: Store, engine: Engine, logIndex: LogIndex, limits: FlowLimits = DEFAULT_FLOW_LIMITS) {
  /**
   * A flow of the caller's tenant (support staff: of any tenant, to read). Another tenant's flow is
   * answered exactly like a missing one. The Store calls that follow use the flow's owner (`userId`).
   */
  const visible = async (flowId: string, c: Context<ApiEnv>) => {
    const user = c.get('user');
    const record = await store.getFlow(flowId);
    if (!record || (record.tenantId !== user.tenantId && !isStaff(user))) throw notFound('flow', flowId);
    await auditStaffRead(c, { action: 'support.read_flow', of: { tenantId: record.tenantId }, target: { type: 'flow', id: flowId } });
    return record;
  };
  /** A flow the caller may change: of their own tenant, and not as a viewer. */
  const owned = async (flowId: string, user: UserRecord) => {
    const record = await store.getFlow(flowId);
    if (!record || record.tenantId !== user.tenantId) throw notFound('flow', flowId);
    assertCanWrite(user);
    return record;
  };
  /** An error flow must be one of the flow owner's own flows, whoever else's id is sent. */
  const ownErrorFlow = async (errorFlowId: string, userId: string) => {
    if (await store.getFlow(errorFlowId, userId)) return;
    const error = notFound('flow', errorFlowId);
    throw new WeftError(error.code, `${error.message} An error flow must be one of your own flows.`, { status: 404, retry: 'never', path: 'body.errorFlowId' });
  };
  /** A flow saved before the size limits (or under higher ones) is not validated or started beyond them. */
  const withinLimits = (record: FlowRecord): FlowRecord => {
    checkFlowSize(record.flow, limits, 'flow');
    return record;
  };
  const errorsSince = async (userId: string, flowId: string, from: number) => {
    const buckets = await logIndex.histogram({ userId, flowId, severity: 'error', from }, DAY_MS);
    return buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  };

  /** A tenant whose limits cap its flows gets 409 `tenant.limit_reached` at the cap. */
  const withinTenantLimits = async (user: UserRecord) => {
    const maxFlows = (await store.getTenant(user.tenantId))?.limits.maxFlows;
    if (maxFlows === undefined) return;
    const { total } = await store.listFlows({ tenantId: user.tenantId, limit: 1 });
    if (total >= maxFlows) throw new WeftError('tenant.limit_reached', `This tenant may hold at most ${maxFlows} flows; delete one first.`, { status: 409, retry: 'never' });
  };
  /** The answer of a conditional write: the flow, or 404, or 409 with the current flow. */
  const written = (result: FlowUpdateResult, flowId: string, version: number): FlowRecord => {
    if (result.ok) return result.flow;
    if (result.reason === 'not_found') throw notFound('flow', flowId);
    throw new WeftError('flow.conflict', `Someone saved this flow since you loaded version ${version}; the current version is ${result.current.version}.`, {
      status: 409, retry: 'never', path: 'body.version', details: answer(result.current),
    });
  };
  const ownVersion = async (flowId: string, userId: string, raw: string): Promise<FlowVersionRecord> => {
    const version = /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
    const found = version === undefined ? undefined : await store.getFlowVersion(flowId, userId, version);
    if (!found) throw new WeftError('flow.version_not_found', `Flow "${flowId}" has no published version ${raw}.`, { status: 404, retry: 'never', path: 'params.version' });
    return found;
  };
  /** Who published: their email (a host-provisioned user's name or address), or their id once the account is gone. */
  const publisherNames = async (versions: FlowVersionRecord[]) => {
    const names = new Map<string, string>();
    for (const id of new Set(versions.map((v) => v.publishedBy))) {
      const user = await store.getUser(id);
      names.set(id, user ? user.contactEmail ?? user.name ?? user.email : id);
    }
    return names;
  };
  const versionSummary = (entry: FlowVersionRecord, names: Map<string, string>) => ({
    version: entry.version, name: entry.name, publishedAt: entry.publishedAt, publishedBy: names.get(entry.publishedBy) ?? entry.publishedBy,
    draftVersion: entry.draftVersion, componentCount: Object.keys(entry.flow).length,
  });

  // Read per answer: the runtime learns the listening port (and so the default URL) after the routes exist.
  const answer = (record: FlowRecord) => flowBody(record, engine.contextServices.publicUrl);
  /** `c.json(answer(record))`, the same bytes and headers, its descriptor not stringified again (flowBodyJson). */
  const answered = (c: Context<ApiEnv>, record: FlowRecord) => c.body(flowBodyJson(record, engine.contextServices.publicUrl), 200, { 'Content-Type': 'application/json' });
  /**
   * A turn of the event loop between the synchronous parts of saving, validating, publishing,
   * starting or stopping a flow (parsing and sizing a big descriptor, writing it: ~5–10 ms each at
   * 1,000 components): the Store answers without waiting, so without it they ran as one task and
   * `/health` waited for all of them (bench/README, big-flows).
   */
  const turn = yieldToEventLoop;

  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const { tenantId: askedTenant, userId: askedUser, ...query } = readQuery(c, FlowListQuery);
      const customFields = customFieldFilters(c.req.queries());
      const user = c.get('user');
      await auditStaffQuery(c, store, 'support.read_flows', { tenantId: askedTenant, userId: askedUser });
      const whose = await flowScope(store, user, askedTenant, askedUser);
      const { items, total } = whose === undefined ? { items: [], total: 0 } : await store.listFlows({ ...whose, ...dropUndefined(query), ...(customFields ? { customFields } : {}) });
      const since = Date.now() - DAY_MS;
      const withErrors = await Promise.all(items.map(async (record) => {
        const { userId } = record;
        const [errors, last] = await Promise.all([errorsSince(userId, record.flowId, since), logIndex.runs({ userId, flowId: record.flowId, limit: 1 })]);
        return flowSummary(record, errors, last.runs[0]);
      }));
      return c.json({ items: withErrors, total, limit: query.limit, offset: query.offset });
    })
    .post('/', async (c) => {
      const body = await readRouteBody(c, 'POST /flows');
      const user = c.get('user');
      assertCanWrite(user);
      const userId = user.id;
      await turn();
      const flow = await checkShape(body.flow, limits, engine);
      await turn();
      if (body.errorFlowId) await ownErrorFlow(body.errorFlowId, userId);
      await withinTenantLimits(user);
      const now = Date.now();
      const record: FlowRecord = {
        flowId: randomUUID(), userId, tenantId: user.tenantId, name: body.name, stage: 'stopped', version: 1,
        flow: checkSavable(engine, flow), createdAt: now, updatedAt: now,
        ...(body.errorFlowId ? { errorFlowId: body.errorFlowId } : {}),
        ...(body.customFields && Object.keys(body.customFields).length > 0 ? { customFields: body.customFields } : {}),
      };
      await store.createFlow(record);
      await c.var.audit('flow.create', { target: { type: 'flow', id: record.flowId }, tenantId: record.tenantId, details: { name: record.name } });
      return c.json({ flowId: record.flowId, version: record.version }, 201);
    })
    .get('/:id', async (c) => answered(c, await visible(c.req.param('id'), c)))
    .put('/:id', async (c) => {
      const flowId = c.req.param('id');
      const { userId, tenantId } = await owned(flowId, c.get('user'));
      const body = await readBody(c, UpdateFlowBody);
      await turn();
      const patch: Parameters<Store['updateFlow']>[2] = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.flow !== undefined) patch.flow = checkSavable(engine, await checkShape(body.flow, limits, engine));
      await turn();
      // An empty string means no error flow (the Store keeps no nulls).
      if (body.errorFlowId !== undefined) patch.errorFlowId = body.errorFlowId ?? '';
      if (body.customFields !== undefined) patch.customFields = body.customFields;
      if (body.errorFlowId) await ownErrorFlow(body.errorFlowId, userId);
      const saved = written(await store.updateFlow(flowId, userId, patch, body.version), flowId, body.version);
      // The draft changed; a running flow goes on with its published version (test runs read the draft).
      engine.flows.invalidate(flowId);
      await c.var.audit('flow.update', { target: { type: 'flow', id: flowId }, tenantId, details: { version: saved.version, changed: Object.keys(patch) } });
      return answered(c, saved);
    })
    .delete('/:id', async (c) => {
      const record = await owned(c.req.param('id'), c.get('user'));
      if (record.stage === 'running') await engine.stopFlow(record);
      await store.deleteFlow(record.flowId, record.userId);
      await engine.forgetFlow(record.flowId);
      await c.var.audit('flow.delete', { target: { type: 'flow', id: record.flowId }, tenantId: record.tenantId, details: { name: record.name } });
      return c.body(null, 204);
    })
    .post('/:id/start', async (c) => {
      const userId = c.get('user').id;
      let record = withinLimits(await owned(c.req.param('id'), c.get('user')));
      // The one-button journey: a changed draft is published first, then runs (a running flow switches to it).
      const publishes = hasUnpublishedChanges(record);
      await turn();
      if (publishes) record = written(await engine.publishFlow(record, record.version, userId), record.flowId, record.version);
      const started = publishes && record.stage === 'running' ? record : await engine.startFlow(record);
      await c.var.audit('flow.start', { target: { type: 'flow', id: record.flowId }, tenantId: record.tenantId, details: { version: started.version, published: publishes } });
      await turn();
      return answered(c, started);
    })
    .post('/:id/publish', async (c) => {
      const userId = c.get('user').id;
      const record = withinLimits(await owned(c.req.param('id'), c.get('user')));
      const body = await readRouteBody(c, 'POST /flows/{id}/publish');
      // Nothing changed since the last publish: no new version.
      if (record.version === body.version && !hasUnpublishedChanges(record)) return answered(c, record);
      await turn();
      const published = written(await engine.publishFlow(record, body.version, userId), record.flowId, body.version);
      await c.var.audit('flow.publish', { target: { type: 'flow', id: record.flowId }, tenantId: record.tenantId, details: { version: published.version } });
      await turn();
      return answered(c, published);
    })
    .get('/:id/versions', async (c) => {
      const record = await visible(c.req.param('id'), c);
      const versions = await store.listFlowVersions(record.flowId, record.userId);
      const names = await publisherNames(versions);
      return c.json({ items: versions.map((entry) => versionSummary(entry, names)) });
    })
    .get('/:id/versions/:version', async (c) => {
      const record = await visible(c.req.param('id'), c);
      const entry = await ownVersion(record.flowId, record.userId, c.req.param('version'));
      return c.json({ ...versionSummary(entry, await publisherNames([entry])), flow: entry.flow });
    })
    .post('/:id/versions/:version/restore', async (c) => {
      const record = await owned(c.req.param('id'), c.get('user'));
      const entry = await ownVersion(record.flowId, record.userId, c.req.param('version'));
      const body = await readBody(c, RestoreVersionBody);
      // A version was valid when published; it is saved as a draft like any PUT (the running flow is untouched).
      const saved = written(await store.updateFlow(record.flowId, record.userId, { flow: entry.flow }, body.version), record.flowId, body.version);
      engine.flows.invalidate(record.flowId);
      return answered(c, saved);
    })
    .post('/:id/stop', async (c) => {
      const stopped = await engine.stopFlow(await owned(c.req.param('id'), c.get('user')));
      await c.var.audit('flow.stop', { target: { type: 'flow', id: stopped.flowId }, tenantId: stopped.tenantId });
      await turn();
      return answered(c, stopped);
    })
    .post('/:id/clone', async (c) => {
      const user = c.get('user');
      const userId = user.id;
      const source = withinLimits(await owned(c.req.param('id'), user));
      const body = await readRouteBody(c, 'POST /flows/{id}/clone');
      await withinTenantLimits(user);
      const now = Date.now();
      // The copy belongs to whoever cloned it.
      const record: FlowRecord = {
        ...source, userId, flowId: randomUUID(), name: body.name ?? `${source.name} (copy)`, stage: 'stopped', version: 1, createdAt: now, updatedAt: now,
      };
      delete record.startedAt;
      // The copy holds the draft only: it is a new, unpublished flow.
      delete record.publishedVersion;
      delete record.publishedFlow;
      // The copy keeps the error flow only while it is still one of the user's own flows (one saved
      // before create checked it, or since deleted, is dropped rather than carried on).
      if (record.errorFlowId && !(await store.getFlow(record.errorFlowId, userId))) delete record.errorFlowId;
      await store.createFlow(record);
      return c.json({ flowId: record.flowId, version: 1 }, 201);
    })
    .get('/:id/validate', async (c) => {
      const record = withinLimits(await visible(c.req.param('id'), c));
      // Reading and sizing a big draft (parsing its text) is one task; its problems are another.
      await turn();
      const problems = await engine.problems(record);
      return c.json({ valid: problems.length === 0, problems });
    })
    .post('/:id/test', async (c) => {
      const record = await owned(c.req.param('id'), c.get('user'));
      const body = await readBody(c, TestRunBody);
      const correlationId = await engine.testRun(record, body.componentId, body.port, body.data);
      return c.json({ correlationId }, 202);
    });
}

const CUSTOM_FIELD_FILTER = /^customFields\.([A-Za-z0-9_-]{1,64})$/;

/** `?customFields.segment=gold&customFields.seats=12` → `{ segment: 'gold', seats: '12' }`; a bad name is 400 with its path. */
export function customFieldFilters(queries: Record<string, string[]>): Record<string, string> | undefined {
  const filters: Record<string, string> = {};
  for (const [key, values] of Object.entries(queries)) {
    if (!key.startsWith('customFields')) continue;
    const name = CUSTOM_FIELD_FILTER.exec(key)?.[1];
    if (name === undefined) throw new WeftError('request.invalid', `query.${key}: filter on a custom field as customFields.<name>, the name of 1 to 64 letters, digits, "_" or "-"`, { status: 400, path: `query.${key}`, retry: 'never' });
    const value = values.at(-1) ?? '';
    if (value.length > 500) throw new WeftError('request.invalid', `query.${key}: at most 500 characters`, { status: 400, path: `query.${key}`, retry: 'never' });
    filters[name] = value;
  }
  if (Object.keys(filters).length > 20) throw new WeftError('request.invalid', 'query: at most 20 custom field filters', { status: 400, path: 'query', retry: 'never' });
  return Object.keys(filters).length > 0 ? filters : undefined;
}

export function dropUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
