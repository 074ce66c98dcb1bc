/**
 * @module @weft/insights-logs: what happened in a flow: histogram, filters, a virtualised log table,
 * payload detail, correlations, live tail, and the unprocessed messages to retry, edit or delete.
 *
 *   const logs = mountInsightsLogs(el, { api, flowId: 'f1', on: { 'log:select': ({ id }) => console.log(id) } });
 */
// Widget
export { InsightsLogs } from './insights-logs.tsx';
export type { InsightsLogsProps } from './insights-logs.tsx';
export { mountInsightsLogs } from './mount-insights-logs.tsx';
export type { InsightsLogsOptions, MountedInsightsLogs } from './mount-insights-logs.tsx';
// Store and pure logic (for stories and tests)
export { createInsightsStore, toLogQuery, MAX_RECORDS } from './store/insights-store.ts';
export type { InsightsState, InsightsInitial, LogFilters, InsightsView } from './store/insights-store.ts';
export { pickInterval, resolveRange, RANGE_PRESETS } from './store/time-range.ts';
export type { TimeRange } from './store/time-range.ts';
// Strings
export { insightsStrings } from './strings.ts';
