/** @module Test run dialog: choose a trigger, enter sample JSON, run; results show on the nodes and in the inspector. */
import { useId, useState } from 'react';
import { Button, Dialog } from '@weft/ui-kit';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../hooks/use-designer-services.ts';
import { useTestRun } from '../hooks/use-test-run.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function TestRunDialog() {
  const t = useT();
  const dataId = useId();
  const openPanel = useDesignerStore((s) => s.openPanel);
  const triggers = useDesignerStore(useShallow((s) => s.nodes
    .filter((node) => { const m = s.manifests[node.data.type]; return m !== undefined && (m.trigger === true || m.inPorts.length === 0); })
    .map((node) => ({ id: node.id, label: node.data.label ?? node.data.type, ports: (s.manifests[node.data.type]?.outPorts ?? []).map((p) => p.name).join(',') }))));
  const runTest = useTestRun();
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
    const port = triggers.find((candidate) => candidate.id === trigger)?.ports.split(',')[0] || 'out';
    close();
    void runTest(trigger, port, data);
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
