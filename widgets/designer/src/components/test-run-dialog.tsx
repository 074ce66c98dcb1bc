/** @module Test run dialog: choose a trigger, enter sample JSON, run; results show on the nodes and in the inspector. */
import { useId, useMemo, useState } from 'react';
import { Button, Dialog } from '@weft/ui-kit';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function TestRunDialog() {
  const { t, testRunner } = useDesignerServices();
  const dataId = useId();
  const openPanel = useDesignerStore((s) => s.openPanel);
  const nodes = useDesignerStore((s) => s.nodes);
  const manifests = useDesignerStore((s) => s.manifests);
  const triggers = useMemo(() => nodes.flatMap((node) => {
    const manifest = manifests[node.data.type];
    if (manifest === undefined || (manifest.trigger !== true && manifest.inPorts.length > 0)) return [];
    return [{ id: node.id, label: node.data.label ?? node.data.type, port: manifest.outPorts[0]?.name ?? 'out' }];
  }), [nodes, manifests]);
  const [trigger, setTrigger] = useState(triggers[0]?.id ?? '');
  const [text, setText] = useState('{\n  \n}');
  const [error, setError] = useState('');
  const close = () => openPanel(undefined);

  const submit = () => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      setError(t('designer.testRun.invalidJson'));
      return;
    }
    const port = triggers.find((candidate) => candidate.id === trigger)?.port ?? 'out';
    close();
    void testRunner.run(trigger, port, data);
  };

  return (
    <Dialog title={t('designer.testRun.title')} onClose={close} actions={<Button variant="primary" onClick={submit} disabled={!trigger}>{t('designer.testRun.run')}</Button>}>
      {triggers.length === 0 ? <p>{t('designer.testRun.noTrigger')}</p> : (
        <div className="wd-form">
          <label className="wd-field">
            <span>{t('designer.testRun.trigger')}</span>
            <select className="wd-input" value={trigger} onChange={(event) => setTrigger(event.target.value)}>
              {triggers.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.label}</option>)}
            </select>
          </label>
          <label className="wd-field" htmlFor={dataId}>
            <span>{t('designer.testRun.data')}</span>
          </label>
          <textarea id={dataId} className="wd-input wd-code" rows={8} value={text} onChange={(event) => setText(event.target.value)} aria-invalid={error !== ''} />
          {error && <p className="wd-error" role="alert">{error}</p>}
        </div>
      )}
    </Dialog>
  );
}
