/** @module useWizardStore: the per-instance store of one wizard, read with narrow selectors. */
import { createStoreContext } from '@weft/ui-kit';
import type { WizardState } from '../store/wizard-store.ts';

const context = createStoreContext<WizardState>('Wizard');

export const WizardStoreProvider = context.Provider;
export const useWizardStore = context.useStore;
export const useWizardStoreApi = context.useStoreApi;
