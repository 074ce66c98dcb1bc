/** @module In-port section: the input fields of one in-port, once per incoming edge (`transform[inPort][source][outPort].lambda`). */
import type { InPort } from '@weft/connector-kit';
import { useShallow } from 'zustand/react/shallow';
import { inHandle, portOfHandle } from '../graph/types.ts';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { InspectorFields } from './inspector-fields.tsx';

const EMPTY: Record<string, unknown> = {};

export function InPortSection({ componentId, port }: { componentId: string; port: InPort }) {
  const t = useT();
  const handle = inHandle(port.name);
  const incoming = useDesignerStore(useShallow((s) => s.edges.filter((edge) => edge.target === componentId && edge.targetHandle === handle)));
  const labels = useDesignerStore(useShallow((s) => incoming.map((edge) => s.nodes.find((node) => node.id === edge.source)?.data.label ?? edge.source)));
  const transform = useDesignerStore((s) => s.nodes.find((node) => node.id === componentId)?.data.config.transform[port.name]);
  const keptSources = useDesignerStore(useShallow((s) => (incoming.length > 0 ? [] : Object.keys(transform ?? {}).map((source) => s.nodes.find((node) => node.id === source)?.data.label ?? source))));
  const componentType = useDesignerStore((s) => s.nodes.find((node) => node.id === componentId)?.data.type ?? '');
  const setLambdaField = useDesignerStore((s) => s.setLambdaField);
  const portLabel = port.label ?? port.name;
  if (!port.inspector) return null;
  if (incoming.length === 0) {
    // A component pasted without its upstream keeps its mapping until an input is connected.
    return keptSources.length > 0
      ? <p className="wd-hint" data-kept-mapping>{t('designer.inspector.keptMapping', { port: portLabel, source: keptSources.join(', ') })}</p>
      : <p className="wd-hint">{t('designer.inspector.noInputs', { port: portLabel })}</p>;
  }

  return (
    <>
      {incoming.map((edge, index) => {
        const outPort = portOfHandle(edge.sourceHandle)?.port ?? 'out';
        const target = { target: componentId, inPort: port.name, source: edge.source, outPort };
        return (
          <fieldset key={edge.id} className="wd-section">
            <legend>{t('designer.inspector.from', { port: portLabel, source: labels[index] ?? edge.source, outPort })}</legend>
            <InspectorFields
              componentId={componentId}
              componentType={componentType}
              inspector={port.inspector!}
              values={transform?.[edge.source]?.[outPort]?.lambda ?? EMPTY}
              problemPrefix={`flow.${componentId}.config.transform.${port.name}.${edge.source}.${outPort}.lambda`}
              allowVariables
              onChange={(field, value) => setLambdaField(target, field, value)}
            />
          </fieldset>
        );
      })}
    </>
  );
}
