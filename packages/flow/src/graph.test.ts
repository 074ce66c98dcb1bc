import { describe, expect, it } from 'vitest';
import { FlowDescriptor, type FlowDescriptorInput } from './descriptor.ts';
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
