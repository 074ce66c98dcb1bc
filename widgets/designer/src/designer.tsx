/** @module Designer: the flow designer widget (palette, canvas, inspector) for one flow. */
import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { createTranslate, useWidgetRoot } from '@weft/ui-kit';
import type { DesignerApi } from './api/designer-api.ts';
import { DesignerLayout } from './components/designer-layout.tsx';
import { DesignerServicesContext, type DesignerEvent, type DesignerServices } from './hooks/use-designer-services.ts';
import { createDesignerStore, type DesignerStore } from './store/create-designer-store.ts';
import { DesignerStoreProvider } from './store/designer-store-context.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { startAutosave } from './sync/autosave.ts';
import { useFlowLoader } from './hooks/use-flow-loader.ts';

export interface DesignerProps {
  flowId: string;
  /** Defaults to the `WidgetRoot`'s client; stories and tests pass a mock. */
  api?: DesignerApi | undefined;
  /** Debounce of autosave, in milliseconds. */
  autosaveDelayMs?: number | undefined;
}

/** Render inside `<WidgetRoot>`; events reach the host through its emitter. */
export function Designer(props: DesignerProps) {
  const [store] = useState<DesignerStore>(createDesignerStore);
  return (
    <DesignerStoreProvider create={() => store}>
      <ReactFlowProvider>
        <DesignerServicesProvider {...props} store={store} />
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

function DesignerServicesProvider({ flowId, api: injected, autosaveDelayMs, store }: DesignerProps & { store: DesignerStore }) {
  const root = useWidgetRoot();
  const api: DesignerApi = injected ?? root.api;
  const { emitter, t: hostT, locale } = root;

  const services = useMemo<DesignerServices>(() => {
    const own = createTranslate({ locale, catalogues: designerCatalogues });
    // Host overrides and WidgetRoot catalogues win; the designer's own catalogue fills the rest.
    const t: DesignerServices['t'] = (key, params) => {
      const text = hostT(key, params);
      return text === key ? own(key, params) : text;
    };
    const emit = (event: DesignerEvent) => {
      const { type, ...detail } = event;
      emitter.emit(type, detail);
    };
    const autosave = startAutosave({
      store,
      api,
      ...(autosaveDelayMs === undefined ? {} : { delayMs: autosaveDelayMs }),
      onSaved: (flow) => emit({ type: 'designer:save', flowId: flow.flowId, version: flow.version }),
      onError: (error) => emit({ type: 'designer:error', flowId, message: error instanceof Error ? error.message : String(error) }),
    });
    return { api, autosave, emit, t };
  }, [api, autosaveDelayMs, emitter, flowId, hostT, locale, store]);

  useEffect(() => () => services.autosave.stop(), [services]);
  useFlowLoader(flowId, services);

  return (
    <DesignerServicesContext.Provider value={services}>
      <DesignerLayout />
    </DesignerServicesContext.Provider>
  );
}
