/** @module Connect dialog: the keyboard path to an edge: from the selected component's output to a chosen input. */
import { useMemo, useState } from 'react';
import { Button, Dialog } from '@weft/ui-kit';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../hooks/use-designer-services.ts';
import { inHandle, outHandle } from '../graph/types.ts';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';

export function ConnectDialog() {
  const t = useT();
  const store = useDesignerStoreApi();
  const sourceId = useDesignerStore((s) => s.selectedIds[0]);
  const source = useDesignerStore((s) => s.nodes.find((node) => node.id === sourceId));
  const manifests = useDesignerStore((s) => s.manifests);
  const targets = useDesignerStore(useShallow((s) => s.nodes.filter((node) => node.id !== sourceId)));
  const outPorts = source ? manifests[source.data.type]?.outPorts ?? [] : [];
  const choices = useMemo(() => targets.flatMap((node) =>
    (manifests[node.data.type]?.inPorts ?? []).map((port) => ({
      value: `${node.id}\n${port.name}`,
      label: `${node.data.label ?? node.data.type} → ${port.label ?? port.name}`,
    }))), [targets, manifests]);
  const [outPort, setOutPort] = useState(outPorts[0]?.name ?? '');
  const [target, setTarget] = useState(choices[0]?.value ?? '');
  const [error, setError] = useState('');
  const close = () => store.getState().openPanel(undefined);

  if (!source || sourceId === undefined) return null;
  const title = t('designer.connect.title', { source: source.data.label ?? source.data.type });
  const submit = () => {
    const [targetId = '', inPort = ''] = target.split('\n');
    const verdict = store.getState().connect({ source: sourceId, sourceHandle: outHandle(outPort), target: targetId, targetHandle: inHandle(inPort) });
    if (!verdict.ok) {
      setError(t('designer.announce.rejected', { reason: t(`designer.reason.${verdict.reason}`) }));
      return;
    }
    const targetNode = store.getState().nodes.find((node) => node.id === targetId);
    store.getState().announce(t('designer.announce.connected', { source: source.data.label ?? sourceId, target: targetNode?.data.label ?? targetId }));
    close();
  };

  return (
    <Dialog title={title} onClose={close} actions={<Button variant="primary" onClick={submit} disabled={!target || !outPort}>{t('designer.connect.confirm')}</Button>}>
      <form className="wd-form" onSubmit={(event) => { event.preventDefault(); submit(); }}>
        <label className="wd-field">
          <span>{t('designer.connect.from')}</span>
          <select className="wd-input" value={outPort} onChange={(event) => setOutPort(event.target.value)}>
            {outPorts.map((port) => <option key={port.name} value={port.name}>{port.label ?? port.name}</option>)}
          </select>
        </label>
        <label className="wd-field">
          <span>{t('designer.connect.to')}</span>
          {choices.length === 0
            ? <em>{t('designer.connect.none')}</em>
            : (
              <select className="wd-input" size={Math.min(8, choices.length)} value={target} onChange={(event) => setTarget(event.target.value)}>
                {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
              </select>
            )}
        </label>
        {error && <p className="wd-error" role="alert">{error}</p>}
      </form>
    </Dialog>
  );
}
