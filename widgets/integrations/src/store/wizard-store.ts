/**
 * @module Wizard store: one wizard's template, answers, field errors, dynamic choices and the
 * user's accounts; submit makes an integration (`POST /templates/:id/instances`) or, for a flowId,
 * re-applies the answers to the integration (`POST /integrations/:flowId/update`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Account, ApiClient, ConnectorAccountType, CreatedInstance, Integration, Template, UpdatedIntegration, WizardAnswers } from '@weft/api-client';
import { apiErrorOf } from '../api-error-code.ts';
import { answerProblems, answersToSend, boundComponentType, problemsFromError, propertiesWithAnswers, shownFields } from '../wizard/wizard-model.ts';

/** What the wizard was opened for. */
export type WizardTarget = { templateId: string } | { flowId: string };

export type WizardResult =
  | { kind: 'created'; instance: CreatedInstance; name: string }
  | { kind: 'updated'; update: UpdatedIntegration; name: string };

export interface DynamicChoices {
  status: 'loading' | 'ready' | 'error';
  items: { label: string; value: unknown }[];
  message?: string;
}

export interface WizardState {
  status: 'loading' | 'ready' | 'error' | 'submitting';
  error?: unknown;
  template?: Template;
  /** Set when editing an integration. */
  integration?: Integration;
  answers: WizardAnswers;
  /** Field id → message (already translated, or the engine's own). */
  errors: Record<string, string>;
  /** Field ids the engine asked again for (an update to a new version). */
  askAgain: string[];
  formError?: string | undefined;
  choices: Record<string, DynamicChoices>;
  accounts: Account[];
  accountTypes: ConnectorAccountType[];
  /** The account field whose "Connect an account" dialog is open. */
  connecting: string | null;
  setConnecting: (fieldId: string | null) => void;
  load: () => Promise<void>;
  setAnswer: (fieldId: string, value: unknown) => void;
  /** Fetch the choices of a field with a `source` (again, when the answers it depends on changed). */
  loadChoices: (fieldId: string) => Promise<void>;
  accountConnected: (fieldId: string, account: Account) => void;
  submit: () => Promise<WizardResult | undefined>;
}

export interface WizardDeps {
  api: () => ApiClient;
  target: WizardTarget;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** Field ids to flag as "answer again" when the wizard opens (from a refused update). */
  askAgain?: string[];
  /** Told of failures, for `integration:error`. */
  onError?: (error: unknown) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createWizardStore(deps: WizardDeps): StoreApi<WizardState> {
  return createStore<WizardState>()((set, get) => ({
    status: 'loading',
    answers: {},
    errors: {},
    askAgain: deps.askAgain ?? [],
    choices: {},
    accounts: [],
    accountTypes: [],
    connecting: null,
    setConnecting: (connecting) => set({ connecting }),
    async load() {
      set({ status: 'loading', error: undefined });
      try {
        const api = deps.api();
        let integration: Integration | undefined;
        let templateId: string;
        if ('flowId' in deps.target) {
          const flowId = deps.target.flowId;
          integration = (await api.listIntegrations()).items.find((item) => item.flowId === flowId);
          if (!integration) throw new Error(deps.t('wizard.notFollowing'));
          templateId = integration.template.id;
        } else {
          templateId = deps.target.templateId;
        }
        const [template, accounts, types] = await Promise.all([
          api.getTemplate(templateId),
          api.listAccounts().catch(() => ({ items: [] as Account[] })),
          api.listAccountTypes().catch(() => ({ items: [] as ConnectorAccountType[] })),
        ]);
        set({ status: 'ready', template, accounts: accounts.items, accountTypes: types.items, answers: { ...(integration?.answers ?? {}) }, ...(integration ? { integration } : {}) });
      } catch (error) {
        deps.onError?.(error);
        set({ status: 'error', error });
      }
    },
    setAnswer(fieldId, value) {
      set((s) => {
        const errors = { ...s.errors };
        delete errors[fieldId];
        // The form-level hint goes with the last field error it summed up.
        return { answers: { ...s.answers, [fieldId]: value }, errors, askAgain: s.askAgain.filter((id) => id !== fieldId), ...(Object.keys(errors).length === 0 ? { formError: undefined } : {}) };
      });
    },
    async loadChoices(fieldId) {
      const { template, answers } = get();
      const field = template?.wizard.fields.find((candidate) => candidate.id === fieldId);
      if (!template || !field?.source) return;
      const type = boundComponentType(template, field.source.componentId);
      const setChoices = (choices: DynamicChoices) => set((s) => ({ choices: { ...s.choices, [fieldId]: choices } }));
      if (!type) {
        setChoices({ status: 'error', items: [], message: field.source.componentId });
        return;
      }
      setChoices({ status: 'loading', items: get().choices[fieldId]?.items ?? [] });
      try {
        const answer = await deps.api().getComponentOptions(type, field.source.name, propertiesWithAnswers(template, field.source.componentId, answers));
        setChoices({ status: 'ready', items: answer.items });
      } catch (error) {
        setChoices({ status: 'error', items: [], message: messageOf(error) });
      }
    },
    accountConnected(fieldId, account) {
      set((s) => ({ connecting: null, accounts: s.accounts.some((item) => item.id === account.id) ? s.accounts : [...s.accounts, account] }));
      get().setAnswer(fieldId, account.id);
    },
    async submit() {
      const { template, integration, answers } = get();
      if (!template) return undefined;
      const problems = answerProblems(template.wizard, answers);
      if (Object.keys(problems).length > 0) {
        set({ errors: Object.fromEntries(Object.entries(problems).map(([id, key]) => [id, deps.t(key)])), formError: deps.t('wizard.fixFields') });
        return undefined;
      }
      set({ status: 'submitting', formError: undefined, errors: {} });
      const body = answersToSend(template.wizard, answers);
      try {
        if (integration) {
          const update = await deps.api().updateIntegration(integration.flowId, { answers: body });
          set({ status: 'ready' });
          return { kind: 'updated', update, name: integration.name };
        }
        const instance = await deps.api().createInstance(template.id, { answers: body });
        set({ status: 'ready' });
        return { kind: 'created', instance, name: template.name };
      } catch (error) {
        deps.onError?.(error);
        const { code, details } = apiErrorOf(error);
        const fields = problemsFromError(details);
        const shown = new Set(shownFields(template.wizard, answers).map((field) => field.id));
        const onShown = Object.fromEntries(Object.entries(fields).filter(([id]) => shown.has(id)));
        set({
          status: 'ready',
          errors: onShown,
          formError: Object.keys(onShown).length > 0 ? deps.t('wizard.fixFields') : messageOf(error),
          ...(code === 'template.answers_needed' ? { askAgain: Object.keys(fields) } : {}),
        });
        return undefined;
      }
    },
  }));
}
