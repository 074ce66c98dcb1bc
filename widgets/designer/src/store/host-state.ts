/** @module Host state: what a host page may read of one designer through `instance.state(key)`. */
import type { DesignerState } from './designer-state.ts';
import type { SaveStatus, SyncSlice } from './sync-slice.ts';
import { webhookUrls } from './webhook-urls.ts';

export interface DesignerHostState {
  flowId: string;
  loadStatus: SyncSlice['loadStatus'];
  saveStatus: SaveStatus;
  /** The canvas has edits the server does not have yet (autosave is waiting, saving or blocked). */
  isDirty: boolean;
  /** Ids of the selected components, in canvas order. */
  selectedIds: string[];
  /** Validation problems of the saved flow; a flow with problems will not start. */
  problemCount: number;
  /** Where each webhook component answers, by component id (`<engine>/flows/<flowId>/components/<componentId>`). */
  webhookUrls: Record<string, string>;
}

export type DesignerHostStateKey = keyof DesignerHostState;

const KEYS: readonly string[] = ['flowId', 'loadStatus', 'saveStatus', 'isDirty', 'selectedIds', 'problemCount', 'webhookUrls'] satisfies DesignerHostStateKey[];

export function isHostStateKey(key: string): key is DesignerHostStateKey {
  return KEYS.includes(key);
}

/** A copy: a host that changes what it read does not change the designer. */
export function readHostState(state: DesignerState): DesignerHostState {
  return {
    flowId: state.flowId,
    loadStatus: state.loadStatus,
    saveStatus: state.saveStatus,
    isDirty: state.revision > state.savedRevision,
    selectedIds: [...state.selectedIds],
    problemCount: state.problems.length,
    webhookUrls: webhookUrls(state),
  };
}
