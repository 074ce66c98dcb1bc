/** @module Flow loader: fetches the flow and the component catalogue when the designer opens a flow. */
import { useEffect, useRef } from 'react';
import { errorMessage } from '../api/designer-api.ts';
import { useDesignerStoreApi } from '../store/designer-store-context.tsx';
import type { DesignerServices } from './use-designer-services.ts';

export function useFlowLoader(flowId: string, services: DesignerServices): void {
  const store = useDesignerStoreApi();
  const { api } = services;
  // Reload only when the flow or the API changes, not when strings or the emitter do.
  const latest = useRef(services);
  useEffect(() => {
    latest.current = services;
  }, [services]);
  useEffect(() => {
    const { autosave, emit } = latest.current;
    let isCurrent = true;
    // What the flow's template and the host's app events add: the designer works without them (older engines, mocks).
    const loadExtras = () => {
      api.listAppEvents?.().then((events) => { if (isCurrent) store.getState().setAppEvents(events.items); }, () => undefined);
      api.listIntegrations?.().then((list) => {
        const own = list.items.find((item) => item.flowId === flowId);
        if (isCurrent && own) store.getState().setTemplateLink({ templateId: own.template.id, name: own.template.name, version: own.template.version });
      }, () => undefined);
    };
    const load = async () => {
      try {
        const [flow, components] = await Promise.all([api.getFlow(flowId), api.listComponents()]);
        if (!isCurrent) return;
        store.getState().setManifests(components.items, components.connectors);
        store.getState().loadFlow(flow);
        loadExtras();
        await autosave.revalidate();
      } catch (error) {
        if (!isCurrent) return;
        store.getState().setLoadError(errorMessage(error));
        store.getState().setCatalogStatus('error');
        emit({ type: 'designer:error', flowId, message: errorMessage(error) });
      }
    };
    void load();
    return () => {
      isCurrent = false;
    };
  }, [api, flowId, store]);
}
