/** @module Auto-layout: positions for every component from elkjs (layered, left → right); a plan, not an effect. */
import type { XYPosition } from '@xyflow/react';
import type { ComponentNode, FlowEdge } from '../graph/types.ts';

const DEFAULT_WIDTH = 200;
const DEFAULT_HEIGHT = 80;

/** elkjs is large, so it loads on the first layout rather than with the designer. */
export async function computeLayout(nodes: readonly ComponentNode[], edges: readonly FlowEdge[]): Promise<Record<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(nodes.map((node) => node.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((node) => ({ id: node.id, width: node.measured?.width ?? DEFAULT_WIDTH, height: node.measured?.height ?? DEFAULT_HEIGHT })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions: Record<string, XYPosition> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
