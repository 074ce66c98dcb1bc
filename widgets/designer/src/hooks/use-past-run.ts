/** @module usePastRun: shows the run the host asked for (`run` option) once the flow is loaded. */
import { useEffect, useRef } from 'react';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { openPastRun } from '../sync/past-run.ts';
import type { DesignerServices } from './use-designer-services.ts';

export function usePastRun(correlationId: string | undefined, { api, t }: Pick<DesignerServices, 'api' | 't'>): void {
  const store = useDesignerStoreApi();
  const isLoaded = useDesignerStore((s) => s.loadStatus === 'ready');
  // A change of strings does not open the run again.
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);
  useEffect(() => {
    if (!correlationId || !isLoaded) return;
    void openPastRun(store, api, correlationId).then((isShown) => {
      if (isShown) store.getState().announce(tRef.current('designer.runs.shown', { count: store.getState().run.records.length }));
    });
  }, [api, correlationId, isLoaded, store]);
}
