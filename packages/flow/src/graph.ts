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
  const component = Object.hasOwn(flow, id) ? flow[id] : undefined;
  if (component === undefined) return [];
  const parents = new Set<string>();
  for (const sources of Object.values(component.source)) {
    for (const [source, outPorts] of Object.entries(sources)) if (outPorts.length > 0 && Object.hasOwn(flow, source)) parents.add(source);
  }
  return [...parents];
}

/** Components that `id` sends to. */
export function childrenOf(flow: FlowDescriptor, id: string): string[] {
  return indexGraph(flow).children.get(id) ?? [];
}

/** Every component with a path to `id` (`id` itself only when it sits on a cycle), nearest first. */
export function ancestorsOf(flow: FlowDescriptor, id: string): string[] {
  const { parents } = indexGraph(flow);
  const seen = new Set<string>();
  // A cursor instead of `queue.shift()`, which moves the whole array on every step.
  const queue = [...(parents.get(id) ?? [])];
  for (let head = 0; head < queue.length; head++) {
    const next = queue[head];
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    for (const parent of parents.get(next) ?? []) if (!seen.has(parent)) queue.push(parent);
  }
  return [...seen];
}

/**
 * Components ordered so every component comes after its parents: in passes over the descriptor
 * order, each pass taking every component whose parents are all placed. When there are cycles,
 * `cyclic` lists the components that could not be ordered.
 */
export function topologicalOrder(flow: FlowDescriptor): { order: string[]; cyclic: string[] } {
  const { ids, parents, children, position } = indexGraph(flow);
  const pending = ids.map((id) => parents.get(id)?.length ?? 0);
  // One pass takes, in descriptor order, what is ready before the pass reaches it; what becomes
  // ready behind the pass waits for the next one. Two heaps give the same order as re-scanning
  // the descriptor once per pass, without the passes' N² on a chain written back to front.
  let current = new MinHeap();
  let next = new MinHeap();
  pending.forEach((count, index) => count === 0 && current.push(index));
  const order: string[] = [];
  while (current.size > 0) {
    const index = current.pop();
    const id = ids[index] ?? '';
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const at = position.get(child) ?? 0;
      const left = (pending[at] ?? 0) - 1;
      pending[at] = left;
      if (left === 0) (at > index ? current : next).push(at);
    }
    if (current.size === 0) [current, next] = [next, current];
  }
  const placed = new Set(order);
  return { order, cyclic: ids.filter((id) => !placed.has(id)) };
}

/**
 * The cycles of the flow as groups of components that can all reach each other (strongly connected
 * components with more than one member, or one that feeds itself), in descriptor order.
 */
export function findCycles(flow: FlowDescriptor): string[][] {
  const graph = indexGraph(flow);
  const { groups } = stronglyConnected(graph);
  const byPosition = (a: string, b: string): number => (graph.position.get(a) ?? 0) - (graph.position.get(b) ?? 0);
  return groups
    .filter((group) => isCyclic(graph, group))
    .map((group) => [...group].sort(byPosition))
    .sort((a, b) => byPosition(a[0] ?? '', b[0] ?? ''));
}

/**
 * Answers "does `ancestor` run before `id`?" (is it in `ancestorsOf(flow, id)`) for every `ancestor`
 * among `candidates`, after one pass over the graph: O(components × candidates / 32) time and bits,
 * where asking `ancestorsOf` for every component of a chain costs components².
 */
export function ancestryOf(flow: FlowDescriptor, candidates: Iterable<string>): (ancestor: string, id: string) => boolean {
  const graph = indexGraph(flow);
  const bit = new Map<string, number>();
  for (const candidate of candidates) if (graph.position.has(candidate) && !bit.has(candidate)) bit.set(candidate, bit.size);
  const words = Math.ceil(bit.size / 32);
  const { groups, groupOf } = stronglyConnected(graph);
  // One buffer, `words` per group: group g's ancestors are the bits at g × words.
  const reach = new Uint32Array(groups.length * words);
  const setBit = (g: number, index: number | undefined): void => {
    if (index !== undefined) reach[g * words + (index >>> 5)] = (reach[g * words + (index >>> 5)] ?? 0) | (1 << (index & 31));
  };
  // Tarjan's algorithm closes a group after every group it reaches, so going backwards visits
  // each group after all of its parents' groups.
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] ?? [];
    const cyclic = isCyclic(graph, group);
    for (const member of group) {
      if (cyclic) setBit(g, bit.get(member));
      for (const parent of graph.parents.get(member) ?? []) {
        const parentGroup = groupOf.get(parent) ?? g;
        if (parentGroup === g) continue;
        for (let w = 0; w < words; w++) reach[g * words + w] = (reach[g * words + w] ?? 0) | (reach[parentGroup * words + w] ?? 0);
        setBit(g, bit.get(parent));
      }
    }
  }
  return (ancestor, id) => {
    const index = bit.get(ancestor);
    const group = groupOf.get(id);
    if (index === undefined || group === undefined) return false;
    return (((reach[group * words + (index >>> 5)] ?? 0) >>> (index & 31)) & 1) === 1;
  };
}

interface GraphIndex {
  /** Component ids in descriptor order, and each one's place in it. */
  ids: string[];
  position: Map<string, number>;
  /** As `parentsOf` and `childrenOf` answer, for every component, from one pass over the edges. */
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
}

function indexGraph(flow: FlowDescriptor): GraphIndex {
  const ids = Object.keys(flow);
  const position = new Map(ids.map((id, index) => [id, index]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, Set<string>>();
  for (const id of ids) {
    const own = parentsOf(flow, id);
    parents.set(id, own);
    for (const parent of own) {
      let kids = children.get(parent);
      if (kids === undefined) children.set(parent, (kids = new Set()));
      kids.add(id);
    }
  }
  return { ids, position, parents, children: new Map([...children].map(([id, kids]) => [id, [...kids]])) };
}

function isCyclic(graph: GraphIndex, group: string[]): boolean {
  const [only] = group;
  return group.length > 1 || (only !== undefined && (graph.parents.get(only) ?? []).includes(only));
}

/**
 * Strongly connected components (Tarjan's algorithm, iterative so a long chain cannot overflow the
 * stack), in the order they close: a group closes after every group it can reach.
 */
function stronglyConnected(graph: GraphIndex): { groups: string[][]; groupOf: Map<string, number> } {
  const { children } = graph;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const groupOf = new Map<string, number>();
  let counter = 0;
  for (const root of graph.ids) {
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
        groupOf.set(member, groups.length);
      } while (member !== frame.id);
      groups.push(group);
    }
  }
  return { groups, groupOf };
}

/** A binary min-heap of numbers: the smallest descriptor position first. */
class MinHeap {
  readonly #items: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(value: number): void {
    const items = this.#items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if ((items[up] ?? 0) <= value) break;
      items[i] = items[up] ?? 0;
      i = up;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.#items;
    const top = items[0] ?? 0;
    const last = items.pop() ?? 0;
    if (items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] ?? 0) < (items[left] ?? 0) ? right : left;
      if ((items[child] ?? 0) >= last) break;
      items[i] = items[child] ?? 0;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
