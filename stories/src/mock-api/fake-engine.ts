/**
 * @module Fake engine: an in-memory Weft REST API behind a `fetch` function, so stories use the real
 * `createApiClient` (its zod parsing, `ApiError`s, 409 conflicts) without a server or a service worker.
 *
 *   const api = createFakeApi({ flows: sampleFlows(now) });
 *   const stalled = createFakeApi({ mode: 'loading' }); // every request stays pending
 */
import { createApiClient, type Account, type ApiClient, type ConnectorAccountType, type FetchLike, type FlowSummary, type LogRecord, type Run, type UnprocessedMessage } from '@weft/api-client';
import type { FlowDescriptorInput } from '@weft/flow';

/** `loading`: no request ever answers; `error`: every request answers 500. */
export type FakeMode = 'ok' | 'loading' | 'error';

export interface FakeEngineData {
  mode?: FakeMode;
  flows?: FlowSummary[];
  /** What GET /flows/:id answers as `flow`, by flow id; `{}` for the others. */
  descriptors?: Record<string, FlowDescriptorInput>;
  /** What GET /components answers (the client fills in the manifests' defaults). */
  manifests?: { name: string; label: string; category?: string; webhook?: boolean }[];
  logs?: LogRecord[];
  unprocessed?: UnprocessedMessage[];
  /** The run history, any order (GET /runs answers newest first). */
  runs?: Run[];
  /** Connected accounts (GET /accounts) and the connectors' own kinds (GET /accounts/types). */
  accounts?: Account[];
  accountTypes?: ConnectorAccountType[];
  /** Running flows that use each account (DELETE /accounts/:id answers 409 without force). */
  accountUsers?: Record<string, { flowId: string; name: string }[]>;
}

export interface FakeEngine {
  fetch: FetchLike;
  /** What the engine holds now (stories' play functions check mutations here). */
  readonly flows: FlowSummary[];
  readonly unprocessed: UnprocessedMessage[];
  readonly accounts: Account[];
  /** Every request, as `METHOD /path?query`. */
  readonly requests: string[];
}

const BASE_URL = 'http://weft.stories.invalid';
export const FAKE_ERROR_MESSAGE = 'The engine did not answer (mocked 500)';

const json = (body: unknown, status = 200): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failure = (status: number, code: string, message: string): Response => json({ error: { code, message } }, status);

const INTERVAL_UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };

function parseInterval(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  return match ? Number(match[1]) * (INTERVAL_UNITS[match[2] ?? 'ms'] ?? 1) : 60e3;
}

function matchesLog(record: LogRecord, params: URLSearchParams): boolean {
  const from = params.get('from');
  const to = params.get('to');
  const q = params.get('q')?.toLowerCase();
  for (const key of ['flowId', 'componentId', 'correlationId', 'messageId', 'direction', 'severity'] as const) {
    const wanted = params.get(key);
    if (wanted && record[key] !== wanted) return false;
  }
  if (from && record.time < Number(from)) return false;
  if (to && record.time > Number(to)) return false;
  if (q && !JSON.stringify([record.payload, record.error]).toLowerCase().includes(q)) return false;
  return true;
}

export function createFakeEngine(data: FakeEngineData = {}): FakeEngine {
  const mode = data.mode ?? 'ok';
  let flows = [...(data.flows ?? [])];
  let unprocessed = [...(data.unprocessed ?? [])];
  const logs = [...(data.logs ?? [])].sort((a, b) => b.time - a.time);
  let runs = [...(data.runs ?? [])].sort((a, b) => b.startedAt - a.startedAt);
  const requests: string[] = [];
  let flowSeq = flows.length;
  let accounts = [...(data.accounts ?? [])];

  const findFlow = (flowId: string) => flows.find((flow) => flow.flowId === flowId);
  const replaceFlow = (next: FlowSummary) => (flows = flows.map((flow) => (flow.flowId === next.flowId ? next : flow)));
  const notFound = () => failure(404, 'flow.not_found', 'No such flow');

  function route(method: string, path: string, params: URLSearchParams, body: Record<string, unknown>): Response {
    const flowMatch = /^\/flows\/([^/]+)(?:\/(start|stop|clone))?$/.exec(path);
    const unprocessedMatch = /^\/unprocessed-messages\/([^/]+)(?:\/(retry))?$/.exec(path);

    if (method === 'GET' && path === '/flows') {
      const search = params.get('search')?.toLowerCase() ?? '';
      const stage = params.get('stage');
      const sort = (params.get('sort') ?? 'updatedAt') as 'name' | 'createdAt' | 'updatedAt';
      const direction = params.get('order') === 'asc' ? 1 : -1;
      const limit = Number(params.get('limit') ?? 50);
      const offset = Number(params.get('offset') ?? 0);
      const matching = flows
        .filter((flow) => (!search || flow.name.toLowerCase().includes(search)) && (!stage || flow.stage === stage))
        .sort((a, b) => direction * (sort === 'name' ? a.name.localeCompare(b.name) : a[sort] - b[sort]));
      return json({ items: matching.slice(offset, offset + limit), total: matching.length, limit, offset });
    }
    if (method === 'POST' && path === '/flows') {
      const now = Date.now();
      const flow: FlowSummary = { flowId: `flow-${++flowSeq}`, name: String(body.name), stage: 'stopped', version: 1, createdAt: now, updatedAt: now, componentCount: 0 };
      flows = [flow, ...flows];
      return json({ flowId: flow.flowId, version: 1 }, 201);
    }
    if (flowMatch) {
      const [, flowId = '', action] = flowMatch;
      const flow = findFlow(decodeURIComponent(flowId));
      if (!flow) return notFound();
      const now = Date.now();
      const asFlow = (summary: FlowSummary) => json({ ...summary, flow: data.descriptors?.[summary.flowId] ?? {}, webhookBaseUrl: `https://hooks.weft.example/flows/${summary.flowId}/components` });
      if (method === 'GET' && !action) return asFlow(flow);
      if (method === 'DELETE') {
        flows = flows.filter((item) => item.flowId !== flow.flowId);
        return json(null, 204);
      }
      if (method === 'PUT') {
        if (body.version !== flow.version) return json({ error: { code: 'flow.conflict', message: 'This flow was changed by someone else' }, current: { ...flow, flow: {} } }, 409);
        const next = { ...flow, ...(typeof body.name === 'string' ? { name: body.name } : {}), version: flow.version + 1, updatedAt: now };
        replaceFlow(next);
        return asFlow(next);
      }
      if (method === 'POST' && (action === 'start' || action === 'stop')) {
        const next: FlowSummary = { ...flow, stage: action === 'start' ? 'running' : 'stopped', version: flow.version + 1, updatedAt: now, ...(action === 'start' ? { startedAt: now } : {}) };
        replaceFlow(next);
        return asFlow(next);
      }
      if (method === 'POST' && action === 'clone') {
        const copy: FlowSummary = { ...flow, flowId: `flow-${++flowSeq}`, name: typeof body.name === 'string' ? body.name : `${flow.name} (copy)`, stage: 'stopped', version: 1, createdAt: now, updatedAt: now, errors24h: 0 };
        flows = [copy, ...flows];
        return json({ flowId: copy.flowId, version: 1 }, 201);
      }
    }
    if (method === 'GET' && path === '/logs') {
      const matching = logs.filter((record) => matchesLog(record, params));
      const histogram = params.get('histogram');
      if (histogram) {
        const intervalMs = parseInterval(histogram);
        const from = Number(params.get('from') ?? matching.at(-1)?.time ?? 0);
        const to = Number(params.get('to') ?? Date.now());
        const first = Math.floor(from / intervalMs) * intervalMs;
        const buckets = [];
        for (let start = first; start <= to; start += intervalMs) buckets.push({ start, count: 0 });
        for (const record of matching) {
          const bucket = buckets[Math.floor((record.time - first) / intervalMs)];
          if (bucket) bucket.count += 1;
        }
        return json({ intervalMs, buckets });
      }
      const ordered = params.get('order') === 'asc' ? [...matching].reverse() : matching;
      const offset = Number(params.get('cursor') ?? 0);
      const limit = Number(params.get('limit') ?? 50);
      const page = ordered.slice(offset, offset + limit);
      return json({ records: page, ...(offset + limit < ordered.length ? { nextCursor: String(offset + limit) } : {}) });
    }
    const runMatch = /^\/runs\/([^/]+)(?:\/(cancel))?$/.exec(path);
    if (method === 'GET' && path === '/runs') {
      const matching = runs.filter((run) => ['flowId', 'status'].every((key) => !params.get(key) || run[key as 'flowId' | 'status'] === params.get(key)));
      const offset = Number(params.get('cursor') ?? 0);
      const limit = Number(params.get('limit') ?? 50);
      return json({ runs: matching.slice(offset, offset + limit), ...(offset + limit < matching.length ? { nextCursor: String(offset + limit) } : {}) });
    }
    if (runMatch) {
      const [, id = '', action] = runMatch;
      const run = runs.find((item) => item.correlationId === decodeURIComponent(id));
      if (!run) return failure(404, 'run.not_found', 'No such run');
      if (method === 'GET') return json(run);
      if (method === 'POST' && action === 'cancel') {
        const cancelled: Run = { ...run, status: 'cancelled', endedAt: Date.now(), durationMs: Date.now() - run.startedAt };
        runs = runs.map((item) => (item.correlationId === run.correlationId ? cancelled : item));
        return json(cancelled);
      }
    }
    if (method === 'GET' && path === '/unprocessed-messages') {
      const flowId = params.get('flowId');
      const items = unprocessed.filter((message) => !flowId || message.flowId === flowId);
      return json({ items, total: items.length });
    }
    if (unprocessedMatch) {
      const [, id = '', action] = unprocessedMatch;
      const message = unprocessed.find((item) => item.id === decodeURIComponent(id));
      if (!message) return failure(404, 'unprocessed.not_found', 'No such message');
      if (method === 'GET') return json(message);
      unprocessed = unprocessed.filter((item) => item.id !== message.id);
      if (method === 'DELETE') return json(null, 204);
      if (method === 'POST' && action === 'retry') return json({ retried: true, messageId: message.id });
    }
    if (method === 'GET' && path === '/components') {
      return json({ items: data.manifests ?? [] });
    }
    const accountRoute = routeAccounts(method, path, params, body);
    if (accountRoute) return accountRoute;
    if (method === 'GET' && path === '/health') {
      return json({ status: 'ok', version: 'stories', adapters: { store: 'fake', bus: 'fake', logs: 'fake' }, uptimeMs: 1 });
    }
    return failure(404, 'route.not_found', `${method} ${path} is not faked`);
  }

  /** `/accounts`: list, kinds, connect (a connector's or a generic kind), rename, test (always refused), remove (409 while used). */
  function routeAccounts(method: string, path: string, params: URLSearchParams, body: Record<string, unknown>): Response | undefined {
    if (method === 'GET' && path === '/accounts') return json({ items: accounts });
    if (method === 'GET' && path === '/accounts/types') return json({ items: data.accountTypes ?? [] });
    if (method === 'POST' && path === '/accounts') {
      const now = Date.now();
      const fields = Object.fromEntries(Object.entries((body.fields ?? {}) as Record<string, unknown>).map(([name, value]) => [name, /token|password|value|secret/i.test(name) ? '••••' : String(value)]));
      const account: Account = {
        id: `acc-${accounts.length + 1}`, type: typeof body.type === 'string' ? body.type : 'custom', name: String(body.name), fields, profile: {}, status: 'valid', createdAt: now, updatedAt: now,
        ...(typeof body.connector === 'string' ? { connector: body.connector } : {}),
      };
      accounts = [...accounts, account];
      return json(account, 201);
    }
    const match = /^\/accounts\/([^/]+)(?:\/(test))?$/.exec(path);
    const account = match ? accounts.find((item) => item.id === match[1]) : undefined;
    if (!match) return undefined;
    if (!account) return failure(404, 'account.not_found', 'No such account');
    if (method === 'PATCH') {
      const next = { ...account, ...(typeof body.name === 'string' ? { name: body.name } : {}), updatedAt: Date.now() };
      accounts = accounts.map((item) => (item.id === next.id ? next : item));
      return json(next);
    }
    if (method === 'POST' && match[2] === 'test') {
      const next: Account = { ...account, status: 'invalid', statusReason: 'GET https://api.example.com/me answered 401 Unauthorized: the service refused the credentials.' };
      accounts = accounts.map((item) => (item.id === next.id ? next : item));
      return json({ ok: false, status: 401, message: next.statusReason, account: next });
    }
    if (method === 'DELETE') {
      const users = data.accountUsers?.[account.id] ?? [];
      if (users.length > 0 && params.get('force') !== 'true') {
        return json({ error: { code: 'account.in_use', message: `Running flows use this account: ${users.map((flow) => `"${flow.name}"`).join(', ')}.`, details: { flows: users } } }, 409);
      }
      accounts = accounts.filter((item) => item.id !== account.id);
      return json(null, 204);
    }
    return method === 'GET' ? json(account) : undefined;
  }

  const fakeFetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    requests.push(`${method} ${url.pathname}${url.search}`);
    if (mode === 'loading') return new Promise<Response>(() => undefined);
    if (mode === 'error') return failure(500, 'engine.unavailable', FAKE_ERROR_MESSAGE);
    if (url.pathname === '/logs/stream') return liveStream(init.signal ?? undefined);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : {};
    return route(method, url.pathname, url.searchParams, (body ?? {}) as Record<string, unknown>);
  };

  return {
    fetch: fakeFetch,
    get flows() { return flows; },
    get unprocessed() { return unprocessed; },
    get accounts() { return accounts; },
    requests,
  };
}

/** A live tail that stays open and quiet until the widget aborts it. */
function liveStream(signal: AbortSignal | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.close());
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** The real client, talking to a fake engine. */
export function createFakeApi(data: FakeEngineData = {}): { api: ApiClient; engine: FakeEngine } {
  const engine = createFakeEngine(data);
  return { api: createApiClient({ baseUrl: BASE_URL, fetch: engine.fetch }), engine };
}
