/** @module InsightsLogsHost: mounts the insights widget with `mountInsightsLogs` on a fresh fake engine. */
import { useCallback } from 'react';
import type { ApiClient } from '@weft/api-client';
import { mountInsightsLogs, type InsightsView } from '@weft/insights-logs';
import type { Theme } from '@weft/ui-kit';
import { createFakeApi, type FakeEngineData } from '../mock-api/fake-engine.ts';
import { ShadowHost } from '../support/shadow-host.tsx';

export interface InsightsLogsHostProps {
  /** What the engine holds when the widget mounts; called on every mount. */
  makeData: () => FakeEngineData;
  /** Replace client methods, as a host may (`api.queryLogs = …`). */
  adaptApi?: (api: ApiClient, data: FakeEngineData) => void;
  flowId?: string;
  view: InsightsView;
  theme: Theme;
  locale: 'en' | 'cs';
}

export function InsightsLogsHost({ makeData, adaptApi, flowId, view, theme, locale }: InsightsLogsHostProps) {
  const mount = useCallback((el: HTMLElement) => {
    const data = makeData();
    const { api } = createFakeApi(data);
    adaptApi?.(api, data);
    const widget = mountInsightsLogs(el, { api, theme, locale, initialState: { view }, ...(flowId ? { flowId } : {}) });
    return () => widget.unmount();
  }, [makeData, adaptApi, flowId, view, theme, locale]);
  return <ShadowHost mount={mount} />;
}
