/** @module Ancestor variables: every `$.<id>.<port>.<path>` a component may read, from its ancestors' out-port schemas. */
import type { JsonSchema, Manifest } from '@weft/connector-kit';
import { appEventOutSchema, type AppEventSchemas } from './app-event-schema.ts';
import { schemaOfValue } from './sample-data.ts';
import type { ComponentNode, FlowEdge } from './types.ts';

export interface VariableOption {
  componentId: string;
  componentLabel: string;
  /** The source component's manifest icon, for the picker and the chips. */
  componentIcon: string | undefined;
  port: string;
  /** Dotted path inside the port's message; '' for the whole message. */
  path: string;
  /** `$.<componentId>.<port>` plus `.path` when there is one. */
  expression: string;
  label: string;
  type: string;
  depth: number;
  /** The path's shape comes from data pinned to the component rather than from its manifest. */
  isPinned?: boolean;
}

/** Every component upstream of `componentId`, nearest first (breadth-first over incoming edges). */
export function listAncestors(componentId: string, edges: readonly FlowEdge[]): string[] {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge.source);
    incoming.set(edge.target, list);
  }
  const seen = new Set<string>([componentId]);
  const order: string[] = [];
  let frontier = [componentId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const parent of incoming.get(id) ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        order.push(parent);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return order;
}

const MAX_DEPTH = 6;

/** The variables a component can use: the outputs of ALL its ancestors, with nested object paths. */
export function listAncestorVariables(
  componentId: string,
  nodes: ReadonlyMap<string, ComponentNode>,
  edges: readonly FlowEdge[],
  manifests: Readonly<Record<string, Manifest>>,
  /** Registered app events by name: an AppEvent trigger's `data` offers its event's fields. */
  appEvents?: AppEventSchemas,
): VariableOption[] {
  const options: VariableOption[] = [];
  for (const ancestorId of listAncestors(componentId, edges)) {
    const node = nodes.get(ancestorId);
    if (node === undefined) continue;
    const manifest = manifests[node.data.type];
    const componentLabel = node.data.label ?? manifest?.label ?? node.data.type;
    for (const port of manifest?.outPorts ?? []) {
      // Pinned data is what this component really sends: its paths beat the manifest's general schema.
      const pinned = node.data.pinned?.[port.name];
      const isPinned = pinned !== undefined;
      const schema = isPinned ? schemaOfValue(pinned) : appEventOutSchema(node.data, port.schema, appEvents);
      const base = { componentId: ancestorId, componentLabel, componentIcon: manifest?.icon, port: port.name, ...(isPinned ? { isPinned } : {}) };
      const expression = `$.${ancestorId}.${port.name}`;
      options.push({ ...base, path: '', expression, label: port.label ?? port.name, type: schema?.type ?? 'object', depth: 0 });
      if (schema) collectPaths(schema, [], (path, child, depth) => {
        options.push({ ...base, path: path.join('.'), expression: `${expression}.${path.join('.')}`, label: child.title ?? path.at(-1) ?? '', type: child.type ?? 'any', depth });
      });
    }
  }
  return options;
}

function collectPaths(schema: JsonSchema, prefix: string[], visit: (path: string[], schema: JsonSchema, depth: number) => void): void {
  if (prefix.length >= MAX_DEPTH) return;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, key];
    visit(path, child, path.length);
    if (child.type === 'object' || child.properties) collectPaths(child, path, visit);
  }
}
