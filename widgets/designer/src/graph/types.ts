/** @module Graph types: the React Flow node and edge shapes the designer keeps in its store. */
import type { Edge, Node } from '@xyflow/react';
import type { Transform } from '@weft/flow';

/** What a canvas node carries: everything of a descriptor component except its id, position and source. */
export interface ComponentData extends Record<string, unknown> {
  type: string;
  label?: string;
  config: { properties: Record<string, unknown>; transform: Transform };
  /** Sample output pinned by out port (`PinnedData`): test runs and the variable picker use it. */
  pinned?: Record<string, unknown>;
  /** Keys of the descriptor component the designer does not know (kept so a round trip loses nothing). */
  extra?: Record<string, unknown>;
}

export type ComponentNode = Node<ComponentData, 'component'>;
export type FlowEdge = Edge<Record<string, unknown>>;

export interface Graph {
  nodes: ComponentNode[];
  edges: FlowEdge[];
}

const OUT = 'out:';
const IN = 'in:';

/** Handle ids carry the port kind so an in-port and an out-port may share a name. */
export const outHandle = (port: string): string => `${OUT}${port}`;
export const inHandle = (port: string): string => `${IN}${port}`;

export function portOfHandle(handle: string | null | undefined): { kind: 'in' | 'out'; port: string } | undefined {
  if (handle == null) return undefined;
  if (handle.startsWith(OUT)) return { kind: 'out', port: handle.slice(OUT.length) };
  if (handle.startsWith(IN)) return { kind: 'in', port: handle.slice(IN.length) };
  return undefined;
}

export function edgeId(source: string, outPort: string, target: string, inPort: string): string {
  return `${source}.${outPort}->${target}.${inPort}`;
}
