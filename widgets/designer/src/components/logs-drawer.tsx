/** @module Logs drawer: this flow's most recent log records. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LogRecord } from '@weft/api-client';
import { Button } from '@weft/ui-kit';
import { errorMessage } from '../api/designer-api.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function LogsDrawer() {
  const { api, t } = useDesignerServices();
  const flowId = useDesignerStore((s) => s.flowId);
  const nodes = useDesignerStore((s) => s.nodes);
  const manifests = useDesignerStore((s) => s.manifests);
  // As the canvas names them; a blank label would leave an empty line. A component removed since keeps its id.
  const labels = useMemo(() => new Map(nodes.map((node) => [node.id, node.data.label?.trim() || (manifests[node.data.type]?.label ?? node.data.type)])), [nodes, manifests]);
  const [records, setRecords] = useState<LogRecord[]>([]);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    try {
      const page = await api.queryLogs({ flowId, order: 'desc', limit: 50 });
      setRecords(page.records);
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [api, flowId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="wd-logs" aria-label={t('designer.logs.title')}>
      <header className="wd-logs__header">
        <h3>{t('designer.logs.title')}</h3>
        <Button size="small" onClick={() => void load()}>{t('designer.logs.refresh')}</Button>
      </header>
      {error && <p className="wd-error" role="alert">{error}</p>}
      {records.length === 0 && !error && <p className="wd-hint">{t('designer.logs.empty')}</p>}
      <ol className="wd-logs__list">
        {records.map((record) => (
          <li key={record.id} data-severity={record.severity}>
            <time dateTime={new Date(record.time).toISOString()}>{new Date(record.time).toLocaleTimeString()}</time>
            <span title={record.componentId}>{labels.get(record.componentId) ?? record.componentId}</span>
            <span>{record.direction} {record.port}</span>
            <code>{record.error?.message ?? JSON.stringify(record.payload)?.slice(0, 160)}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
