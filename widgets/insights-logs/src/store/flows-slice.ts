/**
 * @module Flows slice: the user's flows for the flow filter, and the name of every flow and component the
 * logs show. Flow names come from the one list the filter loads; component labels live in each flow's
 * descriptor, which the list does not carry, so each flow the logs show is asked for once with
 * GET /flows/:id, a few at a time. A flow that is gone keeps its id, and so do its components.
 */
import { isApiError, type ApiClient, type FlowSummary } from '@weft/api-client';
import type { LoadStatus } from './insights-store.ts';
import { componentsOf, type FlowComponents } from './component-names.ts';

/** The most GET /flows answers in one page. */
export const FLOW_LIST_LIMIT = 200;
/** Lookups of flows in flight at once, so a page of many flows does not flood the engine. */
const LOOKUPS_AT_ONCE = 6;

/** A flow the logs show, and the component they show of it (none for the flow the filter names). */
export interface ShownComponent {
  flowId: string;
  componentId?: string;
}

export interface FlowsSlice {
  /** The user's first 200 flows, by name, for the flow filter. */
  flows: FlowSummary[];
  flowsStatus: LoadStatus;
  /** Names by flow id; `null` when the engine has no such flow for this user (deleted). */
  flowNames: Record<string, string | null>;
  /** Type and label of each component, by flow id; a flow is absent until GET /flows/:id answered for it. */
  flowComponents: Record<string, FlowComponents>;
  /** Labels of component types by type name, from their manifests; empty until (or unless) GET /components answers. */
  typeLabels: Record<string, string>;
  loadFlows: () => Promise<void>;
  /**
   * Learn the names of these flows and of their components, each flow asked for once with GET /flows/:id.
   * Without the descriptors the list's names would do, so a flow a complete list lacks is taken as deleted,
   * unless it may be newer than the list (`mayBeNew`: records of the live tail).
   */
  resolveFlows: (shown: Iterable<ShownComponent>, options?: { mayBeNew?: boolean }) => Promise<void>;
}

/** What GET /flows/:id told of one flow: `null` and no components when it is gone. */
interface LookedUp {
  flowId: string;
  name: string | null;
  components?: FlowComponents;
}

type SetFlows = (patch: Partial<FlowsSlice> | ((state: FlowsSlice) => Partial<FlowsSlice>)) => void;

/** `whose`: the staff filters (tenant, user) the flow list follows; empty for everyone else. */
export function createFlowsSlice(api: () => ApiClient, set: SetFlows, get: () => FlowsSlice, whose: () => { tenantId?: string; userId?: string } = () => ({})): FlowsSlice {
  let listSeq = 0;
  let isListComplete = false;
  /** Flows seen before the list arrived: resolved once it has. */
  const waiting = new Set<string>();
  /** Flows looked up (or being looked up): never asked twice, even when the answer was an outage. */
  const asked = new Set<string>();
  /** `flowId componentId` of components a looked-up descriptor lacked: each makes its flow be asked once more. */
  const lacked = new Set<string>();
  let isAskedForTypes = false;

  async function lookUp(flowIds: string[]): Promise<void> {
    for (let i = 0; i < flowIds.length; i += LOOKUPS_AT_ONCE) {
      const answers = await Promise.all(flowIds.slice(i, i + LOOKUPS_AT_ONCE).map(async (flowId): Promise<LookedUp | undefined> => {
        try {
          const { name, flow } = await api().getFlow(flowId);
          return { flowId, name, components: componentsOf(flow) };
        } catch (error) {
          // Only a 404 says the flow is gone; after an outage the ids are shown, without claiming more.
          return isApiError(error) && error.status === 404 ? { flowId, name: null } : undefined;
        }
      }));
      const found = answers.filter((answer) => answer !== undefined);
      const described = found.flatMap(({ flowId, components }) => (components ? [[flowId, components] as const] : []));
      set((state) => ({
        flowNames: { ...state.flowNames, ...Object.fromEntries(found.map(({ flowId, name }) => [flowId, name])) },
        flowComponents: { ...state.flowComponents, ...Object.fromEntries(described) },
      }));
      if (described.some(([, components]) => Object.values(components).some((component) => component.label === undefined))) void learnTypeLabels();
    }
  }

  /** The labels of the component types, asked for once, and only when a component has no label of its own. */
  async function learnTypeLabels(): Promise<void> {
    if (isAskedForTypes) return;
    isAskedForTypes = true;
    try {
      const { items } = await api().listComponents();
      set({ typeLabels: Object.fromEntries(items.map((manifest) => [manifest.name, manifest.label])) });
    } catch {
      // The last segment of a type's name stands in for its label.
    }
  }

  return {
    flows: [],
    flowsStatus: 'idle',
    flowNames: {},
    flowComponents: {},
    typeLabels: {},

    async loadFlows() {
      const seq = ++listSeq;
      set({ flowsStatus: 'loading' });
      try {
        const list = await api().listFlows({ ...whose(), limit: FLOW_LIST_LIMIT, sort: 'name', order: 'asc' });
        if (seq !== listSeq) return;
        isListComplete = list.items.length >= list.total;
        set((state) => ({ flows: list.items, flowsStatus: 'ready', flowNames: { ...state.flowNames, ...Object.fromEntries(list.items.map((flow) => [flow.flowId, flow.name])) } }));
      } catch {
        // Without the list the filter still works for the flow the host passed in, and ids stand in for names.
        if (seq !== listSeq) return;
        set({ flowsStatus: 'error' });
      }
      const pending = [...waiting];
      waiting.clear();
      await get().resolveFlows(pending.map((flowId) => ({ flowId })));
    },

    async resolveFlows(shown, { mayBeNew = false } = {}) {
      const { flowNames, flowComponents, flowsStatus } = get();
      const missing = new Set<string>();
      for (const { flowId, componentId } of shown) {
        if (!flowId || flowNames[flowId] === null) continue;
        const components = flowComponents[flowId];
        const key = `${flowId} ${componentId}`;
        // The flow was looked up before this component was added to it (or it was removed since): ask once more.
        const isLacking = componentId !== undefined && components !== undefined && !Object.hasOwn(components, componentId) && !lacked.has(key);
        if (isLacking) lacked.add(key);
        if (isLacking || !asked.has(flowId)) missing.add(flowId);
      }
      if (missing.size === 0) return;
      if (flowsStatus === 'idle' || flowsStatus === 'loading') {
        for (const flowId of missing) waiting.add(flowId);
        return;
      }
      // A complete list held every flow the user had: one it lacks was deleted, unless created since.
      if (flowsStatus === 'ready' && isListComplete && !mayBeNew) {
        const gone = [...missing].filter((flowId) => !(flowId in flowNames));
        if (gone.length > 0) set((state) => ({ flowNames: { ...state.flowNames, ...Object.fromEntries(gone.map((flowId) => [flowId, null])) } }));
        for (const flowId of gone) missing.delete(flowId);
      }
      for (const flowId of missing) asked.add(flowId);
      await lookUp([...missing]);
    },
  };
}
