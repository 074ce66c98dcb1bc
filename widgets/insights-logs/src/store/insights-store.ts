/**
 * @module Insights store: one per widget instance. Filters and time range, the loaded records
 * (paged with a cursor, or pushed by the live tail), the histogram, the selection, the correlation
 * view, the unprocessed messages of a flow, and the user's flows with their names and the labels of
 * their components (`flows-slice.ts`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, LogDirection, LogHistogram, LogQueryParams, LogRecord, UnprocessedMessage } from '@weft/api-client';
import { pickInterval, resolveRange, type TimeRange } from './time-range.ts';
import { createFlowsSlice, type FlowsSlice, type ShownComponent } from './flows-slice.ts';
import { createRunsSlice, type RunsSlice } from './runs-slice.ts';
import { createStaffSlice, type StaffSlice } from './staff-slice.ts';
import { componentText } from './component-names.ts';
import { messageIdOf } from './id-shape.ts';

export interface LogFilters {
  flowId: string;
  componentId: string;
  /** One run: the correlation id every record of it carries. */
  correlationId: string;
  direction: '' | LogDirection;
  severity: '' | 'info' | 'warn' | 'error';
  /** Full-text search over payloads and errors. */
  q: string;
  /** Staff only: one tenant's records, and within it one user's ('' for all). */
  tenantId: string;
  userId: string;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type InsightsView = 'logs' | 'runs' | 'unprocessed';

/** More would slow every live prepend and hold too much memory; older ones can be paged in again. */
export const MAX_RECORDS = 100_000;

export interface InsightsState extends FlowsSlice, RunsSlice, StaffSlice {
  filters: LogFilters;
  range: TimeRange;
  view: InsightsView;
  pageSize: number;

  records: LogRecord[];
  nextCursor: string | undefined;
  status: LoadStatus;
  isLoadingMore: boolean;
  error: unknown;

  histogram: LogHistogram | null;
  /** The time span the histogram was asked for: bars sit at their time in it, empty buckets included. */
  histogramSpan: { from: number; to: number } | null;
  histogramStatus: LoadStatus;

  selected: LogRecord | null;
  correlation: { correlationId: string; status: LoadStatus; records: LogRecord[]; error: unknown } | null;
  isLive: boolean;

  unprocessed: { status: LoadStatus; items: UnprocessedMessage[]; total: number; error: unknown };
  editing: UnprocessedMessage | null;
  removing: UnprocessedMessage | null;
  unprocessedNotice: { key: string; params: Record<string, string>; tone: 'info' | 'error'; id: number } | null;

  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  setFilters: (patch: Partial<LogFilters>) => void;
  setRange: (range: TimeRange) => void;
  setView: (view: InsightsView) => void;
  select: (record: LogRecord | null) => void;
  openCorrelation: (correlationId: string) => Promise<void>;
  /**
   * Show the run a pasted id names: a correlation id, or a message id of one of its records. Resolves
   * to false (and changes nothing) when no record carries it, so the caller can search it as text.
   */
  findRun: (id: string) => Promise<boolean>;
  closeCorrelation: () => void;
  setLive: (isLive: boolean) => void;
  receiveLive: (records: LogRecord[]) => void;
  loadUnprocessed: () => Promise<void>;
  editUnprocessed: (message: UnprocessedMessage | null) => void;
  confirmRemoveUnprocessed: (message: UnprocessedMessage | null) => void;
  retryUnprocessed: (message: UnprocessedMessage, content?: Record<string, unknown>) => Promise<boolean>;
  removeUnprocessed: (message: UnprocessedMessage) => Promise<boolean>;
}

export interface InsightsDeps {
  api: () => ApiClient;
  emit: (event: string, detail: unknown) => boolean;
  now?: () => number;
}

export interface InsightsInitial {
  filters?: Partial<LogFilters>;
  range?: TimeRange;
  view?: InsightsView;
  pageSize?: number;
}

/** The staff filters (tenant, user) as query fields, for every read the widget makes. */
export function whoseQuery(filters: Pick<LogFilters, 'tenantId' | 'userId'>): { tenantId?: string; userId?: string } {
  return { ...(filters.tenantId ? { tenantId: filters.tenantId } : {}), ...(filters.userId ? { userId: filters.userId } : {}) };
}

export function toLogQuery(filters: LogFilters, range: TimeRange, now: number): LogQueryParams {
  const { from, to } = resolveRange(range, now);
  const query: LogQueryParams = { from, to, ...whoseQuery(filters) };
  if (filters.flowId) query.flowId = filters.flowId;
  if (filters.componentId.trim()) query.componentId = filters.componentId.trim();
  if (filters.correlationId.trim()) query.correlationId = filters.correlationId.trim();
  if (filters.direction) query.direction = filters.direction;
  if (filters.severity) query.severity = filters.severity;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

export function createInsightsStore(deps: InsightsDeps, initial: InsightsInitial = {}): StoreApi<InsightsState> {
  const now = deps.now ?? Date.now;
  let logSeq = 0;
  let histogramSeq = 0;
  let unprocessedSeq = 0;
  let noticeSeq = 0;

  return createStore<InsightsState>()((set, get) => {
    const query = () => toLogQuery(get().filters, get().range, now());

    async function loadHistogram(): Promise<void> {
      const seq = ++histogramSeq;
      const base = query();
      const { histogram } = pickInterval((base.to as number) - (base.from as number));
      set({ histogramStatus: 'loading' });
      try {
        const answer = await deps.api().logHistogram({ ...base, histogram });
        if (seq === histogramSeq) set({ histogram: answer, histogramSpan: { from: base.from as number, to: base.to as number }, histogramStatus: 'ready' });
      } catch {
        // The histogram is an overview: the table still works without it.
        if (seq === histogramSeq) set({ histogramStatus: 'error' });
      }
    }

    return {
      ...createFlowsSlice(deps.api, set, get, () => whoseQuery(get().filters)),
      ...createStaffSlice(deps.api, set, () => get().filters.tenantId),
      ...createRunsSlice(deps.api, set, get, () => {
        const { from, to } = resolveRange(get().range, now());
        return { from, to, ...whoseQuery(get().filters), ...(get().filters.flowId ? { flowId: get().filters.flowId } : {}) };
      }),
      filters: { flowId: '', componentId: '', correlationId: '', direction: '', severity: '', q: '', tenantId: '', userId: '', ...initial.filters },
      range: initial.range ?? { kind: 'relative', ms: 3600e3 },
      view: initial.view ?? 'logs',
      pageSize: initial.pageSize ?? 500,
      records: [],
      nextCursor: undefined,
      status: 'idle',
      isLoadingMore: false,
      error: undefined,
      histogram: null,
      histogramSpan: null,
      histogramStatus: 'idle',
      selected: null,
      correlation: null,
      isLive: false,
      unprocessed: { status: 'idle', items: [], total: 0, error: undefined },
      editing: null,
      removing: null,
      unprocessedNotice: null,

      async load() {
        const seq = ++logSeq;
        set({ status: 'loading', error: undefined, isLoadingMore: false });
        void loadHistogram();
        try {
          const page = await deps.api().queryLogs({ ...query(), limit: get().pageSize, order: 'desc' });
          if (seq !== logSeq) return;
          set({ status: 'ready', records: page.records, nextCursor: page.nextCursor });
          void get().resolveFlows(shownIn(page.records, get().filters.flowId));
        } catch (error) {
          if (seq === logSeq) set({ status: 'error', error, records: [], nextCursor: undefined });
        }
      },

      async loadMore() {
        const { nextCursor, isLoadingMore, status, records, pageSize } = get();
        if (!nextCursor || isLoadingMore || status !== 'ready' || records.length >= MAX_RECORDS) return;
        const seq = logSeq;
        set({ isLoadingMore: true });
        try {
          const page = await deps.api().queryLogs({ ...query(), limit: pageSize, order: 'desc', cursor: nextCursor });
          if (seq !== logSeq) return;
          set((state) => ({ records: state.records.concat(page.records).slice(0, MAX_RECORDS), nextCursor: page.nextCursor, isLoadingMore: false }));
          void get().resolveFlows(shownIn(page.records));
        } catch (error) {
          if (seq === logSeq) set({ isLoadingMore: false, error });
        }
      },

      setFilters(patch) {
        const isNewTenant = patch.tenantId !== undefined && patch.tenantId !== get().filters.tenantId;
        // Another tenant: its users and flows differ, so the user and flow filters start over.
        set((state) => ({ filters: { ...state.filters, ...(isNewTenant ? { userId: '', flowId: '' } : {}), ...patch } }));
        if (isNewTenant) {
          void get().loadTenantUsers(get().filters.tenantId);
          void get().loadFlows();
        }
        // The host may pick a flow created after the list was loaded: load it again to get its name.
        const { flows, flowsStatus } = get();
        if (patch.flowId && flowsStatus === 'ready' && !flows.some((flow) => flow.flowId === patch.flowId)) void get().loadFlows();
        if (get().view === 'unprocessed') void get().loadUnprocessed();
        if (get().view === 'runs') void get().loadRuns();
        void get().load();
      },

      setRange(range) {
        // A fixed range in the past cannot grow: live tail only makes sense up to now.
        set({ range, ...(range.kind === 'absolute' ? { isLive: false } : {}) });
        if (get().view === 'runs') void get().loadRuns();
        void get().load();
      },

      setView(view) {
        set({ view });
        if (view === 'unprocessed') void get().loadUnprocessed();
        if (view === 'runs') void get().loadRuns();
      },

      select(record) {
        set({ selected: record });
        if (record) deps.emit('log:select', { id: record.id, flowId: record.flowId, componentId: record.componentId, correlationId: record.correlationId, record });
      },

      async openCorrelation(correlationId) {
        set({ correlation: { correlationId, status: 'loading', records: [], error: undefined } });
        try {
          const page = await deps.api().queryLogs({ ...whoseQuery(get().filters), correlationId, order: 'asc', limit: 1000 });
          if (get().correlation?.correlationId !== correlationId) return;
          set({ correlation: { correlationId, status: 'ready', records: page.records, error: undefined } });
          void get().resolveFlows(shownIn(page.records));
        } catch (error) {
          if (get().correlation?.correlationId === correlationId) set({ correlation: { correlationId, status: 'error', records: [], error } });
        }
      },

      async findRun(id) {
        const token = id.trim();
        // No time range: a customer may quote a run from last week.
        const whose = whoseQuery(get().filters);
        const byCorrelation = await deps.api().queryLogs({ ...whose, correlationId: token, order: 'asc', limit: 1 });
        let correlationId = byCorrelation.records.length > 0 ? token : undefined;
        if (correlationId === undefined) {
          const byMessage = await deps.api().queryLogs({ ...whose, messageId: messageIdOf(token), order: 'asc', limit: 1 });
          correlationId = byMessage.records[0]?.correlationId;
        }
        if (correlationId === undefined) return false;
        // The run's records, whatever the other filters say: the correlation filter shows which run.
        set((state) => ({ view: 'logs', filters: { ...state.filters, correlationId, componentId: '', q: '' } }));
        void get().load();
        await get().openCorrelation(correlationId);
        return true;
      },

      closeCorrelation() {
        set({ correlation: null });
      },

      setLive(isLive) {
        if (isLive && get().range.kind === 'absolute') set({ range: { kind: 'relative', ms: 3600e3 } });
        set({ isLive });
      },

      receiveLive(incoming) {
        if (incoming.length === 0) return;
        const newestFirst = [...incoming].sort((a, b) => b.time - a.time);
        set((state) => {
          const histogram = state.histogram ? countInto(state.histogram, incoming) : state.histogram;
          return { records: newestFirst.concat(state.records).slice(0, MAX_RECORDS), histogram };
        });
        void get().resolveFlows(shownIn(incoming), { mayBeNew: true });
      },

      async loadUnprocessed() {
        const seq = ++unprocessedSeq;
        const flowId = get().filters.flowId;
        set((state) => ({ unprocessed: { ...state.unprocessed, status: 'loading', error: undefined } }));
        try {
          const list = await deps.api().listUnprocessed({ ...whoseQuery(get().filters), ...(flowId ? { flowId } : {}), limit: 200 });
          if (seq !== unprocessedSeq) return;
          set({ unprocessed: { status: 'ready', items: list.items, total: list.total, error: undefined } });
          void get().resolveFlows(shownIn(list.items));
        } catch (error) {
          if (seq === unprocessedSeq) set({ unprocessed: { status: 'error', items: [], total: 0, error } });
        }
      },

      editUnprocessed(message) {
        set({ editing: message });
      },

      confirmRemoveUnprocessed(message) {
        set({ removing: message });
      },

      async retryUnprocessed(message, content) {
        try {
          await deps.api().retryUnprocessed(message.id, content ? { content } : {});
          dropUnprocessed(message.id);
          set({ editing: null, unprocessedNotice: { key: 'insights.unprocessed.retried', params: { component: componentText(get(), message.flowId, message.componentId) }, tone: 'info', id: ++noticeSeq } });
          return true;
        } catch (error) {
          set({ unprocessedNotice: { key: 'insights.unprocessed.failed', params: { message: error instanceof Error ? error.message : String(error) }, tone: 'error', id: ++noticeSeq } });
          return false;
        }
      },

      async removeUnprocessed(message) {
        try {
          await deps.api().deleteUnprocessed(message.id);
          dropUnprocessed(message.id);
          set({ removing: null, unprocessedNotice: { key: 'insights.unprocessed.deleted', params: { component: componentText(get(), message.flowId, message.componentId) }, tone: 'info', id: ++noticeSeq } });
          return true;
        } catch (error) {
          set({ removing: null, unprocessedNotice: { key: 'insights.unprocessed.failed', params: { message: error instanceof Error ? error.message : String(error) }, tone: 'error', id: ++noticeSeq } });
          return false;
        }
      },
    };

    function dropUnprocessed(id: string) {
      set((state) => ({ unprocessed: { ...state.unprocessed, items: state.unprocessed.items.filter((item) => item.id !== id), total: Math.max(0, state.unprocessed.total - 1) } }));
    }
  });
}

/**
 * The distinct components of some records or messages, with their flows (and the filter's flow, named in
 * the filter even before it has records).
 */
function shownIn(records: readonly { flowId: string; componentId: string }[], filterFlowId = ''): ShownComponent[] {
  const shown = new Map<string, ShownComponent>();
  for (const { flowId, componentId } of records) shown.set(`${flowId} ${componentId}`, { flowId, componentId });
  if (filterFlowId) shown.set(filterFlowId, { flowId: filterFlowId });
  return [...shown.values()];
}

/** Live records also count in the histogram, so the bars move with the tail. */
function countInto(histogram: LogHistogram, records: LogRecord[]): LogHistogram {
  const buckets = histogram.buckets.map((bucket) => ({ ...bucket }));
  for (const record of records) {
    const last = buckets[buckets.length - 1];
    const bucket = buckets.find((b) => record.time >= b.start && record.time < b.start + histogram.intervalMs);
    if (bucket) bucket.count += 1;
    else if (last && record.time >= last.start + histogram.intervalMs) {
      const start = last.start + Math.floor((record.time - last.start) / histogram.intervalMs) * histogram.intervalMs;
      buckets.push({ start, count: 1 });
    }
  }
  return { ...histogram, buckets };
}
