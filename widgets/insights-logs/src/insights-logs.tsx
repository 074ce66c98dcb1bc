/** @module InsightsLogs: the widget as a React component: root provider, per-instance store, handle for the host. */
import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { WidgetRoot, createEmitter, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler, type WidgetHandle } from '@weft/ui-kit';
import type { ApiClient } from '@weft/api-client';
import { createInsightsStore, type InsightsInitial, type InsightsState, type LogFilters } from './store/insights-store.ts';
import { InsightsStoreProvider, useInsightsStoreApi } from './hooks/use-insights-store.ts';
import { InsightsLogsView } from './insights-logs-view.tsx';
import { insightsStrings } from './strings.ts';

export interface InsightsLogsProps {
  api: ApiClient;
  /** Show one flow's logs and unprocessed messages; the user can still widen the filter. */
  flowId?: string;
  /** Show one run: the records of this correlation id (the user can clear the filter). */
  correlationId?: string;
  /** Support staff and operators: open on this tenant's records (the tenant picker can change it). */
  tenantId?: string;
  theme?: Theme;
  locale?: string;
  strings?: StringCatalogue;
  emitter?: WidgetEmitter;
  on?: Record<string, WidgetEventHandler<never>>;
  initialState?: InsightsInitial;
  ref?: Ref<WidgetHandle>;
}

const FILTER_KEYS: readonly (keyof LogFilters)[] = ['flowId', 'componentId', 'correlationId', 'direction', 'severity', 'q', 'tenantId', 'userId'];
const STATE_KEYS = ['range', 'view', 'isLive', 'selected', 'correlation', 'records'] as const;

function Bridge({ handleRef, flowId, correlationId, tenantId }: { handleRef: Ref<WidgetHandle> | undefined; flowId: string | undefined; correlationId: string | undefined; tenantId: string | undefined }) {
  const store = useInsightsStoreApi();
  // A host (the Studio's #/tenants/<id>/logs) that names another tenant sees that tenant's records.
  useEffect(() => {
    if (tenantId !== undefined && store.getState().filters.tenantId !== tenantId) store.getState().setFilters({ tenantId });
  }, [tenantId, store]);
  // A host that sets another flow (`instance.set('flowId', …)`) sees that flow's logs.
  useEffect(() => {
    if (flowId !== undefined && store.getState().filters.flowId !== flowId) store.getState().setFilters({ flowId });
  }, [flowId, store]);
  // A host that passes a run (a support tool, a link from an error e-mail) sees that run in order.
  useEffect(() => {
    if (!correlationId) return;
    if (store.getState().view !== 'logs') store.getState().setView('logs');
    if (store.getState().filters.correlationId !== correlationId) store.getState().setFilters({ correlationId });
    void store.getState().openCorrelation(correlationId);
  }, [correlationId, store]);
  useImperativeHandle(handleRef, () => ({
    reload() {
      void store.getState().load();
      if (store.getState().view === 'unprocessed') void store.getState().loadUnprocessed();
    },
    state(key, value) {
      const state = store.getState();
      const isWrite = arguments.length > 1;
      if ((FILTER_KEYS as readonly string[]).includes(key)) {
        if (isWrite) state.setFilters({ [key]: value });
        return store.getState().filters[key as keyof LogFilters];
      }
      if (!(STATE_KEYS as readonly string[]).includes(key)) return undefined;
      if (isWrite) {
        if (key === 'range') state.setRange(value as InsightsState['range']);
        else if (key === 'view') state.setView(value as InsightsState['view']);
        else if (key === 'isLive') state.setLive(Boolean(value));
      }
      return store.getState()[key as (typeof STATE_KEYS)[number]];
    },
  }), [store]);
  return null;
}

export function InsightsLogs({ api, flowId, correlationId, tenantId, theme, locale, strings, emitter, on, initialState, ref }: InsightsLogsProps) {
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const apiRef = useRef(api);
  apiRef.current = api;
  const create = () => createInsightsStore(
    { api: () => apiRef.current, emit: (event, detail) => ownEmitter.emit(event, detail) },
    { ...initialState, filters: { ...initialState?.filters, ...(flowId ? { flowId } : {}), ...(correlationId ? { correlationId } : {}), ...(tenantId ? { tenantId } : {}) } },
  );
  return (
    <WidgetRoot api={api} theme={theme} locale={locale} strings={strings} catalogues={insightsStrings} emitter={ownEmitter} on={on}>
      <InsightsStoreProvider create={create}>
        <Bridge handleRef={ref} flowId={flowId} correlationId={correlationId} tenantId={tenantId} />
        <InsightsLogsView />
      </InsightsStoreProvider>
    </WidgetRoot>
  );
}
