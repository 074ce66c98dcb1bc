import { describe, expect, it } from 'vitest';
import { FlowDescriptor, type FlowDescriptorInput } from './descriptor.ts';
import { ancestryOf } from './graph.ts';
import { ancestorsOf, childrenOf, findCycles, listEdges, parentsOf, topologicalOrder } from './index.ts';

const T = 'acme.test.step.Step';
function flow(input: FlowDescriptorInput): FlowDescriptor {
  return FlowDescriptor.parse(input);
}

// hook → a → b → d, hook → c → d
const diamond = flow({
  d: { type: T, source: { in: { b: ['out'], c: ['out', 'error'] } } },
  hook: { type: T },
  a: { type: T, source: { in: { hook: ['out'] } } },
  b: { type: T, source: { in: { a: ['out'] } } },
  c: { type: T, source: { in: { hook: ['out'] } } },
});

describe('when a flow has no loops', () => {
  it('lists every edge with its ports', () => {
    expect(listEdges(diamond)).toContainEqual({ source: 'c', outPort: 'error', target: 'd', inPort: 'in' });
    expect(listEdges(diamond)).toHaveLength(6);
  });

  it('knows parents, children and ancestors', () => {
    expect(parentsOf(diamond, 'd')).toEqual(['b', 'c']);
    expect(childrenOf(diamond, 'hook')).toEqual(['a', 'c']);
    expect(ancestorsOf(diamond, 'd').sort()).toEqual(['a', 'b', 'c', 'hook']);
    expect(ancestorsOf(diamond, 'hook')).toEqual([]);
  });

  it('orders components after their parents and finds no cycles', () => {
    const { order, cyclic } = topologicalOrder(diamond);
    expect(cyclic).toEqual([]);
    expect(order).toEqual(['hook', 'a', 'b', 'c', 'd']);
    for (const id of order) for (const parent of parentsOf(diamond, id)) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(id));
    expect(findCycles(diamond)).toEqual([]);
  });

  it('ignores sources that are not in the flow', () => {
    const broken = flow({ a: { type: T, source: { in: { ghost: ['out'] } } } });
    expect(parentsOf(broken, 'a')).toEqual([]);
    expect(topologicalOrder(broken)).toEqual({ order: ['a'], cyclic: [] });
  });
});

describe('when a flow loops', () => {
  const looping = flow({
    start: { type: T },
    each: { type: T, source: { in: { start: ['out'], body: ['out'] } } },
    body: { type: T, source: { in: { each: ['item'] } } },
    self: { type: T, source: { in: { self: ['out'] } } },
    after: { type: T, source: { in: { each: ['done'] } } },
  });

  it('finds each loop, including a component that feeds itself', () => {
    expect(findCycles(looping)).toEqual([['each', 'body'], ['self']]);
  });

  it('counts a component on a loop among its own ancestors', () => {
    expect(ancestorsOf(looping, 'body').sort()).toEqual(['body', 'each', 'start']);
  });

  it('orders what it can and names the components it cannot', () => {
    expect(topologicalOrder(looping)).toEqual({ order: ['start'], cyclic: ['each', 'body', 'self', 'after'] });
  });
});

/** A seeded flow of `n` components with random edges (loops, self-loops and missing sources included). */
function randomFlow(n: number, seed: number): FlowDescriptor {
  let state = seed;
  const random = (below: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state >>> 12) % below;
  };
  const input: FlowDescriptorInput = {};
  for (let i = 0; i < n; i++) {
    const sources: Record<string, string[]> = {};
    const edges = random(4);
    for (let e = 0; e < edges; e++) {
      // Mostly earlier components (a DAG-like flow), sometimes later ones (loops) or none at all.
      const pick = random(10);
      const from = pick < 7 ? random(Math.max(i, 1)) : pick < 9 ? random(n) : -1;
      (sources[from < 0 ? 'ghost' : `c${from}`] ??= []).push(random(2) === 0 ? 'out' : 'error');
    }
    input[`c${i}`] = { type: T, source: edges > 0 ? { in: sources } : {} };
  }
  return flow(input);
}

/** The pass-by-pass order, written the obvious way: what topologicalOrder must match. */
function passOrder(graph: FlowDescriptor): { order: string[]; cyclic: string[] } {
  const ids = Object.keys(graph);
  const waiting = new Map(ids.map((id) => [id, new Set(parentsOf(graph, id))]));
  const order: string[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const id of ids) {
      if (waiting.get(id)?.size !== 0) continue;
      waiting.delete(id);
      order.push(id);
      for (const rest of waiting.values()) rest.delete(id);
      progressed = true;
    }
  }
  return { order, cyclic: ids.filter((id) => waiting.has(id)) };
}

describe('when a flow is large', () => {
  it('answers ancestry questions exactly as ancestorsOf does', () => {
    for (const seed of [1, 2, 3]) {
      const graph = randomFlow(120, seed);
      const ids = Object.keys(graph);
      const isAncestor = ancestryOf(graph, [...ids, 'ghost']);
      for (const id of ids) {
        const ancestors = new Set(ancestorsOf(graph, id));
        for (const other of [...ids, 'ghost']) expect(isAncestor(other, id), `${other} → ${id}`).toBe(ancestors.has(other));
      }
    }
  });

  it('orders components as a pass over the descriptor at a time would', () => {
    for (const seed of [4, 5, 6]) {
      const graph = randomFlow(150, seed);
      expect(topologicalOrder(graph)).toEqual(passOrder(graph));
    }
    // Written back to front: one component per pass.
    const reversed: FlowDescriptorInput = {};
    for (let i = 30; i >= 0; i--) reversed[`r${i}`] = { type: T, source: i > 0 ? { in: { [`r${i - 1}`]: ['out'] } } : {} };
    expect(topologicalOrder(flow(reversed))).toEqual(passOrder(flow(reversed)));
  });

  it('handles a chain of 5,000 components without overflowing the stack', () => {
    const chain: FlowDescriptorInput = { c0: { type: T } };
    for (let i = 1; i < 5000; i++) chain[`c${i}`] = { type: T, source: { in: { [`c${i - 1}`]: ['out'] } } };
    const graph = flow(chain);
    expect(findCycles(graph)).toEqual([]);
    expect(topologicalOrder(graph).order).toHaveLength(5000);
    const isAncestor = ancestryOf(graph, ['c0', 'c4998']);
    expect([isAncestor('c0', 'c4999'), isAncestor('c4998', 'c4999'), isAncestor('c4998', 'c0')]).toEqual([true, true, false]);
  });
});
