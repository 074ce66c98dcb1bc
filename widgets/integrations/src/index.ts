/**
 * @module @weft/integrations: the end user's integrations: a catalogue of the host's templates, the
 * integrations made from them (pause, resume, edit, update, remove), and the wizard that makes one.
 *
 *   const integrations = mountIntegrations(el, { api, on: { 'integration:create': ({ flowId }) => track(flowId) } });
 *   const wizard = mountWizard(other, { api, templateId });
 */
// Widgets
export { Integrations } from './integrations.tsx';
export type { IntegrationsProps } from './integrations.tsx';
export { Wizard } from './wizard.tsx';
export type { WizardProps } from './wizard.tsx';
export { mountIntegrations, mountWizard } from './mount-integrations.tsx';
export type { IntegrationsOptions, WizardOptions, MountedWidgetHandle } from './mount-integrations.tsx';
// Stores (for stories and tests)
export { createIntegrationsStore, visibleTemplates, categoriesOf } from './store/integrations-store.ts';
export type { IntegrationsState, IntegrationsDialog, TemplateSummary } from './store/integrations-store.ts';
export { createWizardStore } from './store/wizard-store.ts';
export type { WizardState, WizardTarget, WizardResult } from './store/wizard-store.ts';
// Wizard rules shared with hosts that check answers themselves
export { shownFields, answerProblems, answersToSend } from './wizard/wizard-model.ts';
// Strings
export { integrationsStrings } from './strings.ts';
