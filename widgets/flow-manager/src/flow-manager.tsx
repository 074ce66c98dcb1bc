/** @module FlowManager: the widget as a React component: root provider, per-instance store, handle for the host. */
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { WidgetRoot, createEmitter, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler, type WidgetHandle } from '@weft/ui-kit';
import type { ApiClient } from '@weft/api-client';
import { createFlowManagerStore, isQueryKey, type FlowListState } from './store/flow-manager-store.ts';
import { FlowManagerStoreProvider, useFlowManagerStoreApi } from './hooks/use-flow-manager-store.ts';
import { FlowManagerView } from './flow-manager-view.tsx';
import { flowManagerStrings } from './strings.ts';

export interface FlowManagerProps {
  /** Inject any client: the SDK's, or a mocked one in stories and tests. */
  api: ApiClient;
  theme?: Theme;
  locale?: string;
  strings?: StringCatalogue;
  /** Shared with the host; `flow:open` and `flow:insights` do nothing unless the host listens. */
  emitter?: WidgetEmitter;
  on?: Record<string, WidgetEventHandler<never>>;
  /** Starting search, filter, sort and page size. */
  initialState?: Partial<FlowListState>;
  /**
   * Only flows whose custom fields have these values (the host tags flows with `customFields`
   * through the API); flows created here get them too.
   */
  customFilter?: Record<string, string | number | boolean>;
  ref?: Ref<WidgetHandle>;
}

function Handle({ handleRef }: { handleRef: Ref<WidgetHandle> | undefined }) {
  const store = useFlowManagerStoreApi();
  useImperativeHandle(handleRef, () => ({
    reload: () => void store.getState().load(),
    state(key, value) {
      if (!isQueryKey(key)) return undefined;
      if (arguments.length > 1) store.getState().setQuery({ [key]: value });
      return store.getState()[key];
    },
  }), [store]);
  return null;
}

export function FlowManager({ api, theme, locale, strings, emitter, on, initialState, customFilter, ref }: FlowManagerProps) {
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const apiRef = useRef(api);
  apiRef.current = api;
  const filterRef = useRef(customFilter);
  filterRef.current = customFilter;
  const create = () => createFlowManagerStore({ api: () => apiRef.current, emit: (event, detail) => ownEmitter.emit(event, detail), customFilter: () => filterRef.current }, initialState);

  return (
    <WidgetRoot api={api} theme={theme} locale={locale} strings={strings} catalogues={flowManagerStrings} emitter={ownEmitter} on={on}>
      <FlowManagerStoreProvider create={create}>
        <Handle handleRef={ref} />
        <FlowManagerView />
      </FlowManagerStoreProvider>
    </WidgetRoot>
  );
}
