/** @module Clipboard slice: copy the selection as a descriptor fragment, paste it back with fresh ids. */
import type { XYPosition } from '@xyflow/react';
import type { FlowDescriptor, Transform } from '@weft/flow';
import { descriptorToGraph, graphToDescriptor } from '../graph/descriptor-graph.ts';
import { pruneTransforms } from '../graph/transform-edits.ts';
import type { ComponentNode, FlowEdge } from '../graph/types.ts';
import { uniqueLabels } from '../graph/unique-labels.ts';
import { newComponentId } from './graph-slice.ts';
import type { DesignerSlice } from './designer-state.ts';

export interface ClipboardSlice {
  clipboard: FlowDescriptor | undefined;
  /** Copy the selected components and the edges between them; returns the fragment (also kept in the store). */
  copySelection: () => FlowDescriptor | undefined;
  /** Copy, then remove; pasting that fragment next, with its components still gone, puts them back as they were. */
  cutSelection: () => FlowDescriptor | undefined;
  /**
   * Paste a fragment (default: the store's clipboard); returns the new ids, which become the selection.
   * Copies get fresh ids, an offset and free names ("Set 2"); a cut fragment comes back in place instead.
   */
  paste: (fragment?: FlowDescriptor, at?: XYPosition) => string[];
}

const PASTE_OFFSET = 40;

/** What a cut took away, so the paste that follows can restore it whole: ids, edges, the mappings of both sides. */
interface CutRecord {
  nodes: ComponentNode[];
  edges: FlowEdge[];
  /** Transforms of the components the cut ones fed, before the cut pruned them. */
  downstream: Map<string, Transform>;
}

export const createClipboardSlice: DesignerSlice<ClipboardSlice> = (set, get) => {
  // Pasting the same fragment again lands one step further, like most editors, whether it came
  // from the store or back from the system clipboard.
  let lastPasted = '';
  let repeats = 0;
  let lastCut: CutRecord | undefined;
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
    // A mapping from a component outside the selection is kept (a person copies a Set for its mapping):
    // the paste has no edge for it (edges leaving the selection are not copied), validation names the
    // missing source, and the first edge connected to that input takes the mapping over.
    set({ clipboard: fragment });
    return fragment;
  },

  cutSelection() {
    const fragment = get().copySelection();
    if (!fragment) return undefined;
    const ids = new Set(Object.keys(fragment));
    const { nodes, edges } = get();
    const fed = new Set(edges.filter((edge) => ids.has(edge.source) && !ids.has(edge.target)).map((edge) => edge.target));
    lastCut = {
      nodes: nodes.filter((node) => ids.has(node.id)),
      edges: edges.filter((edge) => ids.has(edge.source) || ids.has(edge.target)),
      downstream: new Map(nodes.filter((node) => fed.has(node.id)).map((node) => [node.id, node.data.config.transform])),
    };
    get().removeSelection();
    return fragment;
  },

  paste(fragment = get().clipboard, at) {
    if (fragment === undefined || Object.keys(fragment).length === 0) return [];
    const key = JSON.stringify(fragment);
    const cut = lastCut;
    if (cut !== undefined && at === undefined && isSameIds(cut, fragment) && !get().nodes.some((node) => fragment[node.id] !== undefined)) {
      lastCut = undefined;
      lastPasted = key;
      repeats = 0;
      return restoreCut(cut);
    }
    repeats = key === lastPasted ? repeats + 1 : 1;
    lastPasted = key;
    const renamed = renameComponents(fragment);
    const components = Object.values(renamed);
    const titleOf = (component: (typeof components)[number]) => component.label ?? get().manifests[component.type]?.label ?? component.type;
    const taken = get().nodes.map((node) => node.data.label ?? get().manifests[node.data.type]?.label ?? node.data.type);
    const labels = uniqueLabels(taken, components.map(titleOf));
    components.forEach((component, index) => {
      const label = labels[index];
      if (label !== undefined && label !== titleOf(component)) component.label = label;
    });
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

  /** Put cut components back with their ids and positions, their edges to components still here, and the mappings on both sides. */
  function restoreCut(cut: CutRecord): string[] {
    get().checkpoint();
    const ids = cut.nodes.map((node) => node.id);
    set((state) => {
      const present = new Set([...state.nodes.map((node) => node.id), ...ids]);
      const known = new Set(state.edges.map((edge) => edge.id));
      const edges = [...state.edges, ...cut.edges.filter((edge) => present.has(edge.source) && present.has(edge.target) && !known.has(edge.id)).map((edge) => ({ ...edge, selected: false }))];
      const cutIds = new Set(ids);
      const kept = state.nodes.map((node) => {
        const before = cut.downstream.get(node.id);
        const base = node.selected === true ? { ...node, selected: false } : node;
        if (before === undefined) return base;
        const transform: Transform = { ...node.data.config.transform };
        for (const [inPort, senders] of Object.entries(before)) {
          for (const [source, mapping] of Object.entries(senders)) {
            if (cutIds.has(source)) transform[inPort] = { ...transform[inPort], [source]: mapping };
          }
        }
        return { ...base, data: { ...node.data, config: { ...node.data.config, transform } } };
      });
      return {
        nodes: pruneTransforms([...kept, ...cut.nodes.map((node) => ({ ...node, selected: true }))], edges, new Set([...cutIds, ...cut.downstream.keys()])),
        edges,
        selectedIds: ids,
        revision: state.revision + 1,
      };
    });
    return ids;
  }
};

/** By ids, not by text: the fragment may come back through the system clipboard, re-parsed. */
function isSameIds(cut: CutRecord, fragment: FlowDescriptor): boolean {
  const ids = Object.keys(fragment);
  return ids.length === cut.nodes.length && cut.nodes.every((node) => fragment[node.id] !== undefined);
}

/** Fresh ids for every component, rewritten in sources, transforms and `$.<id>.` variables alike. */
function renameComponents(fragment: FlowDescriptor): FlowDescriptor {
  const ids = new Map(Object.keys(fragment).map((id) => [id, newComponentId()]));
  let json = JSON.stringify(fragment);
  for (const [from, to] of ids) {
    json = json.split(`"${from}"`).join(`"${to}"`).split(`$.${from}.`).join(`$.${to}.`);
  }
  return JSON.parse(json) as FlowDescriptor;
}
