/**
 * @module Flow manager store: one per widget instance. Holds the list query, the page of flows,
 * the open dialog and per-flow pending actions; talks to the API and tells the host what happened.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, FlowSummary } from '@weft/api-client';
import { flowWebhooks, type FlowWebhook } from './flow-webhooks.ts';

export type StageFilter = 'all' | 'running' | 'stopped';
export type SortKey = 'updatedAt' | 'name' | 'createdAt';
export type SortOrder = 'asc' | 'desc';
export type FlowAction = 'start' | 'stop' | 'rename' | 'clone' | 'remove' | 'create';

export interface FlowListState {
  search: string;
  stage: StageFilter;
  sort: SortKey;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export type Dialog = { kind: 'create' } | { kind: 'rename'; flow: FlowSummary } | { kind: 'remove'; flow: FlowSummary } | { kind: 'webhooks'; flow: FlowSummary } | null;

/** The webhook URLs of the flow whose Webhooks dialog is open. */
export type WebhookList = { status: 'loading' } | { status: 'ready'; items: FlowWebhook[] } | { status: 'error'; message: string };

/** A line for the aria-live region: a catalogue key and its parameters, so the store stays string-free. */
export interface Notice {
  key: string;
  params: Record<string, string | number>;
  tone: 'info' | 'error';
  id: number;
  /** The problems that kept a flow from starting, each with its component's label when it has one. */
  problems?: NoticeProblem[];
}

export interface NoticeProblem {
  label: string | undefined;
  message: string;
}

export interface FlowManagerState extends FlowListState {
  status: 'loading' | 'ready' | 'error';
  items: FlowSummary[];
  total: number;
  error: unknown;
  pending: Record<string, FlowAction>;
  dialog: Dialog;
  notice: Notice | null;
  webhooks: WebhookList;

  load: () => Promise<void>;
  setQuery: (patch: Partial<FlowListState>) => void;
  openDialog: (dialog: Dialog) => void;
  create: (name: string) => Promise<boolean>;
  rename: (flow: FlowSummary, name: string) => Promise<boolean>;
  clone: (flow: FlowSummary, name: string) => Promise<boolean>;
  remove: (flow: FlowSummary) => Promise<boolean>;
  start: (flow: FlowSummary) => Promise<boolean>;
  stop: (flow: FlowSummary) => Promise<boolean>;
  /** Opens the Webhooks dialog of a flow and loads where each of its webhook components answers. */
  showWebhooks: (flow: FlowSummary) => Promise<void>;
}

export interface FlowManagerDeps {
  /** Read on every call, so a host override of a client method takes effect at once. */
  api: () => ApiClient;
  emit: (event: string, detail: unknown) => boolean;
  /** The host's `customFilter`: only flows with these custom fields are listed, and new ones get them. */
  customFilter?: () => Record<string, string | number | boolean> | undefined;
}

const QUERY_KEYS: readonly (keyof FlowListState)[] = ['search', 'stage', 'sort', 'order', 'page', 'pageSize'];

export function createFlowManagerStore(deps: FlowManagerDeps, initial: Partial<FlowListState> = {}): StoreApi<FlowManagerState> {
  let requestSeq = 0;
  let noticeSeq = 0;
  // The component catalogue says which types are webhooks; it changes only with a deploy.
  let manifests: ReturnType<ApiClient['listComponents']> | undefined;

  return createStore<FlowManagerState>()((set, get) => {
    const notify = (key: string, params: Record<string, string | number>, tone: Notice['tone'] = 'info', problems?: NoticeProblem[]) =>
      set({ notice: { key, params, tone, id: ++noticeSeq, ...(problems && problems.length > 0 ? { problems } : {}) } });
    const setPending = (flowId: string, action: FlowAction | undefined) => set(({ pending }) => {
      const next = { ...pending };
      if (action) next[flowId] = action;
      else delete next[flowId];
      return { pending: next };
    });
    const replaceItem = (flow: Partial<FlowSummary> & { flowId: string }) =>
      set(({ items }) => ({ items: items.map((item) => (item.flowId === flow.flowId ? { ...item, ...pick(flow) } : item)) }));

    /** Names each problem by its component's label, read from the flow; without the flow, by message alone. */
    async function labelled(flowId: string, problems: ProblemDetail[]): Promise<NoticeProblem[]> {
      let components: Record<string, unknown> = {};
      try {
        components = (await deps.api().getFlow(flowId)).flow;
      } catch {
        // The list still says what is wrong; only the labels are missing.
      }
      return problems.map((problem) => ({ label: componentLabel(components, problem), message: problem.message }));
    }

    /** Runs one row action: marks it pending, reports failure in the live region, never throws. */
    async function act(flowId: string, action: FlowAction, run: () => Promise<void>): Promise<boolean> {
      setPending(flowId, action);
      try {
        await run();
        return true;
      } catch (error) {
        const problems = problemsOf(error);
        if (problems.length > 0) {
          notify('flowManager.actionFailed.problems', { action, count: problems.length }, 'error', await labelled(flowId, problems));
        } else {
          notify('flowManager.actionFailed', { action, message: describe(error) }, 'error');
        }
        return false;
      } finally {
        setPending(flowId, undefined);
      }
    }

    return {
      search: '', stage: 'all', sort: 'updatedAt', order: 'desc', page: 0, pageSize: 20,
      ...initial,
      status: 'loading',
      items: [],
      total: 0,
      error: undefined,
      pending: {},
      dialog: null,
      notice: null,
      webhooks: { status: 'loading' },

      async load() {
        const seq = ++requestSeq;
        const { search, stage, sort, order, page, pageSize } = get();
        set({ status: get().items.length ? get().status : 'loading', error: undefined });
        try {
          const customFields = deps.customFilter?.();
          const list = await deps.api().listFlows({
            ...(customFields ? { customFields } : {}),
            ...(search.trim() ? { search: search.trim() } : {}),
            ...(stage === 'all' ? {} : { stage }),
            sort, order, limit: pageSize, offset: page * pageSize,
          });
          // An older answer arriving after a newer query must not overwrite it.
          if (seq !== requestSeq) return;
          if (list.items.length === 0 && list.total > 0 && page > 0) {
            set({ page: Math.max(0, Math.ceil(list.total / pageSize) - 1) });
            return get().load();
          }
          set({ status: 'ready', items: list.items, total: list.total });
        } catch (error) {
          if (seq !== requestSeq) return;
          set({ status: 'error', error });
        }
      },

      setQuery(patch) {
        const changed = QUERY_KEYS.some((key) => key in patch && patch[key] !== get()[key]);
        if (!changed) return;
        // Any change but paging itself starts again from the first page.
        set({ ...patch, page: patch.page ?? 0 });
        void get().load();
      },

      openDialog(dialog) {
        set({ dialog });
      },

      async create(name) {
        return act('new', 'create', async () => {
          const customFields = deps.customFilter?.();
          const created = await deps.api().createFlow({ name, ...(customFields ? { customFields } : {}) });
          set({ dialog: null });
          notify('flowManager.created', { name });
          deps.emit('flow:create', { flowId: created.flowId, name });
          await get().load();
        });
      },

      async rename(flow, name) {
        return act(flow.flowId, 'rename', async () => {
          const updated = await deps.api().updateFlow(flow.flowId, { version: flow.version, name });
          replaceItem(updated);
          set({ dialog: null });
          notify('flowManager.renamed', { name });
          deps.emit('flow:rename', { flowId: flow.flowId, name, previousName: flow.name });
        });
      },

      async clone(flow, name) {
        return act(flow.flowId, 'clone', async () => {
          const created = await deps.api().cloneFlow(flow.flowId, { name });
          notify('flowManager.cloned', { name });
          deps.emit('flow:clone', { flowId: created.flowId, sourceFlowId: flow.flowId, name });
          await get().load();
        });
      },

      async remove(flow) {
        return act(flow.flowId, 'remove', async () => {
          await deps.api().deleteFlow(flow.flowId);
          set(({ items, total }) => ({ items: items.filter((item) => item.flowId !== flow.flowId), total: Math.max(0, total - 1), dialog: null }));
          notify('flowManager.deleted', { name: flow.name });
          deps.emit('flow:remove', { flowId: flow.flowId, name: flow.name });
          await get().load();
        });
      },

      async start(flow) {
        return act(flow.flowId, 'start', async () => {
          replaceItem(await deps.api().startFlow(flow.flowId));
          notify('flowManager.started', { name: flow.name });
          deps.emit('flow:start', { flowId: flow.flowId, name: flow.name });
        });
      },

      async stop(flow) {
        return act(flow.flowId, 'stop', async () => {
          replaceItem(await deps.api().stopFlow(flow.flowId));
          notify('flowManager.stopped', { name: flow.name });
          deps.emit('flow:stop', { flowId: flow.flowId, name: flow.name });
        });
      },

      async showWebhooks(flow) {
        set({ dialog: { kind: 'webhooks', flow }, webhooks: { status: 'loading' } });
        const isStillOpen = () => { const { dialog } = get(); return dialog?.kind === 'webhooks' && dialog.flow.flowId === flow.flowId; };
        try {
          const [full, components] = await Promise.all([deps.api().getFlow(flow.flowId), manifests ??= deps.api().listComponents()]);
          if (isStillOpen()) set({ webhooks: { status: 'ready', items: flowWebhooks(full, components.items) } });
        } catch (error) {
          manifests = undefined;
          if (isStillOpen()) set({ webhooks: { status: 'error', message: describe(error) } });
        }
      },
    };
  });
}

/** Keep only the summary fields: a full `Flow` answer must not drag its descriptor into the list. */
function pick(flow: Partial<FlowSummary> & { flowId: string }): Partial<FlowSummary> {
  const { flowId, name, stage, version, createdAt, updatedAt, startedAt, errorFlowId, componentCount, errors24h } = flow;
  const out: Partial<FlowSummary> = { flowId };
  const entries = { name, stage, version, createdAt, updatedAt, startedAt, errorFlowId, componentCount, errors24h };
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}

interface ProblemDetail {
  message: string;
  path: string;
  componentId?: string | undefined;
}

/** The problems of a 422 `flow.invalid` answer (`details`), or none. */
function problemsOf(error: unknown): ProblemDetail[] {
  if (!error || typeof error !== 'object' || !('details' in error) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown): ProblemDetail[] => {
    if (!detail || typeof detail !== 'object') return [];
    const { message, path, componentId } = detail as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    return [{ message, path: typeof path === 'string' ? path : '', componentId: typeof componentId === 'string' ? componentId : undefined }];
  });
}

function componentLabel(components: Record<string, unknown>, problem: ProblemDetail): string | undefined {
  const id = problem.componentId ?? /^flow\.([^.]+)/.exec(problem.path)?.[1];
  const component = id === undefined ? undefined : components[id];
  if (!component || typeof component !== 'object') return undefined;
  const { label, type } = component as { label?: unknown; type?: unknown };
  if (typeof label === 'string' && label !== '') return label;
  return typeof type === 'string' ? type.split('.').pop() : undefined;
}

/** The server's message, with the first problem of a 422 `flow.invalid` so the user knows what to fix. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'details' in error && Array.isArray(error.details)) {
    const first: unknown = error.details[0];
    if (first && typeof first === 'object' && 'message' in first && typeof first.message === 'string') {
      return `${error instanceof Error ? error.message : ''} (${first.message})`.trim();
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** State keys a host may read and write through `instance.state(key, value)`. */
export function isQueryKey(key: string): key is keyof FlowListState {
  return (QUERY_KEYS as readonly string[]).includes(key);
}
