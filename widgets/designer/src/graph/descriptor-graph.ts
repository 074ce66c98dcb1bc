/** @module Descriptor ⇄ graph: pure conversions between a flow descriptor and React Flow nodes and edges. */
import type { FlowComponent, FlowDescriptor, Source } from '@weft/flow';
import { edgeId, inHandle, outHandle, portOfHandle, type ComponentData, type ComponentNode, type FlowEdge, type Graph } from './types.ts';

const KNOWN_KEYS = new Set(['type', 'label', 'x', 'y', 'source', 'config', 'pinned']);

/** Build canvas nodes and edges from a descriptor; `source` becomes edges, the rest stays on the node. */
export function descriptorToGraph(descriptor: FlowDescriptor): Graph {
  const nodes: ComponentNode[] = [];
  const edges: FlowEdge[] = [];
  for (const [id, component] of Object.entries(descriptor)) {
    nodes.push(componentToNode(id, component));
    for (const [inPort, senders] of Object.entries(component.source)) {
      for (const [sourceId, outPorts] of Object.entries(senders)) {
        for (const outPort of outPorts) edges.push(makeEdge(sourceId, outPort, id, inPort));
      }
    }
  }
  return { nodes, edges };
}

export function componentToNode(id: string, component: FlowComponent): ComponentNode {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(component)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  const data: ComponentData = {
    type: component.type,
    config: { properties: component.config.properties, transform: component.config.transform },
  };
  if (component.label !== undefined) data.label = component.label;
  if (component.pinned !== undefined) data.pinned = component.pinned;
  if (Object.keys(extra).length > 0) data.extra = extra;
  return { id, type: 'component', position: { x: component.x, y: component.y }, data };
}

export function makeEdge(source: string, outPort: string, target: string, inPort: string): FlowEdge {
  return { id: edgeId(source, outPort, target, inPort), source, sourceHandle: outHandle(outPort), target, targetHandle: inHandle(inPort) };
}

/** Build a descriptor from canvas nodes and edges; edges that do not join two known ports are dropped. */
export function graphToDescriptor({ nodes, edges }: Graph): FlowDescriptor {
  const sources = new Map<string, Source>();
  for (const edge of edges) {
    const out = portOfHandle(edge.sourceHandle);
    const into = portOfHandle(edge.targetHandle);
    if (out?.kind !== 'out' || into?.kind !== 'in') continue;
    const source = sources.get(edge.target) ?? {};
    const senders = (source[into.port] ??= {});
    const outPorts = (senders[edge.source] ??= []);
    if (!outPorts.includes(out.port)) outPorts.push(out.port);
    sources.set(edge.target, source);
  }
  const descriptor: FlowDescriptor = {};
  for (const node of nodes) descriptor[node.id] = nodeToComponent(node, sources.get(node.id) ?? {});
  return descriptor;
}

function nodeToComponent(node: ComponentNode, source: Source): FlowComponent {
  const { data } = node;
  const component: FlowComponent = {
    ...data.extra,
    type: data.type,
    x: node.position.x,
    y: node.position.y,
    source,
    config: { properties: data.config.properties, transform: data.config.transform },
  };
  if (data.label !== undefined) component.label = data.label;
  if (data.pinned !== undefined) component.pinned = data.pinned;
  return component;
}
