/** @module Graph slice: the canvas nodes and edges, and every edit a person makes to them. */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import type { FlowDescriptor, Transform } from '@weft/flow';
import { checkConnection, type ConnectionRequest, type ConnectionVerdict } from '../graph/connection-rules.ts';
import { descriptorToGraph, makeEdge } from '../graph/descriptor-graph.ts';
import { LARGE_FLOW, withEstimatedLayout } from '../graph/node-layout.ts';
import { dropRemovedMappings, withKey, withTransform } from '../graph/transform-edits.ts';
import type { ComponentData, ComponentNode, FlowEdge } from '../graph/types.ts';
import { defaultProperties } from '../inspector/default-properties.ts';
import type { DesignerSlice } from './designer-state.ts';

export interface GraphSlice {
  nodes: ComponentNode[];
  edges: FlowEdge[];
  selectedIds: string[];
  /** Bumped on every change that the saved descriptor should reflect; autosave watches it. */
  revision: number;
  replaceDescriptor: (descriptor: FlowDescriptor) => void;
  onNodesChange: (changes: NodeChange<ComponentNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  addComponent: (type: string, position: XYPosition) => string | undefined;
  connect: (request: ConnectionRequest) => ConnectionVerdict;
  removeSelection: () => void;
  removeComponents: (ids: readonly string[]) => void;
  select: (ids: readonly string[]) => void;
  renameComponent: (id: string, label: string) => void;
  setProperty: (id: string, key: string, value: unknown) => void;
  setLambdaField: (edge: { target: string; inPort: string; source: string; outPort: string }, field: string, value: unknown) => void;
  moveComponents: (positions: Readonly<Record<string, XYPosition>>) => void;
  /** Pin sample output to a component's out port (undo-able, saved with the flow); `undefined` unpins it. */
  pinData: (id: string, port: string, data: unknown) => void;
}

export function indexNodes(nodes: readonly ComponentNode[]): Map<string, ComponentNode> {
  return new Map(nodes.map((node) => [node.id, node]));
}

export function newComponentId(): string {
  return globalThis.crypto.randomUUID();
}

export const createGraphSlice: DesignerSlice<GraphSlice> = (set, get) => {
  const updateData = (id: string, coalesce: string, update: (data: ComponentData) => ComponentData): void => {
    get().checkpoint(`${id}:${coalesce}`);
    set((state) => ({
      nodes: state.nodes.map((node) => (node.id === id ? { ...node, data: update(node.data) } : node)),
      revision: state.revision + 1,
    }));
  };

  return {
    nodes: [],
    edges: [],
    selectedIds: [],
    revision: 0,

    replaceDescriptor(descriptor) {
      const graph = descriptorToGraph(descriptor);
      // A large flow's nodes come sized, so the canvas mounts only those in view (node-layout.ts).
      const { manifests } = get();
      const nodes = graph.nodes.length > LARGE_FLOW ? graph.nodes.map((node) => withEstimatedLayout(node, manifests[node.data.type])) : graph.nodes;
      set({ nodes, edges: graph.edges, selectedIds: [], past: [], future: [] });
    },

    onNodesChange(changes) {
      const nodes = applyNodeChanges(changes, get().nodes);
      const moved = changes.some((change) => change.type === 'position' && change.position !== undefined);
      const selected = changes.some((change) => change.type === 'select');
      set((state) => ({
        nodes,
        ...(moved ? { revision: state.revision + 1 } : {}),
        ...(selected ? { selectedIds: nodes.filter((node) => node.selected === true).map((node) => node.id) } : {}),
      }));
    },

    onEdgesChange(changes) {
      set((state) => ({ edges: applyEdgeChanges(changes, state.edges) }));
    },

    addComponent(type, position) {
      const manifest = get().manifests[type];
      if (manifest === undefined) return undefined;
      const id = newComponentId();
      get().checkpoint();
      const node: ComponentNode = {
        id,
        type: 'component',
        position,
        selected: true,
        data: { type, label: manifest.label, config: { properties: defaultProperties(manifest), transform: {} } },
      };
      set((state) => ({
        nodes: [...state.nodes.map((n) => (n.selected === true ? { ...n, selected: false } : n)), node],
        selectedIds: [id],
        revision: state.revision + 1,
      }));
      return id;
    },

    connect(request) {
      const { nodes, edges, manifests } = get();
      const verdict = checkConnection(request, indexNodes(nodes), edges, manifests);
      if (!verdict.ok) return verdict;
      get().checkpoint();
      set((state) => ({
        edges: [...state.edges, makeEdge(request.source, verdict.outPort, request.target, verdict.inPort)],
        nodes: state.nodes.map((node) => (node.id === request.target ? withTransform(node, request.source, verdict.outPort, verdict.inPort, state.edges) : node)),
        revision: state.revision + 1,
      }));
      return verdict;
    },

    removeSelection() {
      const { selectedIds, edges } = get();
      const selectedEdges = edges.filter((edge) => edge.selected === true);
      if (selectedIds.length === 0 && selectedEdges.length === 0) return;
      get().checkpoint();
      const gone = new Set(selectedIds);
      set((state) => {
        const isRemoved = (edge: FlowEdge) => edge.selected === true || gone.has(edge.source) || gone.has(edge.target);
        const remainingEdges = state.edges.filter((edge) => !isRemoved(edge));
        return {
          nodes: dropRemovedMappings(state.nodes.filter((node) => !gone.has(node.id)), state.edges.filter(isRemoved)),
          edges: remainingEdges,
          selectedIds: [],
          revision: state.revision + 1,
        };
      });
    },

    removeComponents(ids) {
      get().select(ids);
      get().removeSelection();
    },

    select(ids) {
      const wanted = new Set(ids);
      set((state) => ({
        nodes: state.nodes.map((node) => ((node.selected === true) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) })),
        edges: state.edges.map((edge) => (edge.selected === true ? { ...edge, selected: false } : edge)),
        selectedIds: state.nodes.filter((node) => wanted.has(node.id)).map((node) => node.id),
      }));
    },

    renameComponent(id, label) {
      updateData(id, 'label', (data) => ({ ...data, label }));
    },

    setProperty(id, key, value) {
      updateData(id, `property:${key}`, (data) => ({ ...data, config: { ...data.config, properties: withKey(data.config.properties, key, value) } }));
    },

    setLambdaField({ target, inPort, source, outPort }, field, value) {
      updateData(target, `lambda:${inPort}:${source}:${outPort}:${field}`, (data) => {
        const transform: Transform = data.config.transform;
        const current = transform[inPort]?.[source]?.[outPort] ?? { type: 'json2new' as const, lambda: {} };
        const next = { ...current, lambda: withKey(current.lambda, field, value) };
        return {
          ...data,
          config: {
            ...data.config,
            transform: { ...transform, [inPort]: { ...transform[inPort], [source]: { ...transform[inPort]?.[source], [outPort]: next } } },
          },
        };
      });
    },

    pinData(id, port, value) {
      updateData(id, `pin:${port}`, (data) => {
        const pinned = withKey(data.pinned ?? {}, port, value);
        const next: ComponentData = { ...data, pinned };
        if (Object.keys(pinned).length === 0) delete next.pinned;
        return next;
      });
    },

    moveComponents(positions) {
      get().checkpoint();
      set((state) => ({
        nodes: state.nodes.map((node) => {
          const position = positions[node.id];
          return position === undefined ? node : { ...node, position };
        }),
        revision: state.revision + 1,
      }));
    },
  };
};
