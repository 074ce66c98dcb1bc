/** @module RunsList: the run history: each run's status, flow, start, duration, steps and failure; open its logs, open it on the canvas, cancel it. */
import type { Run, RunStatus } from '@weft/api-client';
import { Badge, Button, EmptyState, ErrorState, Select, Spinner, useEmitter, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentText } from '../store/component-names.ts';
import { formatDuration, formatTimestamp } from './format.ts';

const STATUSES: readonly RunStatus[] = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const TONE: Record<RunStatus, 'success' | 'danger' | 'warning' | 'muted'> = {
  succeeded: 'success', failed: 'danger', running: 'warning', waiting: 'muted', cancelled: 'muted',
};

function StatusFilter() {
  const t = useStrings();
  const runStatus = useInsightsStore((s) => s.runStatus);
  const setRunStatus = useInsightsStore((s) => s.setRunStatus);
  const options: { value: '' | RunStatus; label: string }[] = [
    { value: '', label: t('insights.runs.status.all') },
    ...STATUSES.map((status) => ({ value: status, label: t(`insights.runs.status.${status}`) })),
  ];
  return <Select label={t('insights.runs.status')} value={runStatus} options={options} onChange={setRunStatus} />;
}

function RunRow({ run }: { run: Run }) {
  const t = useStrings();
  const emitter = useEmitter();
  const flowName = useInsightsStore((s) => s.flowNames[run.flowId] ?? run.flowId);
  const failedAt = useInsightsStore((s) => (run.failure ? componentText(s, run.flowId, run.failure.componentId) : ''));
  const isCancelling = useInsightsStore((s) => s.cancelling === run.correlationId);
  const setView = useInsightsStore((s) => s.setView);
  const openCorrelation = useInsightsStore((s) => s.openCorrelation);
  const cancelRun = useInsightsStore((s) => s.cancelRun);
  const showLogs = () => {
    setView('logs');
    void openCorrelation(run.correlationId);
  };
  const canCancel = run.status === 'running' || run.status === 'waiting' || run.status === 'failed';
  return (
    <tr data-status={run.status}>
      <td><Badge tone={TONE[run.status]}>{t(`insights.runs.status.${run.status}`)}</Badge></td>
      <td>{flowName}</td>
      <td><time className="weft-mono" dateTime={new Date(run.startedAt).toISOString()}>{formatTimestamp(run.startedAt)}</time></td>
      <td className="weft-mono">{run.durationMs === undefined ? '—' : formatDuration(run.durationMs)}</td>
      <td className="weft-mono">{run.steps}</td>
      <td className="weft-il__run-failure">
        {run.failure ? <span title={run.failure.error.message}><strong>{failedAt}</strong>: {run.failure.error.message}</span> : run.errors > 0 ? t('insights.runs.retried', { count: run.errors }) : null}
      </td>
      <td>
        <div className="weft-il__bar-line" role="group" aria-label={t('insights.runs.actionsOf', { id: run.correlationId })}>
          <Button size="small" onClick={showLogs}>{t('insights.runs.showLogs')}</Button>
          <Button size="small" onClick={() => emitter.emit('run:open', { flowId: run.flowId, correlationId: run.correlationId })}>{t('insights.runs.openOnCanvas')}</Button>
          {canCancel ? <Button size="small" variant="ghost" disabled={isCancelling} onClick={() => void cancelRun(run)}>{t('insights.runs.cancel')}</Button> : null}
        </div>
      </td>
    </tr>
  );
}

export function RunsList() {
  const t = useStrings();
  const { status, items, error, nextCursor, isLoadingMore } = useInsightsStore((s) => s.runs);
  const notice = useInsightsStore((s) => s.runsNotice);
  const load = useInsightsStore((s) => s.loadRuns);
  const loadMore = useInsightsStore((s) => s.loadMoreRuns);
  return (
    <section className="weft-il__runs" aria-label={t('insights.tab.runs')}>
      <div className="weft-il__bar-line">
        <StatusFilter />
        <Button size="small" onClick={() => void load()}>{t('insights.runs.refresh')}</Button>
      </div>
      <p className="weft-il__summary" role="status" aria-live="polite" data-tone={notice?.tone}>
        {notice ? t(notice.key, notice.params) : status === 'ready' ? t('insights.runs.count', { count: items.length }) : null}
      </p>
      {status === 'loading' || status === 'idle' ? <Spinner /> : null}
      {status === 'error' ? <ErrorState title={t('insights.runs.loadFailed')} error={error} onRetry={() => void load()} /> : null}
      {status === 'ready' && items.length === 0 ? <EmptyState title={t('insights.runs.empty')}>{t('insights.runs.emptyHint')}</EmptyState> : null}
      {status === 'ready' && items.length > 0 ? (
        <table className="weft-il__run-table">
          <thead>
            <tr>
              {(['status', 'flow', 'started', 'duration', 'steps', 'failure'] as const).map((column) => <th key={column} scope="col">{t(`insights.runs.column.${column}`)}</th>)}
              <th scope="col"><span className="weft-visually-hidden">{t('insights.runs.column.actions')}</span></th>
            </tr>
          </thead>
          <tbody>{items.map((run) => <RunRow key={run.correlationId} run={run} />)}</tbody>
        </table>
      ) : null}
      {status === 'ready' && nextCursor ? <Button size="small" disabled={isLoadingMore} onClick={() => void loadMore()}>{t('insights.runs.more')}</Button> : null}
    </section>
  );
}
