/** @module Canvas: React Flow bound to the designer store, with drop from the palette and connection checks. */
import { useCallback, useRef, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type IsValidConnection } from '@xyflow/react';
import { useWidgetRoot } from '@weft/ui-kit';
import { checkConnection } from '../graph/connection-rules.ts';
import { LARGE_FLOW } from '../graph/node-layout.ts';
import type { ComponentNode as ComponentNodeType, FlowEdge } from '../graph/types.ts';
import { useT } from '../hooks/use-designer-services.ts';
import { indexNodes } from '../store/graph-slice.ts';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { ComponentNode } from './component-node.tsx';
import { PALETTE_MIME } from './palette-item.tsx';

const nodeTypes = { component: ComponentNode };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
// An empty flow is fitted when its first component lands, so fitting never zooms in past 1.
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1 };
/** Large flows open readable rather than as a speck (and render only what is in view): no zooming out below 0.5. */
const LARGE_FIT_OPTIONS = { ...FIT_OPTIONS, minZoom: 0.5 };
const PRO_OPTIONS = { hideAttribution: true };

export function Canvas() {
  const t = useT();
  const store = useDesignerStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const { theme } = useWidgetRoot();
  const nodes = useDesignerStore((s) => s.nodes);
  const edges = useDesignerStore((s) => s.edges);
  const onNodesChange = useDesignerStore((s) => s.onNodesChange);
  const onEdgesChange = useDesignerStore((s) => s.onEdgesChange);
  const checkpoint = useDesignerStore((s) => s.checkpoint);
  const onDragStart = useCallback(() => checkpoint(), [checkpoint]);
  // A click on the empty canvas takes focus from whatever field had it (the pane itself is not
  // focusable), so the shortcuts that follow reach the designer rather than the page.
  const sectionRef = useRef<HTMLElement>(null);
  const onPaneClick = useCallback(() => sectionRef.current?.focus({ preventScroll: true }), []);

  const onConnect = useCallback((connection: Connection) => {
    const state = store.getState();
    const verdict = state.connect(connection);
    if (verdict.ok) {
      const label = (id: string) => state.nodes.find((node) => node.id === id)?.data.label ?? id;
      state.announce(t('designer.announce.connected', { source: label(connection.source), target: label(connection.target) }));
    } else {
      state.announce(t('designer.announce.rejected', { reason: t(`designer.reason.${verdict.reason}`) }));
    }
  }, [store, t]);

  const isValidConnection = useCallback<IsValidConnection<FlowEdge>>((connection: Connection | Edge) => {
    const { nodes: all, edges: existing, manifests } = store.getState();
    return checkConnection(connection, indexNodes(all), existing, manifests).ok;
  }, [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (!type) return;
    event.preventDefault();
    const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const id = store.getState().addComponent(type, position);
    if (id) store.getState().announce(t('designer.announce.added', { label: store.getState().manifests[type]?.label ?? type }));
  }, [screenToFlowPosition, store, t]);

  return (
    <section ref={sectionRef} className="wd-canvas" aria-label={t('designer.canvas')} tabIndex={-1}>
      <ReactFlow<ComponentNodeType, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onDragStart}
        onSelectionDragStart={onDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneClick={onPaneClick}
        onlyRenderVisibleElements
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        fitView
        fitViewOptions={nodes.length > LARGE_FLOW ? LARGE_FIT_OPTIONS : FIT_OPTIONS}
        minZoom={0.05}
        colorMode={theme}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable ariaLabel={t('designer.canvas')} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
