/** @module useFlowManagerStore: the per-instance store of one flow manager, read with narrow selectors. */
import { createStoreContext } from '@weft/ui-kit';
import type { FlowManagerState } from '../store/flow-manager-store.ts';

const context = createStoreContext<FlowManagerState>('FlowManager');

export const FlowManagerStoreProvider = context.Provider;
export const useFlowManagerStore = context.useStore;
export const useFlowManagerStoreApi = context.useStoreApi;
