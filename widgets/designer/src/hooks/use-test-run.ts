/** @module Test run: save, `POST /flows/:id/test`, then poll the run's logs (in order) into the store. */
import { useCallback, useEffect, useRef } from 'react';
import { errorMessage } from '../api/designer-api.ts';
import { useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { useDesignerServices } from './use-designer-services.ts';

const POLL_MS = 700;
/** Stop polling after this many quiet polls in a row: the run has most likely finished. */
const QUIET_POLLS = 4;
const MAX_POLLS = 60;

export function useTestRun(): (componentId: string, port: string, data: unknown) => Promise<void> {
  const store = useDesignerStoreApi();
  const { api, autosave, t } = useDesignerServices();
  const cancelled = useRef(false);
  useEffect(() => () => {
    cancelled.current = true;
  }, []);

  return useCallback(async (componentId, port, data) => {
    const { flowId } = store.getState();
    store.getState().setRun({ status: 'running', records: [] });
    store.getState().announce(t('designer.testRun.running'));
    try {
      await autosave.flush();
      const { correlationId } = await api.testRun(flowId, { componentId, port, data });
      store.getState().setRun({ status: 'running', correlationId, records: [] });
      let quiet = 0;
      for (let poll = 0; poll < MAX_POLLS && quiet < QUIET_POLLS && !cancelled.current; poll++) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const page = await api.queryLogs({ flowId, correlationId, order: 'asc', limit: 1000 });
        const before = store.getState().run.records.length;
        store.getState().addRunRecords(page.records);
        quiet = store.getState().run.records.length === before ? quiet + 1 : 0;
      }
      const { run } = store.getState();
      store.getState().setRun({ ...run, status: 'done' });
      store.getState().announce(t('designer.testRun.done', { count: run.records.length }));
    } catch (error) {
      store.getState().setRun({ ...store.getState().run, status: 'error', error: errorMessage(error) });
      store.getState().announce(t('designer.testRun.failed', { message: errorMessage(error) }));
    }
  }, [api, autosave, store, t]);
}
