import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { descriptorToGraph } from '../graph/descriptor-graph.ts';
import { computeLayout } from './auto-layout.ts';

describe('when the flow is arranged automatically', () => {
  it('places each component to the right of the one feeding it', async () => {
    const { nodes, edges } = descriptorToGraph(FlowDescriptor.parse({
      c: { type: 'a.b.c.C', x: 0, y: 0, source: { in: { b: ['out'] } } },
      a: { type: 'a.b.c.A', x: 500, y: 500 },
      b: { type: 'a.b.c.B', x: 0, y: 900, source: { in: { a: ['out'] } } },
    }));
    const positions = await computeLayout(nodes, edges);
    expect(positions.a!.x).toBeLessThan(positions.b!.x);
    expect(positions.b!.x).toBeLessThan(positions.c!.x);
  });
});
