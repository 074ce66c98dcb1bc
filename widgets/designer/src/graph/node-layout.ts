/**
 * @module Node layout: the size of a component node and where its handles sit, from its manifest alone.
 *
 * React Flow renders every node once to measure it before it can leave off-screen ones out
 * (`onlyRenderVisibleElements`), so opening 1,000 components mounted 1,000 full nodes, icons and badges
 * included, to keep ~100. A node that arrives with its size (`measured`) and handles is placed without
 * that first render; component-node.tsx draws with the same numbers and re-measures itself once shown.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { Manifest } from '@weft/connector-kit';
import { inHandle, outHandle, type ComponentNode } from './types.ts';

/** Above this many components the canvas renders only what is in view (canvas.tsx). */
export const LARGE_FLOW = 150;
export const NODE_WIDTH = 200;
/** The first port row's top, and the step between rows (the header and type line sit above). */
export const PORT_TOP = 44;
export const PORT_ROW = 22;
const PORT_HEIGHT = 20;
/** The handle's box: 10 px plus a 2 px border each side (theme.css `.wd-port .react-flow__handle`). */
const HANDLE = 14;
const BORDER = 1;

export function nodeHeight(manifest: Pick<Manifest, 'inPorts' | 'outPorts'> | undefined): number {
  return PORT_TOP + Math.max(manifest?.inPorts.length ?? 0, manifest?.outPorts.length ?? 0, 1) * PORT_ROW;
}

/** The node with its size and handles as component-node.tsx will draw them (in ports left, out ports right). */
export function withEstimatedLayout(node: ComponentNode, manifest: Pick<Manifest, 'inPorts' | 'outPorts'> | undefined): ComponentNode {
  const handleY = (index: number) => BORDER + PORT_TOP + index * PORT_ROW + PORT_HEIGHT / 2 - HANDLE / 2;
  const handles: NodeHandle[] = [
    ...(manifest?.inPorts ?? []).map((port, index) => ({ id: inHandle(port.name), type: 'target' as const, position: Position.Left, x: BORDER - HANDLE / 2, y: handleY(index), width: HANDLE, height: HANDLE })),
    ...(manifest?.outPorts ?? []).map((port, index) => ({ id: outHandle(port.name), type: 'source' as const, position: Position.Right, x: NODE_WIDTH - BORDER - HANDLE / 2, y: handleY(index), width: HANDLE, height: HANDLE })),
  ];
  return { ...node, measured: { width: NODE_WIDTH, height: nodeHeight(manifest) }, handles };
}
