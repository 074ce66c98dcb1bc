/** @module Designer store factory: one vanilla zustand store per designer instance, built from slices. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCatalogSlice } from './catalog-slice.ts';
import { createClipboardSlice } from './clipboard-slice.ts';
import type { DesignerState } from './designer-state.ts';
import { createGraphSlice } from './graph-slice.ts';
import { createHistorySlice } from './history-slice.ts';
import { createIntegrationSlice } from './integration-slice.ts';
import { createRunSlice } from './run-slice.ts';
import { createSyncSlice } from './sync-slice.ts';
import { createUiSlice } from './ui-slice.ts';

export type DesignerStore = StoreApi<DesignerState>;

export function createDesignerStore(): DesignerStore {
  return createStore<DesignerState>()((...args) => ({
    ...createGraphSlice(...args),
    ...createHistorySlice(...args),
    ...createClipboardSlice(...args),
    ...createCatalogSlice(...args),
    ...createSyncSlice(...args),
    ...createRunSlice(...args),
    ...createUiSlice(...args),
    ...createIntegrationSlice(...args),
  }));
}
