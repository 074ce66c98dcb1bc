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
  /** Remember the graph as it is now, before an edit; clears redo. */
  checkpoint: () => void;
  undo: () => boolean;
  redo: () => boolean;
}

const LIMIT = 100;

export const createHistorySlice: DesignerSlice<HistorySlice> = (set, get) => ({
  past: [],
  future: [],

  checkpoint() {
    const { nodes, edges, past } = get();
    const last = past.at(-1);
    if (last?.nodes === nodes && last.edges === edges) return;
    set({ past: [...past.slice(-(LIMIT - 1)), { nodes, edges }], future: [] });
  },

  undo() {
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
});
