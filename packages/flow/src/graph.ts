/** @module Graph: the edges of a flow and what follows from them — parents, children, ancestors, order, cycles. */
import type { FlowDescriptor } from './descriptor.ts';

/** One connection: `source`'s `outPort` feeds `target`'s `inPort`. */
export interface Edge {
  source: string;
  outPort: string;
  target: string;
  inPort: string;
}

/** Every edge named in the flow's `source` maps, including edges from components that do not exist. */
export function listEdges(flow: FlowDescriptor): Edge[] {
  const edges: Edge[] = [];
  for (const [target, component] of Object.entries(flow)) {
    for (const [inPort, sources] of Object.entries(component.source)) {
      for (const [source, outPorts] of Object.entries(sources)) {
        for (const outPort of outPorts) edges.push({ source, outPort, target, inPort });
      }
    }
  }
  return edges;
}

/** Components that send to `id`, in the order first named; sources missing from the flow are left out. */
export function parentsOf(flow: FlowDescriptor, id: string): string[] {
  const parents = new Set<string>();
  for (const edge of listEdges(flow)) if (edge.target === id && Object.hasOwn(flow, edge.source)) parents.add(edge.source);
  return [...parents];
}

/** Components that `id` sends to. */
export function childrenOf(flow: FlowDescriptor, id: string): string[] {
  const children = new Set<string>();
  for (const edge of listEdges(flow)) if (edge.source === id && Object.hasOwn(flow, edge.source)) children.add(edge.target);
  return [...children];
}

/** Every component with a path to `id` (`id` itself only when it sits on a cycle), nearest first. */
export function ancestorsOf(flow: FlowDescriptor, id: string): string[] {
  const parents = parentMap(flow);
  const seen = new Set<string>();
  const queue = [...(parents.get(id) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return [...seen];
}

/**
 * Components ordered so every component comes after its parents; otherwise descriptor order.
 * When there are cycles, `cyclic` lists the components that could not be ordered.
 */
export function topologicalOrder(flow: FlowDescriptor): { order: string[]; cyclic: string[] } {
  const ids = Object.keys(flow);
  const parents = parentMap(flow);
  const waiting = new Map(ids.map((id) => [id, new Set(parents.get(id) ?? [])]));
  const order: string[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const id of ids) {
      const pending = waiting.get(id);
      if (pending === undefined || pending.size > 0) continue;
      waiting.delete(id);
      order.push(id);
      for (const rest of waiting.values()) rest.delete(id);
      progressed = true;
    }
  }
  return { order, cyclic: ids.filter((id) => waiting.has(id)) };
}

/**
 * The cycles of the flow as groups of components that can all reach each other (strongly connected
 * components with more than one member, or one that feeds itself), in descriptor order.
 */
export function findCycles(flow: FlowDescriptor): string[][] {
  const children = new Map<string, string[]>();
  for (const id of Object.keys(flow)) children.set(id, childrenOf(flow, id));
  // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of Object.keys(flow)) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const kids = children.get(frame.id) ?? [];
      const child = kids[frame.next++];
      if (child !== undefined) {
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.id);
      const feedsItself = group.length === 1 && (children.get(frame.id) ?? []).includes(frame.id);
      if (group.length > 1 || feedsItself) groups.push(group);
    }
  }
  const position = new Map(Object.keys(flow).map((id, i) => [id, i]));
  const byPosition = (a: string, b: string): number => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  return groups.map((group) => group.sort(byPosition)).sort((a, b) => byPosition(a[0] ?? '', b[0] ?? ''));
}

function parentMap(flow: FlowDescriptor): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const id of Object.keys(flow)) parents.set(id, parentsOf(flow, id));
  return parents;
}
