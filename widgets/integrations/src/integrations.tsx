/** @module Integrations: the widget as a React component: root provider, per-instance store, handle for the host. */
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { WidgetRoot, createEmitter, createTranslate, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler, type WidgetHandle } from '@weft/ui-kit';
import type { ApiClient } from '@weft/api-client';
import { createIntegrationsStore } from './store/integrations-store.ts';
import { IntegrationsStoreProvider, useIntegrationsStoreApi } from './hooks/use-integrations-store.ts';
import { IntegrationsView } from './integrations-view.tsx';
import { integrationsStrings } from './strings.ts';

export interface IntegrationsProps {
  /** Inject any client: the SDK's, or a mocked one in stories and tests. */
  api: ApiClient;
  theme?: Theme | undefined;
  locale?: string | undefined;
  strings?: StringCatalogue | undefined;
  /** Events: `integration:create`, `integration:update`, `integration:remove`, `integration:error`. */
  emitter?: WidgetEmitter | undefined;
  on?: Record<string, WidgetEventHandler<never>> | undefined;
  /** Only templates whose custom fields match (`GET /templates?customFields.<name>=<value>`). */
  customFilter?: Record<string, string | number | boolean> | undefined;
  /** How often the list is loaded again, so last runs show (0: never). Default 15 s. */
  pollMs?: number | undefined;
  ref?: Ref<WidgetHandle>;
}

function Handle({ handleRef }: { handleRef: Ref<WidgetHandle> | undefined }) {
  const store = useIntegrationsStoreApi();
  useImperativeHandle(handleRef, () => ({
    reload: () => void store.getState().load(),
    state(key: string, value?: unknown) {
      const state = store.getState();
      if (key === 'search' || key === 'category') {
        if (typeof value === 'string') store.setState({ [key]: value });
        return store.getState()[key];
      }
      if (key === 'items') return state.items;
      if (key === 'templates') return state.templates;
      return undefined;
    },
  }), [store]);
  return null;
}

export function Integrations({ api, theme, locale, strings, emitter, on, customFilter, pollMs = 15_000, ref }: IntegrationsProps) {
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const apiRef = useRef(api);
  apiRef.current = api;
  const t = useMemo(() => createTranslate({ locale, catalogues: integrationsStrings, overrides: strings }), [locale, strings]);
  const tRef = useRef(t);
  tRef.current = t;
  const create = () => createIntegrationsStore({
    api: () => apiRef.current, emit: (event, detail) => ownEmitter.emit(event, detail), t: (key, params) => tRef.current(key, params), customFilter,
  });
  return (
    <WidgetRoot api={api} theme={theme} locale={locale} strings={strings} catalogues={integrationsStrings} emitter={ownEmitter} on={on}>
      <IntegrationsStoreProvider key={JSON.stringify(customFilter ?? {})} create={create}>
        <Handle handleRef={ref} />
        <IntegrationsView pollMs={pollMs} />
      </IntegrationsStoreProvider>
    </WidgetRoot>
  );
}
