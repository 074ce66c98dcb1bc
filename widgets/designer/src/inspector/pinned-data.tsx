/** @module Pinned data: pin sample output to a component (from its schema, the last real call, or typed), or unpin it. */
import { useId, useState } from 'react';
import { Pin } from 'lucide-react';
import { Button } from '@weft/ui-kit';
import type { OutPort } from '@weft/connector-kit';
import { errorMessage } from '../api/designer-api.ts';
import { sampleFromSchema } from '../graph/sample-data.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { fetchLastOutput } from '../sync/last-call.ts';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function PinnedData({ id, port, label }: { id: string; port: OutPort; label: string }) {
  const { t, api } = useDesignerServices();
  const dataId = useId();
  const flowId = useDesignerStore((s) => s.flowId);
  const pinned = useDesignerStore((s) => s.nodes.find((node) => node.id === id)?.data.pinned?.[port.name]);
  const pinData = useDesignerStore((s) => s.pinData);
  const announce = useDesignerStore((s) => s.announce);
  const [draft, setDraft] = useState(() => (pinned === undefined ? '' : pretty(pinned)));
  const [error, setError] = useState('');
  const isPinned = pinned !== undefined;

  const fill = (value: unknown) => {
    setDraft(pretty(value));
    setError('');
  };
  const loadLastCall = async () => {
    try {
      const last = await fetchLastOutput(api, flowId, id, port.name);
      if (last.found) fill(last.data);
      else setError(t('designer.pin.noLastCall'));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const pin = () => {
    try {
      pinData(id, port.name, JSON.parse(draft));
      setError('');
      announce(t('designer.pin.pinned', { label }));
    } catch {
      setError(t('designer.testRun.invalidJson'));
    }
  };
  const unpin = () => {
    pinData(id, port.name, undefined);
    announce(t('designer.pin.unpinned', { label }));
  };

  return (
    <details className="wd-section wd-pinned" open={isPinned || undefined}>
      <summary>
        <Pin size={14} aria-hidden="true" className="wd-icon" /> {t('designer.pin.title')}{isPinned ? ` (${port.label ?? port.name})` : ''}
      </summary>
      <p className="wd-hint">{t('designer.pin.hint')}</p>
      <label className="wd-field__label" htmlFor={dataId}>{t('designer.pin.data')}</label>
      <textarea id={dataId} className="wd-input wd-code" rows={8} value={draft} spellCheck={false} aria-invalid={error !== ''} onChange={(event) => setDraft(event.target.value)} />
      {error && <p className="wd-error" role="alert">{error}</p>}
      <div className="wd-pinned__actions">
        <Button size="small" onClick={() => fill(sampleFromSchema(port.schema))}>{t('designer.pin.fromSchema')}</Button>
        <Button size="small" onClick={() => void loadLastCall()}>{t('designer.pin.lastCall')}</Button>
        <Button size="small" variant="primary" onClick={pin} disabled={draft.trim() === ''}>{t('designer.pin.pin')}</Button>
        {isPinned && <Button size="small" variant="ghost" onClick={unpin}>{t('designer.pin.unpin')}</Button>}
      </div>
    </details>
  );
}
