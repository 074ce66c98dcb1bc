/** @module InsightsLogsView: filters, then tabs (logs with a detail pane, runs, or unprocessed messages). */
import { useEffect, type KeyboardEvent } from 'react';
import { useStrings } from '@weft/ui-kit';
import { useInsightsStore, useInsightsStoreApi } from './hooks/use-insights-store.ts';
import { useLiveTail } from './hooks/use-live-tail.ts';
import { FiltersBar } from './components/filters-bar.tsx';
import { LogsPanel } from './components/logs-panel.tsx';
import { DetailPane } from './components/detail-pane.tsx';
import { UnprocessedList } from './components/unprocessed-list.tsx';
import { RunsList } from './components/runs-list.tsx';
import type { InsightsView } from './store/insights-store.ts';

const VIEWS: readonly InsightsView[] = ['logs', 'runs', 'unprocessed'];

function Tabs() {
  const t = useStrings();
  const view = useInsightsStore((s) => s.view);
  const setView = useInsightsStore((s) => s.setView);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!;
    setView(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-view="${next}"]`)?.focus();
  };
  return (
    <div className="weft-il__tabs" role="tablist" aria-label={t('insights.tabs')} onKeyDown={onKeyDown}>
      {VIEWS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`weft-il-tab-${id}`}
          data-view={id}
          aria-selected={view === id}
          aria-controls={`weft-il-panel-${id}`}
          tabIndex={view === id ? 0 : -1}
          className="weft-il__tab"
          onClick={() => setView(id)}
        >
          {t(`insights.tab.${id}`)}
        </button>
      ))}
    </div>
  );
}

export function InsightsLogsView() {
  const t = useStrings();
  const view = useInsightsStore((s) => s.view);
  const load = useInsightsStore((s) => s.load);
  const loadUnprocessed = useInsightsStore((s) => s.loadUnprocessed);
  const loadFlows = useInsightsStore((s) => s.loadFlows);
  const store = useInsightsStoreApi();
  useLiveTail();
  useEffect(() => {
    void loadFlows();
    void load();
    void store.getState().loadStaff();
    if (store.getState().view === 'unprocessed') void loadUnprocessed();
    if (store.getState().view === 'runs') void store.getState().loadRuns();
    // Only on mount: later loads follow filter changes.
  }, [load, loadFlows, loadUnprocessed, store]);

  return (
    <section className="weft-il" aria-label={t('insights.title')}>
      <FiltersBar />
      <Tabs />
      <div id={`weft-il-panel-${view}`} role="tabpanel" aria-labelledby={`weft-il-tab-${view}`} className="weft-il__panel">
        {view === 'logs' ? (
          <div className="weft-il__split">
            <LogsPanel />
            <DetailPane />
          </div>
        ) : view === 'runs' ? (
          <RunsList />
        ) : (
          <UnprocessedList />
        )}
      </div>
    </section>
  );
}
