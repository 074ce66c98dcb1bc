/** @module Node inspector: name, properties, per-edge input mappings and test data of one component. */
import { useId } from 'react';
import { Button } from '@weft/ui-kit';
import { useT } from '../hooks/use-designer-services.ts';
import { ComponentIcon } from '../icons/component-icon.tsx';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { ComponentProblems } from './component-problems.tsx';
import { InPortSection } from './in-port-section.tsx';
import { InspectorFields } from './inspector-fields.tsx';
import { PinnedData } from './pinned-data.tsx';
import { RunData } from './run-data.tsx';
import { WebhookUrl } from './webhook-url.tsx';

export function NodeInspector({ id }: { id: string }) {
  const t = useT();
  const nameId = useId();
  const node = useDesignerStore((s) => s.nodes.find((candidate) => candidate.id === id));
  const manifest = useDesignerStore((s) => (node ? s.manifests[node.data.type] : undefined));
  const tab = useDesignerStore((s) => s.inspectorTab);
  const setTab = useDesignerStore((s) => s.setInspectorTab);
  const renameComponent = useDesignerStore((s) => s.renameComponent);
  const setProperty = useDesignerStore((s) => s.setProperty);
  const removeComponents = useDesignerStore((s) => s.removeComponents);
  if (!node) return null;
  const properties = manifest?.properties?.inspector;

  return (
    <div className="wd-node-inspector">
      <div className="wd-inspector__header">
        <span className="wd-node__icon"><ComponentIcon icon={manifest?.icon} isTrigger={manifest?.trigger === true || manifest?.inPorts.length === 0} size={18} /></span>
        <strong>{manifest?.label ?? node.data.type}</strong>
      </div>
      <label className="wd-field" htmlFor={nameId}><span>{t('designer.inspector.label')}</span></label>
      <input id={nameId} className="wd-input" value={node.data.label ?? ''} placeholder={manifest?.label} onChange={(event) => renameComponent(id, event.target.value)} />
      <p className="wd-hint">{manifest ? manifest.description || manifest.name : t('designer.inspector.unknownType', { type: node.data.type })}</p>
      <ComponentProblems id={id} />
      {manifest?.webhook === true && <WebhookUrl id={id} label={node.data.label || manifest.label} />}
      <div role="tablist" className="wd-tabs">
        <button type="button" role="tab" aria-selected={tab === 'settings'} onClick={() => setTab('settings')}>{t('designer.inspector.settings')}</button>
        <button type="button" role="tab" aria-selected={tab === 'run-data'} onClick={() => setTab('run-data')}>{t('designer.inspector.runData')}</button>
      </div>
      {tab === 'run-data' ? <RunData id={id} /> : (
        <div role="tabpanel">
          {properties && (
            <fieldset className="wd-section">
              <legend>{t('designer.inspector.properties')}</legend>
              <InspectorFields
                componentId={id}
                componentType={node.data.type}
                inspector={properties}
                values={node.data.config.properties}
                problemPrefix={`flow.${id}.config.properties`}
                allowVariables={false}
                onChange={(field, value) => setProperty(id, field, value)}
              />
            </fieldset>
          )}
          {manifest?.inPorts.map((port) => <InPortSection key={port.name} componentId={id} port={port} />)}
          {manifest?.outPorts[0] && <PinnedData id={id} port={manifest.outPorts[0]} label={node.data.label || manifest.label} />}
        </div>
      )}
      <Button variant="danger" size="small" onClick={() => removeComponents([id])}>{t('designer.inspector.delete')}</Button>
    </div>
  );
}
