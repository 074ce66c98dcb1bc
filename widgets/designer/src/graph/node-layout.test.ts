import { describe, expect, it } from 'vitest';
import { generateLargeFlow } from '../testing/large-flow.ts';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { createDesignerStore } from '../store/create-designer-store.ts';
import { withEstimatedLayout } from './node-layout.ts';
import type { ComponentNode } from './types.ts';

const node: ComponentNode = { id: 'a', type: 'component', position: { x: 0, y: 0 }, data: { type: 't', config: { properties: {}, transform: {} } } };

describe('withEstimatedLayout', () => {
  it('sizes the node by its longest port column and puts in ports left, out ports right, one row each', () => {
    const placed = withEstimatedLayout(node, { inPorts: [{ name: 'in' }], outPorts: [{ name: 'true' }, { name: 'false' }] });
    expect(placed.measured).toEqual({ width: 200, height: 88 });
    expect(placed.handles?.map((h) => [h.id, h.type, h.position, h.x, h.y])).toEqual([
      ['in:in', 'target', 'left', -6, 48],
      ['out:true', 'source', 'right', 192, 48],
      ['out:false', 'source', 'right', 192, 70],
    ]);
  });

  it('gives a node of an unknown type one row and no handles', () => {
    expect(withEstimatedLayout(node, undefined)).toMatchObject({ measured: { width: 200, height: 66 }, handles: [] });
  });
});

describe('opening a flow', () => {
  const open = (n: number) => {
    const store = createDesignerStore();
    store.getState().setManifests(sampleManifests);
    store.getState().loadFlow({ flowId: 'f', name: 'F', stage: 'stopped', version: 1, createdAt: 0, updatedAt: 0, componentCount: n, flow: generateLargeFlow(n) });
    return store.getState().nodes;
  };

  it('sizes the nodes of a large flow, so the canvas need not draw them all to measure them', () => {
    const nodes = open(200);
    expect(nodes).toHaveLength(200);
    expect(nodes.every((n) => n.measured?.width === 200 && (n.handles?.length ?? 0) > 0)).toBe(true);
  });

  it('leaves a small flow to be measured when drawn', () => {
    expect(open(20).some((n) => n.measured !== undefined || n.handles !== undefined)).toBe(false);
  });
});
