/** @module Component node: one component on the canvas, with a labelled handle per port; memoised for large flows. */
import { memo, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { Pin } from 'lucide-react';
import { LARGE_FLOW, NODE_WIDTH, PORT_ROW, PORT_TOP } from '../graph/node-layout.ts';
import { inHandle, outHandle, type ComponentNode as ComponentNodeType } from '../graph/types.ts';
import { useT } from '../hooks/use-designer-services.ts';
import { ComponentIcon } from '../icons/component-icon.tsx';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { NodeBadges } from './node-badges.tsx';

const NO_PORTS: readonly { name: string; label?: string | undefined }[] = [];

function ComponentNodeView({ id, data, selected }: NodeProps<ComponentNodeType>) {
  const t = useT();
  const manifest = useDesignerStore((s) => s.manifests[data.type]);
  // A component without an icon of its own shows its connector's.
  const connectorIcon = useDesignerStore((s) => {
    const connector = s.connectorOf[data.type];
    return connector === undefined ? undefined : s.connectors[connector]?.icon;
  });
  const diffMark = useDesignerStore((s) => s.diffMarks[id]);
  const inPorts = manifest?.inPorts ?? NO_PORTS;
  const outPorts = manifest?.outPorts ?? NO_PORTS;
  const title = data.label ?? manifest?.label ?? data.type;
  const rows = Math.max(inPorts.length, outPorts.length, 1);
  const isTrigger = manifest?.trigger === true || inPorts.length === 0;
  // A large flow's nodes arrive with estimated handles (node-layout.ts): measure the real ones once
  // drawn. Only there: a small flow's nodes are measured by React Flow itself, and asking again while
  // it does left some of them unplaced (the designer stories caught it).
  const updateNodeInternals = useUpdateNodeInternals();
  const isEstimated = useDesignerStore((s) => s.nodes.length > LARGE_FLOW);
  useEffect(() => {
    if (isEstimated) updateNodeInternals(id);
  }, [id, isEstimated, updateNodeInternals]);

  return (
    <div className="wd-node" data-pinned={data.pinned !== undefined} data-selected={selected} data-trigger={isTrigger} data-unknown={manifest === undefined} data-diff={diffMark} style={{ width: NODE_WIDTH, minHeight: PORT_TOP + rows * PORT_ROW }}>
      <div className="wd-node__header">
        <span className="wd-node__icon"><ComponentIcon icon={manifest?.icon ?? connectorIcon} isTrigger={isTrigger} /></span>
        <span className="wd-node__title">{title}</span>
        {data.pinned !== undefined && (
          <span className="wd-badge wd-badge--pinned" role="img" aria-label={t('designer.pin.marker')} title={t('designer.pin.marker')}>
            <Pin size={12} aria-hidden="true" />
          </span>
        )}
        <NodeBadges id={id} />
      </div>
      <div className="wd-node__type">{manifest?.label ?? data.type}</div>
      {/* Handles are plain divs: a title names them (aria-label is not allowed on a generic role); the
          keyboard path to an edge is the connect dialog ("C"). */}
      {inPorts.map((port, index) => (
        <div key={`in-${port.name}`} className="wd-port wd-port--in" style={{ top: PORT_TOP + index * PORT_ROW }}>
          <Handle type="target" position={Position.Left} id={inHandle(port.name)} title={t('designer.node.in', { port: port.label ?? port.name })} />
          <span className="wd-port__label">{port.label ?? port.name}</span>
        </div>
      ))}
      {outPorts.map((port, index) => (
        <div key={`out-${port.name}`} className="wd-port wd-port--out" style={{ top: PORT_TOP + index * PORT_ROW }}>
          <span className="wd-port__label">{port.label ?? port.name}</span>
          <Handle type="source" position={Position.Right} id={outHandle(port.name)} title={t('designer.node.out', { port: port.label ?? port.name })} />
        </div>
      ))}
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
