/** @module Autosave: debounced `PUT /flows/:id` with the version the canvas is based on; a conflict stops saving until the person chooses. */
import type { Flow } from '@weft/api-client';
import { graphToDescriptor } from '../graph/descriptor-graph.ts';
import type { DesignerStore } from '../store/create-designer-store.ts';
import { isConflict, type DesignerApi } from '../api/designer-api.ts';

export interface AutosaveOptions {
  store: DesignerStore;
  api: Pick<DesignerApi, 'updateFlow' | 'validateFlow'>;
  delayMs?: number;
  onSaved?: (flow: Flow) => void;
  onConflict?: (current: Flow) => void;
  onError?: (error: unknown) => void;
}

export interface Autosave {
  /** Save now if anything is unsaved (e.g. before start or test run); resolves when the server has it. */
  flush: () => Promise<void>;
  /** Resolve a conflict by taking the server's flow; my unsaved edits are dropped. */
  loadTheirs: () => void;
  /** Resolve a conflict by saving my canvas over the server's newer version. */
  overwriteMine: () => Promise<void>;
  /** Fetch validation problems for the saved flow. */
  revalidate: () => Promise<void>;
  /** Watch the store and save on edits (again after `stop`, e.g. under React StrictMode). */
  start: () => void;
  stop: () => void;
}

const RETRY_MS = 5000;

/** Create an autosave that is not yet watching; call `start()`. */
export function createAutosave({ store, api, delayMs = 800, onSaved, onConflict, onError }: AutosaveOptions): Autosave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const isDirty = (): boolean => {
    const { revision, savedRevision, loadStatus } = store.getState();
    return loadStatus === 'ready' && revision !== savedRevision;
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), ms);
  };

  const revalidate = async (): Promise<void> => {
    const { flowId } = store.getState();
    try {
      const report = await api.validateFlow(flowId);
      store.getState().setProblems(report.problems);
    } catch {
      // Problems are advisory; a failed check leaves the last known ones in place.
    }
  };

  const save = async (): Promise<void> => {
    clearTimeout(timer);
    if (inFlight) return inFlight;
    const state = store.getState();
    if (!isDirty() || state.conflict !== undefined) return;
    const revision = state.revision;
    const flow = graphToDescriptor({ nodes: state.nodes, edges: state.edges });
    state.setSaveStatus('saving');
    inFlight = (async () => {
      try {
        const saved = await api.updateFlow(state.flowId, { version: state.version, flow });
        store.getState().markSaved(saved, revision);
        onSaved?.(saved);
        void revalidate();
      } catch (error) {
        if (isConflict(error)) {
          store.getState().markConflict(error.current);
          onConflict?.(error.current);
        } else {
          store.getState().setSaveStatus('error');
          onError?.(error);
          schedule(RETRY_MS);
        }
      } finally {
        inFlight = undefined;
      }
    })();
    await inFlight;
    // Edits made while the request was out go in the next save.
    if (isDirty() && store.getState().conflict === undefined && store.getState().saveStatus !== 'error') schedule(delayMs);
  };

  let unsubscribe: (() => void) | undefined;

  return {
    async flush() {
      if (inFlight) await inFlight;
      await save();
    },
    loadTheirs() {
      const { conflict } = store.getState();
      if (conflict) store.getState().loadFlow(conflict);
      void revalidate();
    },
    async overwriteMine() {
      store.getState().keepMine();
      await save();
    },
    revalidate,
    start() {
      if (unsubscribe) return;
      stopped = false;
      unsubscribe = store.subscribe((state, previous) => {
        if (state.revision !== previous.revision && isDirty() && state.conflict === undefined) schedule(delayMs);
      });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}

export function startAutosave(options: AutosaveOptions): Autosave {
  const autosave = createAutosave(options);
  autosave.start();
  return autosave;
}
