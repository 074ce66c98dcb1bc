/** @module Transform edits: pure updates of `config.transform` when edges come and go or a field changes. */
import type { Transform } from '@weft/flow';
import { portOfHandle, type ComponentNode, type FlowEdge } from './types.ts';

export function withKey(record: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * A new edge gets a mapping so the inspector has somewhere to write: the in-port's orphan mapping when it
 * has one (a component pasted without its upstream kept it), else an empty one. `edges` are those before
 * the new edge; a mapping is an orphan when no edge of them feeds it.
 */
export function withTransform(node: ComponentNode, source: string, outPort: string, inPort: string, edges: readonly FlowEdge[] = []): ComponentNode {
  const transform = node.data.config.transform;
  if (transform[inPort]?.[source]?.[outPort] !== undefined) return node;
  const orphan = findOrphan(node, inPort, edges);
  const rest: Transform = { ...transform };
  if (orphan !== undefined) rest[inPort] = withoutMapping(rest[inPort] ?? {}, orphan.source, orphan.outPort);
  const next: Transform = {
    ...rest,
    [inPort]: { ...rest[inPort], [source]: { ...rest[inPort]?.[source], [outPort]: orphan?.mapping ?? { type: 'json2new', lambda: {} } } },
  };
  return { ...node, data: { ...node.data, config: { ...node.data.config, transform: next } } };
}

type Mapping = Transform[string][string][string];

function findOrphan(node: ComponentNode, inPort: string, edges: readonly FlowEdge[]): { source: string; outPort: string; mapping: Mapping } | undefined {
  const live = liveKeys(edges.filter((edge) => edge.target === node.id));
  for (const [source, outPorts] of Object.entries(node.data.config.transform[inPort] ?? {})) {
    for (const [outPort, mapping] of Object.entries(outPorts)) {
      if (!live.has(`${node.id}|${inPort}|${source}|${outPort}`)) return { source, outPort, mapping };
    }
  }
  return undefined;
}

function withoutMapping(senders: Transform[string], source: string, outPort: string): Transform[string] {
  const outPorts = { ...senders[source] };
  delete outPorts[outPort];
  const next = { ...senders };
  if (Object.keys(outPorts).length === 0) delete next[source];
  else next[source] = outPorts;
  return next;
}

function liveKeys(edges: readonly FlowEdge[]): Set<string> {
  const live = new Set<string>();
  for (const edge of edges) {
    const out = portOfHandle(edge.sourceHandle);
    const into = portOfHandle(edge.targetHandle);
    if (out && into) live.add(`${edge.target}|${into.port}|${edge.source}|${out.port}`);
  }
  return live;
}

/**
 * Drop the mappings of edges that were removed, so the saved descriptor keeps no mapping of a connection
 * that is gone. A mapping that had no edge to begin with (kept by a paste) stays, for validation to name.
 */
export function dropRemovedMappings(nodes: ComponentNode[], removed: readonly FlowEdge[]): ComponentNode[] {
  if (removed.length === 0) return nodes;
  const gone = liveKeys(removed);
  const targets = new Set(removed.map((edge) => edge.target));
  return nodes.map((node) => (targets.has(node.id) ? keepMappings(node, (key) => !gone.has(key)) : node));
}

/** Drop the mappings of edges that no longer exist, so the saved descriptor has no dangling transforms. */
export function pruneTransforms(nodes: ComponentNode[], edges: readonly FlowEdge[], only?: ReadonlySet<string>): ComponentNode[] {
  const live = liveKeys(edges);
  return nodes.map((node) => (only === undefined || only.has(node.id) ? keepMappings(node, (key) => live.has(key)) : node));
}

function keepMappings(node: ComponentNode, isKept: (key: string) => boolean): ComponentNode {
  const transform = node.data.config.transform;
  let changed = false;
  const next: Transform = {};
  for (const [inPort, senders] of Object.entries(transform)) {
    for (const [source, outPorts] of Object.entries(senders)) {
      for (const [outPort, mapping] of Object.entries(outPorts)) {
        if (!isKept(`${node.id}|${inPort}|${source}|${outPort}`)) {
          changed = true;
          continue;
        }
        ((next[inPort] ??= {})[source] ??= {})[outPort] = mapping;
      }
    }
  }
  return changed ? { ...node, data: { ...node.data, config: { ...node.data.config, transform: next } } } : node;
}
