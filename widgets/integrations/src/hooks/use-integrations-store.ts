/** @module useIntegrationsStore: the per-instance store of one Integrations widget, read with narrow selectors. */
import { createStoreContext } from '@weft/ui-kit';
import type { IntegrationsState } from '../store/integrations-store.ts';

const context = createStoreContext<IntegrationsState>('Integrations');

export const IntegrationsStoreProvider = context.Provider;
export const useIntegrationsStore = context.useStore;
export const useIntegrationsStoreApi = context.useStoreApi;
