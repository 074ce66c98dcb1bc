/** @module Clipboard slice: copy the selection as a descriptor fragment, paste it back with fresh ids. */
import type { XYPosition } from '@xyflow/react';
import type { FlowDescriptor } from '@weft/flow';
import { descriptorToGraph, graphToDescriptor } from '../graph/descriptor-graph.ts';
import { newComponentId } from './graph-slice.ts';
import type { DesignerSlice } from './designer-state.ts';

export interface ClipboardSlice {
  clipboard: FlowDescriptor | undefined;
  /** Copy the selected components and the edges between them; returns the fragment (also kept in the store). */
  copySelection: () => FlowDescriptor | undefined;
  cutSelection: () => FlowDescriptor | undefined;
  /** Paste a fragment (default: the store's clipboard); returns the new ids, which become the selection. */
  paste: (fragment?: FlowDescriptor, at?: XYPosition) => string[];
}

const PASTE_OFFSET = 40;

export const createClipboardSlice: DesignerSlice<ClipboardSlice> = (set, get) => {
  // Pasting the same fragment again lands one step further, like most editors, whether it came
  // from the store or back from the system clipboard.
  let lastPasted = '';
  let repeats = 0;
  return {
  clipboard: undefined,

  copySelection() {
    const { nodes, edges, selectedIds } = get();
    if (selectedIds.length === 0) return undefined;
    const chosen = new Set(selectedIds);
    // A deep copy: graphToDescriptor shares the nodes' config objects, and the pruning below must
    // never reach the originals (it once emptied the copied component's own input mapping).
    const fragment = structuredClone(graphToDescriptor({
      nodes: nodes.filter((node) => chosen.has(node.id)),
      edges: edges.filter((edge) => chosen.has(edge.source) && chosen.has(edge.target)),
    }));
    // A mapping from a component outside the selection would dangle after paste.
    for (const component of Object.values(fragment)) {
      for (const [inPort, senders] of Object.entries(component.config.transform)) {
        for (const source of Object.keys(senders)) if (!chosen.has(source)) delete senders[source];
        if (Object.keys(senders).length === 0) delete component.config.transform[inPort];
      }
    }
    set({ clipboard: fragment });
    return fragment;
  },

  cutSelection() {
    const fragment = get().copySelection();
    if (fragment) get().removeSelection();
    return fragment;
  },

  paste(fragment = get().clipboard, at) {
    if (fragment === undefined || Object.keys(fragment).length === 0) return [];
    const key = JSON.stringify(fragment);
    repeats = key === lastPasted ? repeats + 1 : 1;
    lastPasted = key;
    const renamed = renameComponents(fragment);
    const components = Object.values(renamed);
    const minX = Math.min(...components.map((c) => c.x));
    const minY = Math.min(...components.map((c) => c.y));
    const dx = at ? at.x - minX : PASTE_OFFSET * repeats;
    const dy = at ? at.y - minY : PASTE_OFFSET * repeats;
    for (const component of components) {
      component.x += dx;
      component.y += dy;
    }
    const { nodes, edges } = descriptorToGraph(renamed);
    const ids = nodes.map((node) => node.id);
    get().checkpoint();
    set((state) => ({
      nodes: [...state.nodes.map((node) => (node.selected === true ? { ...node, selected: false } : node)), ...nodes.map((node) => ({ ...node, selected: true }))],
      edges: [...state.edges, ...edges],
      selectedIds: ids,
      revision: state.revision + 1,
    }));
    return ids;
  },
  };
};

/** Fresh ids for every component, rewritten in sources, transforms and `$.<id>.` variables alike. */
function renameComponents(fragment: FlowDescriptor): FlowDescriptor {
  const ids = new Map(Object.keys(fragment).map((id) => [id, newComponentId()]));
  let json = JSON.stringify(fragment);
  for (const [from, to] of ids) {
    json = json.split(`"${from}"`).join(`"${to}"`).split(`$.${from}.`).join(`$.${to}.`);
  }
  return JSON.parse(json) as FlowDescriptor;
}
