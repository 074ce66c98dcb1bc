/** @module useInsightsStore: the per-instance store of one insights widget, read with narrow selectors. */
import { createStoreContext } from '@weft/ui-kit';
import type { InsightsState } from '../store/insights-store.ts';

const context = createStoreContext<InsightsState>('InsightsLogs');

export const InsightsStoreProvider = context.Provider;
export const useInsightsStore = context.useStore;
export const useInsightsStoreApi = context.useStoreApi;
