/** @module Test runner: save, `POST /flows/:id/test`, then poll the run's logs (in order) into the store. */
import { errorMessage, type DesignerApi } from '../api/designer-api.ts';
import type { DesignerStore } from '../store/create-designer-store.ts';
import type { Autosave } from './autosave.ts';

export interface TestRunner {
  run: (componentId: string, port: string, data: unknown) => Promise<void>;
  /** Stop polling (the designer is closing). */
  cancel: () => void;
}

export interface TestRunnerOptions {
  store: DesignerStore;
  api: Pick<DesignerApi, 'testRun' | 'queryLogs'>;
  autosave: Pick<Autosave, 'flush'>;
  onProgress?: (event: { type: 'started' } | { type: 'done'; count: number } | { type: 'failed'; message: string }) => void;
  pollMs?: number;
}

/** Stop polling after this many quiet polls in a row: the run has most likely finished. */
const QUIET_POLLS = 4;
const MAX_POLLS = 60;

export function createTestRunner({ store, api, autosave, onProgress, pollMs = 700 }: TestRunnerOptions): TestRunner {
  let generation = 0;
  return {
    async run(componentId, port, data) {
      const mine = ++generation;
      const { flowId } = store.getState();
      store.getState().setRun({ status: 'running', records: [] });
      onProgress?.({ type: 'started' });
      try {
        await autosave.flush();
        const { correlationId } = await api.testRun(flowId, { componentId, port, data });
        store.getState().setRun({ status: 'running', correlationId, records: [] });
        let quiet = 0;
        for (let poll = 0; poll < MAX_POLLS && quiet < QUIET_POLLS; poll++) {
          await new Promise((resolve) => setTimeout(resolve, pollMs));
          // A newer run (or closing the designer) ends this one's polling.
          if (mine !== generation) return;
          const page = await api.queryLogs({ flowId, correlationId, order: 'asc', limit: 1000 });
          const before = store.getState().run.records.length;
          store.getState().addRunRecords(page.records);
          quiet = store.getState().run.records.length === before ? quiet + 1 : 0;
        }
        const { run } = store.getState();
        store.getState().setRun({ ...run, status: 'done' });
        onProgress?.({ type: 'done', count: run.records.length });
      } catch (error) {
        store.getState().setRun({ ...store.getState().run, status: 'error', error: errorMessage(error) });
        onProgress?.({ type: 'failed', message: errorMessage(error) });
      }
    },
    cancel() {
      generation += 1;
    },
  };
}
