/**
 * @module Past runs panel: this flow's recent runs from the run history; opening one shows each
 * component's input and output on the canvas and in the inspector, as a test run does. The banner
 * says which past run the canvas shows and closes it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Run } from '@weft/api-client';
import { Badge, Button } from '@weft/ui-kit';
import { errorMessage } from '../api/designer-api.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { openPastRun } from '../sync/past-run.ts';

const TONE: Record<Run['status'], 'success' | 'danger' | 'warning' | 'muted'> = {
  succeeded: 'success', failed: 'danger', running: 'warning', waiting: 'muted', cancelled: 'muted',
};

export function PastRunsPanel() {
  const { api, t } = useDesignerServices();
  const store = useDesignerStoreApi();
  const flowId = useDesignerStore((s) => s.flowId);
  const shownId = useDesignerStore((s) => (s.run.past ? s.run.correlationId : undefined));
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState('');
  const [isLoaded, setLoaded] = useState(false);
  const openError = useDesignerStore((s) => (s.run.status === 'error' ? s.run.error : undefined));

  const load = useCallback(async () => {
    if (!api.listRuns) {
      setError(t('designer.runs.unsupported'));
      return;
    }
    try {
      const page = await api.listRuns({ flowId, limit: 20 });
      setRuns(page.runs);
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoaded(true);
    }
  }, [api, flowId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (run: Run) => {
    if (await openPastRun(store, api, run.correlationId)) store.getState().announce(t('designer.runs.shown', { count: store.getState().run.records.length }));
  };

  return (
    <section className="wd-logs wd-runs" aria-label={t('designer.runs.title')}>
      <header className="wd-logs__header">
        <h3>{t('designer.runs.title')}</h3>
        <Button size="small" onClick={() => void load()}>{t('designer.logs.refresh')}</Button>
      </header>
      {(error || openError) && <p className="wd-error" role="alert">{error || openError}</p>}
      {isLoaded && runs.length === 0 && !error && <p className="wd-hint">{t('designer.runs.empty')}</p>}
      <ol className="wd-logs__list">
        {runs.map((run) => (
          <li key={run.correlationId} data-status={run.status} aria-current={run.correlationId === shownId || undefined}>
            <time dateTime={new Date(run.startedAt).toISOString()}>{new Date(run.startedAt).toLocaleString()}</time>
            <Badge tone={TONE[run.status]}>{t(`designer.runs.status.${run.status}`)}</Badge>
            <span>{t('designer.runs.steps', { count: run.steps })}</span>
            <code>{run.failure ? `${run.failure.componentId}: ${run.failure.error.message}` : ''}</code>
            <Button size="small" onClick={() => void open(run)} aria-label={t('designer.runs.showOf', { time: new Date(run.startedAt).toLocaleString() })}>
              {t('designer.runs.show')}
            </Button>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PastRunBanner() {
  const { t } = useDesignerServices();
  const past = useDesignerStore((s) => s.run.past);
  // As the canvas names it; a component removed since keeps its id.
  const failedAt = useDesignerStore((s) => {
    const id = s.run.past?.failure?.componentId;
    return id === undefined ? undefined : (s.nodes.find((node) => node.id === id)?.data.label?.trim() || id);
  });
  const setRun = useDesignerStore((s) => s.setRun);
  if (!past) return null;
  return (
    <div className="wd-banner wd-past-run" role="status" data-status={past.status}>
      <span>
        {t('designer.runs.banner', { time: new Date(past.startedAt).toLocaleString() })} <Badge tone={TONE[past.status]}>{t(`designer.runs.status.${past.status}`)}</Badge>
        {past.failure ? ` ${failedAt ?? past.failure.componentId}: ${past.failure.error.message}` : ''}
      </span>
      <Button size="small" onClick={() => setRun({ status: 'idle', records: [] })}>{t('designer.runs.close')}</Button>
    </div>
  );
}
