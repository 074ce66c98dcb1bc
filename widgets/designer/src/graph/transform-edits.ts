/** @module Transform edits: pure updates of `config.transform` when edges come and go or a field changes. */
import type { Transform } from '@weft/flow';
import { portOfHandle, type ComponentNode, type FlowEdge } from './types.ts';

export function withKey(record: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A new edge gets an empty mapping so the inspector has somewhere to write. */
export function withTransform(node: ComponentNode, source: string, outPort: string, inPort: string): ComponentNode {
  const transform = node.data.config.transform;
  if (transform[inPort]?.[source]?.[outPort] !== undefined) return node;
  const next: Transform = {
    ...transform,
    [inPort]: { ...transform[inPort], [source]: { ...transform[inPort]?.[source], [outPort]: { type: 'json2new', lambda: {} } } },
  };
  return { ...node, data: { ...node.data, config: { ...node.data.config, transform: next } } };
}

/** Drop the mappings of edges that no longer exist, so the saved descriptor has no dangling transforms. */
export function pruneTransforms(nodes: ComponentNode[], edges: readonly FlowEdge[]): ComponentNode[] {
  const live = new Set<string>();
  for (const edge of edges) {
    const out = portOfHandle(edge.sourceHandle);
    const into = portOfHandle(edge.targetHandle);
    if (out && into) live.add(`${edge.target}|${into.port}|${edge.source}|${out.port}`);
  }
  return nodes.map((node) => {
    const transform = node.data.config.transform;
    let changed = false;
    const next: Transform = {};
    for (const [inPort, senders] of Object.entries(transform)) {
      for (const [source, outPorts] of Object.entries(senders)) {
        for (const [outPort, mapping] of Object.entries(outPorts)) {
          if (!live.has(`${node.id}|${inPort}|${source}|${outPort}`)) {
            changed = true;
            continue;
          }
          ((next[inPort] ??= {})[source] ??= {})[outPort] = mapping;
        }
      }
    }
    return changed ? { ...node, data: { ...node.data, config: { ...node.data.config, transform: next } } } : node;
  });
}
