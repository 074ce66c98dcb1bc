/** @module LogsPanel: the histogram and the table of all loaded records, or the correlation view when one is open. */
import { Button, EmptyState, ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import type { LogRecord } from '@weft/api-client';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { Histogram } from './histogram.tsx';
import { LogTable } from './log-table.tsx';

function CorrelationView() {
  const t = useStrings();
  const correlation = useInsightsStore((s) => s.correlation);
  const selectedId = useInsightsStore((s) => s.selected?.id);
  const select = useInsightsStore((s) => s.select);
  const close = useInsightsStore((s) => s.closeCorrelation);
  const open = useInsightsStore((s) => s.openCorrelation);
  if (!correlation) return null;
  return (
    <section className="weft-il__correlation" aria-label={t('insights.correlation')}>
      <div className="weft-il__bar-line">
        <Button size="small" onClick={close}>← {t('insights.backToLogs')}</Button>
        <h3>{t('insights.correlationTitle', { id: correlation.correlationId, count: correlation.records.length })}</h3>
      </div>
      {correlation.status === 'loading' ? <Spinner /> : null}
      {correlation.status === 'error' ? <ErrorState error={correlation.error} onRetry={() => void open(correlation.correlationId)} /> : null}
      {correlation.status === 'ready' ? (
        <LogTable records={correlation.records} selectedId={selectedId} onSelect={select} label={t('insights.correlation')} />
      ) : null}
    </section>
  );
}

export function LogsPanel() {
  const t = useStrings();
  const hasCorrelation = useInsightsStore((s) => s.correlation !== null);
  const records = useInsightsStore((s) => s.records);
  const status = useInsightsStore((s) => s.status);
  const error = useInsightsStore((s) => s.error);
  const selectedId = useInsightsStore((s) => s.selected?.id);
  const hasMore = useInsightsStore((s) => s.nextCursor !== undefined);
  const isLoadingMore = useInsightsStore((s) => s.isLoadingMore);
  const isLive = useInsightsStore((s) => s.isLive);
  const select = useInsightsStore((s) => s.select);
  const load = useInsightsStore((s) => s.load);
  const loadMore = useInsightsStore((s) => s.loadMore);
  const onEndReached = () => void loadMore();

  if (hasCorrelation) return <CorrelationView />;
  // A new search or filter keeps the rows it replaces on screen until its answer comes: the table does
  // not blink to a spinner at every keystroke, and a click on a row while it loads is not lost.
  const isReloading = status === 'loading' && records.length > 0;
  return (
    <section className="weft-il__logs" aria-label={t('insights.tab.logs')}>
      <Histogram />
      <p className="weft-il__summary" role="status" aria-live="polite">
        {status === 'ready' ? t('insights.records', { count: records.length }) : null}
        {isReloading ? t('common.loading') : null}
        {status === 'ready' && hasMore ? ` · ${t('insights.moreAvailable')}` : null}
        {isLoadingMore ? ` · ${t('insights.loadingMore')}` : null}
        {isLive ? ` · ${t('insights.liveOn')}` : null}
      </p>
      {(status === 'loading' && !isReloading) || status === 'idle' ? <Spinner /> : null}
      {status === 'error' ? <ErrorState title={t('insights.loadFailed')} error={error} onRetry={() => void load()} /> : null}
      {status === 'ready' && records.length === 0 ? <EmptyState title={t('insights.empty')}>{t('insights.emptyHint')}</EmptyState> : null}
      {(status === 'ready' || isReloading) && records.length > 0 ? (
        <LogTable records={records} selectedId={selectedId} onSelect={(record: LogRecord) => select(record)} onEndReached={hasMore && !isReloading ? onEndReached : undefined} label={t('insights.title')} isBusy={isReloading} />
      ) : null}
    </section>
  );
}
