/**
 * @module Integrations store: the catalogue (templates, search, category) and the tenant's
 * integrations with what each row is doing; pause, resume, update to a new version and remove.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, Integration, TemplateList } from '@weft/api-client';
import { errorDetail, resultEvent } from '../integration-events.ts';
import { apiErrorOf } from '../api-error-code.ts';
import type { WizardResult } from './wizard-store.ts';
import { problemsFromError } from '../wizard/wizard-model.ts';

export type TemplateSummary = TemplateList['items'][number];

/** What a row is doing right now (its buttons wait for it). */
export type RowAction = 'pause' | 'resume' | 'update' | 'remove';

export type IntegrationsDialog =
  | { kind: 'add'; template: TemplateSummary }
  | { kind: 'edit'; integration: Integration; askAgain?: string[] }
  | { kind: 'remove'; integration: Integration };

export interface IntegrationsNotice {
  tone: 'info' | 'error';
  text: string;
}

export interface IntegrationsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: unknown;
  templates: TemplateSummary[];
  items: Integration[];
  search: string;
  category: string;
  pending: Record<string, RowAction>;
  dialog: IntegrationsDialog | null;
  notice: IntegrationsNotice | null;
  load: () => Promise<void>;
  setSearch: (search: string) => void;
  setCategory: (category: string) => void;
  openDialog: (dialog: IntegrationsDialog | null) => void;
  /** The wizard of the dialog made or changed an integration. */
  wizardDone: (result: WizardResult) => void;
  pause: (integration: Integration) => Promise<void>;
  resume: (integration: Integration) => Promise<void>;
  /** To the template's newest version; when the engine asks again for answers, the wizard opens with them flagged. */
  update: (integration: Integration) => Promise<void>;
  remove: (integration: Integration) => Promise<void>;
}

export interface IntegrationsDeps {
  api: () => ApiClient;
  emit: (event: string, detail?: unknown) => void;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** Catalogue filter by custom fields (e.g. `{ segment: 'gold' }`), passed to `GET /templates`. */
  customFilter?: Record<string, string | number | boolean> | undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The catalogue shown for a search and category (case-insensitive over name, description and tags). */
export function visibleTemplates(templates: readonly TemplateSummary[], search: string, category: string): TemplateSummary[] {
  const needle = search.trim().toLowerCase();
  return templates.filter((template) =>
    (category === '' || template.category === category)
    && (needle === '' || `${template.name}\n${template.description}\n${template.tags.join(' ')}`.toLowerCase().includes(needle)));
}

export function categoriesOf(templates: readonly TemplateSummary[]): string[] {
  return [...new Set(templates.map((template) => template.category).filter((category) => category !== ''))].sort((a, b) => a.localeCompare(b));
}

export function createIntegrationsStore(deps: IntegrationsDeps): StoreApi<IntegrationsState> {
  return createStore<IntegrationsState>()((set, get) => {
    const busy = (flowId: string, action: RowAction | undefined) => set((s) => {
      const pending = { ...s.pending };
      if (action) pending[flowId] = action;
      else delete pending[flowId];
      return { pending };
    });
    const fail = (error: unknown, flowId?: string) => {
      deps.emit('integration:error', errorDetail(error, flowId ? { flowId } : undefined));
      set({ notice: { tone: 'error', text: messageOf(error) } });
    };
    const replace = (flowId: string, patch: Partial<Integration>) => set((s) => ({ items: s.items.map((item) => (item.flowId === flowId ? { ...item, ...patch } : item)) }));
    return {
      status: 'idle',
      templates: [],
      items: [],
      search: '',
      category: '',
      pending: {},
      dialog: null,
      notice: null,
      async load() {
        set({ status: get().templates.length === 0 && get().items.length === 0 ? 'loading' : get().status });
        try {
          const [templates, integrations] = await Promise.all([
            deps.api().listTemplates(deps.customFilter ? { customFields: deps.customFilter } : undefined),
            deps.api().listIntegrations(),
          ]);
          set({ status: 'ready', templates: templates.items, items: integrations.items, error: undefined });
        } catch (error) {
          deps.emit('integration:error', errorDetail(error));
          set({ status: 'error', error });
        }
      },
      setSearch: (search) => set({ search }),
      setCategory: (category) => set({ category }),
      openDialog: (dialog) => set({ dialog }),
      wizardDone(result) {
        const [event, detail] = resultEvent(result);
        set({
          dialog: null,
          notice: {
            tone: 'info',
            text: result.kind === 'created' ? deps.t('integrations.createdNotice', { name: result.name }) : deps.t('integrations.updatedNotice', { name: result.name, version: result.update.version }),
          },
        });
        deps.emit(event, detail);
        void get().load();
      },
      async pause(integration) {
        busy(integration.flowId, 'pause');
        try {
          await deps.api().stopFlow(integration.flowId);
          replace(integration.flowId, { stage: 'stopped' });
          set({ notice: { tone: 'info', text: deps.t('integrations.pausedNotice', { name: integration.name }) } });
          deps.emit('integration:update', { flowId: integration.flowId, name: integration.name, version: integration.template.version, change: 'paused' });
        } catch (error) {
          fail(error, integration.flowId);
        } finally {
          busy(integration.flowId, undefined);
        }
      },
      async resume(integration) {
        busy(integration.flowId, 'resume');
        try {
          await deps.api().startFlow(integration.flowId);
          replace(integration.flowId, { stage: 'running' });
          set({ notice: { tone: 'info', text: deps.t('integrations.resumedNotice', { name: integration.name }) } });
          deps.emit('integration:update', { flowId: integration.flowId, name: integration.name, version: integration.template.version, change: 'resumed' });
        } catch (error) {
          fail(error, integration.flowId);
        } finally {
          busy(integration.flowId, undefined);
        }
      },
      async update(integration) {
        busy(integration.flowId, 'update');
        try {
          const answer = await deps.api().updateIntegration(integration.flowId, { answers: {} });
          replace(integration.flowId, { updateAvailable: false, template: { ...integration.template, version: answer.version } });
          set({ notice: { tone: 'info', text: deps.t('integrations.updatedNotice', { name: integration.name, version: answer.version }) } });
          deps.emit('integration:update', { flowId: integration.flowId, name: integration.name, version: answer.version, change: 'version', droppedAnswers: answer.droppedAnswers });
        } catch (error) {
          if (apiErrorOf(error).code === 'template.answers_needed') {
            // Not a failure the person cannot fix: the wizard asks the questions again.
            set({ dialog: { kind: 'edit', integration, askAgain: Object.keys(problemsFromError(apiErrorOf(error).details)) }, notice: { tone: 'info', text: deps.t('integrations.answersNeeded') } });
          } else {
            fail(error, integration.flowId);
          }
        } finally {
          busy(integration.flowId, undefined);
        }
      },
      async remove(integration) {
        busy(integration.flowId, 'remove');
        try {
          await deps.api().deleteFlow(integration.flowId);
          set((s) => ({ items: s.items.filter((item) => item.flowId !== integration.flowId), dialog: null, notice: { tone: 'info', text: deps.t('integrations.removedNotice', { name: integration.name }) } }));
          deps.emit('integration:remove', { flowId: integration.flowId, name: integration.name, templateId: integration.template.id });
        } catch (error) {
          set({ dialog: null });
          fail(error, integration.flowId);
        } finally {
          busy(integration.flowId, undefined);
        }
      },
    };
  });
}
