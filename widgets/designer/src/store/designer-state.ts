/** @module Designer state: the union of the store's slices and the slice creator type. */
import type { StateCreator } from 'zustand';
import type { CatalogSlice } from './catalog-slice.ts';
import type { ClipboardSlice } from './clipboard-slice.ts';
import type { GraphSlice } from './graph-slice.ts';
import type { HistorySlice } from './history-slice.ts';
import type { IntegrationSlice } from './integration-slice.ts';
import type { RunSlice } from './run-slice.ts';
import type { SyncSlice } from './sync-slice.ts';
import type { UiSlice } from './ui-slice.ts';

export type DesignerState = GraphSlice & HistorySlice & ClipboardSlice & CatalogSlice & SyncSlice & RunSlice & UiSlice & IntegrationSlice;

export type DesignerSlice<T> = StateCreator<DesignerState, [], [], T>;
