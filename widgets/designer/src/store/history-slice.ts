/** @module History slice: undo and redo over snapshots of the graph (arrays are immutable, so snapshots are cheap). */
import type { ComponentNode, FlowEdge } from '../graph/types.ts';
import type { DesignerSlice } from './designer-state.ts';

interface Snapshot {
  nodes: ComponentNode[];
  edges: FlowEdge[];
}

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /**
   * Remember the graph as it is now, before an edit; clears redo. Edits with the same `coalesce`
   * key within a second share one entry, so typing a name is one undo step, not one per key.
   */
  checkpoint: (coalesce?: string) => void;
  undo: () => boolean;
  redo: () => boolean;
}

const LIMIT = 100;
const COALESCE_MS = 1000;

export const createHistorySlice: DesignerSlice<HistorySlice> = (set, get) => {
  let lastKey: string | undefined;
  let lastAt = 0;
  return {
  past: [],
  future: [],

  checkpoint(coalesce) {
    const now = Date.now();
    const isSameEdit = coalesce !== undefined && coalesce === lastKey && now - lastAt < COALESCE_MS;
    lastKey = coalesce;
    lastAt = now;
    if (isSameEdit) return;
    const { nodes, edges, past } = get();
    const last = past.at(-1);
    if (last?.nodes === nodes && last.edges === edges) return;
    set({ past: [...past.slice(-(LIMIT - 1)), { nodes, edges }], future: [] });
  },

  undo() {
    lastKey = undefined;
    const { past, future, nodes, edges } = get();
    const previous = past.at(-1);
    if (previous === undefined) return false;
    set((state) => ({
      past: past.slice(0, -1),
      future: [{ nodes, edges }, ...future],
      nodes: previous.nodes,
      edges: previous.edges,
      selectedIds: previous.nodes.filter((node) => node.selected === true).map((node) => node.id),
      revision: state.revision + 1,
    }));
    return true;
  },

  redo() {
    lastKey = undefined;
    const { past, future, nodes, edges } = get();
    const next = future[0];
    if (next === undefined) return false;
    set((state) => ({
      past: [...past, { nodes, edges }],
      future: future.slice(1),
      nodes: next.nodes,
      edges: next.edges,
      selectedIds: next.nodes.filter((node) => node.selected === true).map((node) => node.id),
      revision: state.revision + 1,
    }));
    return true;
  },
  };
};
