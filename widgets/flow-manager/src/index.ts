/**
 * @module @weft/flow-manager: the user's flows: search, filter, sort, page; create, rename, clone, delete, start, stop.
 *
 *   const fm = mountFlowManager(el, { api, on: { 'flow:open': ({ flowId }) => openDesigner(flowId) } });
 *   fm.state('stage', 'running');
 */
// Widget
export { FlowManager } from './flow-manager.tsx';
export type { FlowManagerProps } from './flow-manager.tsx';
export { mountFlowManager } from './mount-flow-manager.tsx';
export type { FlowManagerOptions, MountedFlowManager } from './mount-flow-manager.tsx';
// Store (for stories and tests)
export { createFlowManagerStore } from './store/flow-manager-store.ts';
export type { FlowManagerState, FlowListState, StageFilter, SortKey, SortOrder } from './store/flow-manager-store.ts';
// Strings
export { flowManagerStrings } from './strings.ts';
