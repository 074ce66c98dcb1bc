/** @module Insights logs adapter: the chunk the SDK loads for `weft.ui.InsightsLogs`. */
import { mountInsightsLogs, type InsightsLogsOptions } from '@weft/insights-logs';
import type { MountAdapter, WidgetProps } from './types.ts';

const toOptions = ({ api, emitter, theme, locale, strings, options }: WidgetProps): InsightsLogsOptions => ({
  api, emitter, theme, locale, strings,
  ...(typeof options.flowId === 'string' ? { flowId: options.flowId } : {}),
  ...(typeof options.correlationId === 'string' ? { correlationId: options.correlationId } : {}),
  // Support staff and operators: open on one tenant's records.
  ...(typeof options.tenantId === 'string' && options.tenantId !== '' ? { tenantId: options.tenantId } : {}),
  ...(options.initialState ? { initialState: options.initialState } : {}),
});

export const mount: MountAdapter = (el, props) => {
  const mounted = mountInsightsLogs(el, toOptions(props));
  return {
    update: (next) => mounted.update(toOptions(next)),
    unmount: () => mounted.unmount(),
    reload: () => mounted.reload(),
    state: (...args) => mounted.state(...args),
  };
};
