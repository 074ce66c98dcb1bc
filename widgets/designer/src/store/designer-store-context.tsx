/** @module Designer store context: the store of one designer instance and the hooks that read it. */
import { createStoreContext } from '@weft/ui-kit';
import type { DesignerState } from './designer-state.ts';

const context = createStoreContext<DesignerState>('Designer');

/** Creates the store once per mounted designer (pass `create={createDesignerStore}`). */
export const DesignerStoreProvider = context.Provider;
/** Narrow selectors only; wrap object-building selectors in `useShallow`. Throws outside a designer. */
export const useDesignerStore = context.useStore;
/** The store itself, for event handlers that read state without subscribing. */
export const useDesignerStoreApi = context.useStoreApi;
