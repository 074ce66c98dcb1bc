/** @module Past run: load the log records of a run from the history into the run slice, as a test run fills it. */
import { errorMessage, type DesignerApi } from '../api/designer-api.ts';
import type { DesignerStore } from '../store/create-designer-store.ts';

/** The records of one run, oldest first, and its summary; the canvas badges and the inspector's run data show them. */
export async function openPastRun(store: DesignerStore, api: Pick<DesignerApi, 'queryLogs' | 'getRun'>, correlationId: string): Promise<boolean> {
  const { flowId } = store.getState();
  store.getState().setRun({ status: 'running', correlationId, records: [] });
  try {
    const [page, past] = await Promise.all([
      api.queryLogs({ flowId, correlationId, order: 'asc', limit: 1000 }),
      api.getRun ? api.getRun(correlationId) : Promise.resolve(undefined),
    ]);
    // Another run (or a test run) was opened meanwhile.
    if (store.getState().run.correlationId !== correlationId) return false;
    store.getState().setRun({ status: 'done', correlationId, records: page.records, ...(past ? { past } : {}) });
    return true;
  } catch (error) {
    if (store.getState().run.correlationId === correlationId) store.getState().setRun({ status: 'error', correlationId, records: [], error: errorMessage(error) });
    return false;
  }
}
