/** @module Test run dialog: choose a trigger, start from its pinned data, its schema or its last real call, run; results show on the nodes and in the inspector. */
import { useId, useMemo, useState } from 'react';
import { Button, Dialog } from '@weft/ui-kit';
import type { JsonSchema } from '@weft/connector-kit';
import { errorMessage } from '../api/designer-api.ts';
import { sampleFromSchema } from '../graph/sample-data.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { fetchLastOutput } from '../sync/last-call.ts';

interface TriggerChoice {
  id: string;
  label: string;
  port: string;
  schema: JsonSchema | undefined;
  pinned: unknown;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** What the dialog starts with: the pinned data when there is some, else an example shaped like the trigger's output. */
export function initialSample(trigger: TriggerChoice | undefined): string {
  if (trigger === undefined) return '{\n  \n}';
  return pretty(trigger.pinned !== undefined ? trigger.pinned : sampleFromSchema(trigger.schema));
}

export function TestRunDialog() {
  const { t, testRunner, api } = useDesignerServices();
  const dataId = useId();
  const flowId = useDesignerStore((s) => s.flowId);
  const openPanel = useDesignerStore((s) => s.openPanel);
  const nodes = useDesignerStore((s) => s.nodes);
  const manifests = useDesignerStore((s) => s.manifests);
  const triggers = useMemo(() => nodes.flatMap((node): TriggerChoice[] => {
    const manifest = manifests[node.data.type];
    if (manifest === undefined || (manifest.trigger !== true && manifest.inPorts.length > 0)) return [];
    const port = manifest.outPorts[0];
    const name = port?.name ?? 'out';
    return [{ id: node.id, label: node.data.label ?? node.data.type, port: name, schema: port?.schema, pinned: node.data.pinned?.[name] }];
  }), [nodes, manifests]);
  const [trigger, setTrigger] = useState(triggers[0]?.id ?? '');
  const chosen = triggers.find((candidate) => candidate.id === trigger);
  const [text, setText] = useState(() => initialSample(triggers[0]));
  const [error, setError] = useState('');
  const close = () => openPanel(undefined);

  const fill = (value: unknown) => {
    setText(pretty(value));
    setError('');
  };
  const choose = (id: string) => {
    setTrigger(id);
    setText(initialSample(triggers.find((candidate) => candidate.id === id)));
    setError('');
  };
  const loadLastCall = async () => {
    if (chosen === undefined) return;
    try {
      const last = await fetchLastOutput(api, flowId, chosen.id, chosen.port);
      if (last.found) fill(last.data);
      else setError(t('designer.pin.noLastCall'));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const submit = () => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      setError(t('designer.testRun.invalidJson'));
      return;
    }
    close();
    void testRunner.run(trigger, chosen?.port ?? 'out', data);
  };

  return (
    <Dialog title={t('designer.testRun.title')} onClose={close} actions={<Button variant="primary" onClick={submit} disabled={!trigger}>{t('designer.testRun.run')}</Button>}>
      {triggers.length === 0 ? <p>{t('designer.testRun.noTrigger')}</p> : (
        <div className="wd-form">
          <label className="wd-field">
            <span>{t('designer.testRun.trigger')}</span>
            <select className="wd-input" value={trigger} onChange={(event) => choose(event.target.value)}>
              {triggers.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.label}</option>)}
            </select>
          </label>
          <label className="wd-field" htmlFor={dataId}>
            <span>{t('designer.testRun.data')}</span>
          </label>
          <textarea id={dataId} className="wd-input wd-code" rows={10} value={text} spellCheck={false} onChange={(event) => setText(event.target.value)} aria-invalid={error !== ''} />
          <div className="wd-pinned__actions">
            {chosen?.pinned !== undefined && <Button size="small" onClick={() => fill(chosen.pinned)}>{t('designer.testRun.usePinned')}</Button>}
            <Button size="small" onClick={() => fill(sampleFromSchema(chosen?.schema))}>{t('designer.pin.fromSchema')}</Button>
            <Button size="small" onClick={() => void loadLastCall()}>{t('designer.pin.lastCall')}</Button>
          </div>
          {error && <p className="wd-error" role="alert">{error}</p>}
        </div>
      )}
    </Dialog>
  );
}
