// The reference page of the designer bench: bare React Flow drawing the same flow, fetched from the same engine
// with one GET, with the canvas options the designer uses (visible elements only, the same fit, background,
// minimap, controls) and a plain node, so the ratio designer / bare is what the designer adds.
// /playground/bare.html?flowId=…&token=…&n=1000
import { useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Background, Controls, Handle, MiniMap, Position, ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange, type NodeProps } from '@xyflow/react';
import flowStyles from '@xyflow/react/dist/style.css?inline';
import { reportFirstRender } from './render-probe.ts';

type Component = { label?: string; x?: number; y?: number; source?: Record<string, Record<string, string[]>> };
type PlainNode = Node<{ label: string }, 'plain'>;

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const host = document.getElementById('designer')!;
const shadow = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = `${flowStyles}\n.plain { width: 200px; border: 1px solid #999; border-radius: 6px; background: #fff; font: 12px system-ui; }
.wd-node__header { padding: 10px 12px; }\n.root { height: 100vh; }`;
const container = document.createElement('div');
container.className = 'root';
shadow.append(style, container);

function PlainComponent({ data }: NodeProps<PlainNode>) {
  return (
    <div className="plain">
      <Handle type="target" position={Position.Left} />
      <div className="wd-node__header">{data.label}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
const nodeTypes = { plain: PlainComponent };
const FIT = { padding: 0.15, maxZoom: 1, minZoom: 0.5 };

function Bare({ initialNodes, edges }: { initialNodes: PlainNode[]; edges: Edge[] }) {
  const [nodes, setNodes] = useState(initialNodes);
  const onNodesChange = useCallback((changes: NodeChange<PlainNode>[]) => setNodes((current) => applyNodeChanges(changes, current)), []);
  return (
    <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodesChange={onNodesChange} onlyRenderVisibleElements fitView fitViewOptions={FIT} minZoom={0.05}>
      <Background gap={24} />
      <MiniMap pannable zoomable />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

performance.mark('weft:mount');
const started = performance.now();
void fetch(`${location.origin}/flows/${encodeURIComponent(params.get('flowId') ?? '')}`, { headers: { authorization: `Bearer ${token}` } })
  .then((response) => response.json() as Promise<{ flow: Record<string, Component> }>)
  .then(({ flow }) => {
    const nodes: PlainNode[] = Object.entries(flow).map(([id, component]) => ({ id, type: 'plain', position: { x: component.x ?? 0, y: component.y ?? 0 }, data: { label: component.label ?? id } }));
    const edges: Edge[] = Object.entries(flow).flatMap(([target, component]) =>
      Object.entries(component.source ?? {}).flatMap(([targetHandle, sources]) =>
        Object.entries(sources).flatMap(([source, ports]) => ports.map((port) => ({ id: `${source}:${port}->${target}:${targetHandle}`, source, target })))));
    createRoot(container).render(<Bare initialNodes={nodes} edges={edges} />);
    reportFirstRender(host, started, nodes.length);
  });
