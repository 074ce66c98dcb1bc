/**
 * @module Flows slice: the user's flows for the flow filter, and the name of every flow the logs show.
 * Names come from the one list the filter loads; GET /flows stops at 200 and cannot filter by id, so
 * a flow a partial list lacks is asked for once with GET /flows/:id. A flow that is gone keeps its id.
 */
import { isApiError, type ApiClient, type FlowSummary } from '@weft/api-client';
import type { LoadStatus } from './insights-store.ts';

/** The most GET /flows answers in one page. */
export const FLOW_LIST_LIMIT = 200;
/** Lookups of missing names in flight at once, so a page of many unknown flows does not flood the engine. */
const LOOKUPS_AT_ONCE = 6;

export interface FlowsSlice {
  /** The user's first 200 flows, by name, for the flow filter. */
  flows: FlowSummary[];
  flowsStatus: LoadStatus;
  /** Names by flow id; `null` when the engine has no such flow for this user (deleted). */
  flowNames: Record<string, string | null>;
  loadFlows: () => Promise<void>;
  /**
   * Learn the names of these flows, each once: from the list, or with GET /flows/:id when the list is
   * partial or the flows may be newer than it (`mayBeNew`: records of the live tail).
   */
  resolveFlowNames: (flowIds: Iterable<string>, options?: { mayBeNew?: boolean }) => Promise<void>;
}

type SetFlows = (patch: Partial<FlowsSlice> | ((state: FlowsSlice) => Partial<FlowsSlice>)) => void;

export function createFlowsSlice(api: () => ApiClient, set: SetFlows, get: () => FlowsSlice): FlowsSlice {
  let listSeq = 0;
  let isListComplete = false;
  /** Ids seen before the list arrived: resolved once it has. */
  const waiting = new Set<string>();
  /** Ids looked up (or being looked up) one by one: never asked twice, even when the answer was an outage. */
  const asked = new Set<string>();

  const learn = (names: Record<string, string | null>) => set((state) => ({ flowNames: { ...state.flowNames, ...names } }));

  async function lookUp(flowIds: string[]): Promise<void> {
    for (let i = 0; i < flowIds.length; i += LOOKUPS_AT_ONCE) {
      const answers = await Promise.all(flowIds.slice(i, i + LOOKUPS_AT_ONCE).map(async (flowId) => {
        try {
          return [flowId, (await api().getFlow(flowId)).name] as const;
        } catch (error) {
          // Only a 404 says the flow is gone; after an outage the id is shown, without claiming more.
          return isApiError(error) && error.status === 404 ? [flowId, null] as const : undefined;
        }
      }));
      learn(Object.fromEntries(answers.filter((answer) => answer !== undefined)));
    }
  }

  return {
    flows: [],
    flowsStatus: 'idle',
    flowNames: {},

    async loadFlows() {
      const seq = ++listSeq;
      set({ flowsStatus: 'loading' });
      try {
        const list = await api().listFlows({ limit: FLOW_LIST_LIMIT, sort: 'name', order: 'asc' });
        if (seq !== listSeq) return;
        isListComplete = list.items.length >= list.total;
        set({ flows: list.items, flowsStatus: 'ready' });
        learn(Object.fromEntries(list.items.map((flow) => [flow.flowId, flow.name])));
      } catch {
        // Without the list the filter still works for the flow the host passed in, and ids stand in for names.
        if (seq !== listSeq) return;
        set({ flowsStatus: 'error' });
      }
      const pending = [...waiting];
      waiting.clear();
      await get().resolveFlowNames(pending);
    },

    async resolveFlowNames(flowIds, { mayBeNew = false } = {}) {
      const { flowNames, flowsStatus } = get();
      const missing = new Set<string>();
      for (const flowId of flowIds) if (flowId && !(flowId in flowNames) && !asked.has(flowId)) missing.add(flowId);
      if (missing.size === 0) return;
      if (flowsStatus === 'idle' || flowsStatus === 'loading') {
        for (const flowId of missing) waiting.add(flowId);
        return;
      }
      // A complete list held every flow the user had: one it lacks was deleted, unless created since.
      if (flowsStatus === 'ready' && isListComplete && !mayBeNew) {
        learn(Object.fromEntries([...missing].map((flowId) => [flowId, null])));
        return;
      }
      for (const flowId of missing) asked.add(flowId);
      await lookUp([...missing]);
    },
  };
}
