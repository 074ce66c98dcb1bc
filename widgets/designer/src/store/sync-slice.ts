/** @module Sync slice: which flow version the canvas is based on, save status, conflicts and validation problems. */
import type { Flow, FlowProblem } from '@weft/api-client';
import { FlowDescriptor } from '@weft/flow';
import type { DesignerSlice } from './designer-state.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

export interface SyncSlice {
  flowId: string;
  flowName: string;
  version: number;
  stage: Flow['stage'];
  /** The published version that runs; undefined: never published. */
  publishedVersion: number | undefined;
  /** The saved draft differs from the published version (unsaved edits count too: see `isDraftAhead`). */
  hasUnpublishedChanges: boolean;
  loadStatus: 'loading' | 'ready' | 'error';
  loadError: string | undefined;
  saveStatus: SaveStatus;
  /** The revision the server has; the canvas is dirty while `revision` is ahead of it. */
  savedRevision: number;
  /** The server's flow when a save met a newer version; nothing saves until the person chooses. */
  conflict: Flow | undefined;
  problems: FlowProblem[];
  /** Why the last Start was refused, shown until the person dismisses it or a start succeeds. */
  startFailure: StartFailure | undefined;
  /** From the engine (`Flow.webhookBaseUrl`): a webhook component answers at `<it>/<componentId>`. */
  webhookBaseUrl: string | undefined;
  loadFlow: (flow: Flow) => void;
  setLoadError: (message: string) => void;
  setSaveStatus: (status: SaveStatus) => void;
  markSaved: (flow: Flow, revision: number) => void;
  markConflict: (current: Flow) => void;
  /** Keep my canvas and take the server's version number, so the next save overwrites theirs. */
  keepMine: () => void;
  setStage: (stage: Flow['stage']) => void;
  /** A publish or start answered: the published side and the stage as the server has them. */
  markPublished: (flow: Flow) => void;
  setProblems: (problems: FlowProblem[]) => void;
  /** Start was refused: keep the reason and its problems, and select the first broken component. */
  failStart: (failure: StartFailure) => void;
  dismissStartFailure: () => void;
}

export interface StartFailure {
  message: string;
  problems: FlowProblem[];
}

/** The draft the person sees is not what runs: saved changes not published, or edits not yet saved. */
export function isDraftAhead(state: Pick<SyncSlice, 'hasUnpublishedChanges' | 'publishedVersion' | 'savedRevision'> & { revision: number }): boolean {
  return state.publishedVersion === undefined || state.hasUnpublishedChanges || state.revision !== state.savedRevision;
}

/** The component a problem is about: its `componentId`, else the id in a `flow.<id>.…` path. */
export function problemComponentId(problem: FlowProblem): string | undefined {
  if (problem.componentId !== undefined) return problem.componentId;
  return /^flow\.([^.]+)(\.|$)/.exec(problem.path)?.[1];
}

export const createSyncSlice: DesignerSlice<SyncSlice> = (set, get) => ({
  flowId: '',
  flowName: '',
  version: 0,
  stage: 'stopped',
  publishedVersion: undefined,
  hasUnpublishedChanges: false,
  loadStatus: 'loading',
  loadError: undefined,
  saveStatus: 'idle',
  savedRevision: 0,
  conflict: undefined,
  problems: [],
  startFailure: undefined,
  webhookBaseUrl: undefined,

  loadFlow(flow) {
    const parsed = FlowDescriptor.safeParse(flow.flow);
    if (!parsed.success) {
      set({ loadStatus: 'error', loadError: parsed.error.issues[0]?.message ?? 'invalid flow' });
      return;
    }
    get().replaceDescriptor(parsed.data);
    set((state) => ({
      flowId: flow.flowId,
      flowName: flow.name,
      webhookBaseUrl: flow.webhookBaseUrl,
      version: flow.version,
      stage: flow.stage,
      publishedVersion: flow.publishedVersion,
      hasUnpublishedChanges: flow.hasUnpublishedChanges ?? false,
      loadStatus: 'ready',
      loadError: undefined,
      saveStatus: 'idle',
      conflict: undefined,
      revision: state.revision + 1,
      savedRevision: state.revision + 1,
    }));
  },
  setLoadError(message) {
    set({ loadStatus: 'error', loadError: message });
  },
  setSaveStatus(saveStatus) {
    set({ saveStatus });
  },
  markSaved(flow, revision) {
    set({ version: flow.version, stage: flow.stage, savedRevision: revision, saveStatus: 'saved', publishedVersion: flow.publishedVersion, hasUnpublishedChanges: flow.hasUnpublishedChanges ?? false });
  },
  markConflict(current) {
    set({ conflict: current, saveStatus: 'conflict' });
  },
  keepMine() {
    const { conflict } = get();
    if (conflict === undefined) return;
    set({ version: conflict.version, conflict: undefined, saveStatus: 'idle' });
  },
  setStage(stage) {
    set(stage === 'running' ? { stage, startFailure: undefined } : { stage });
  },
  markPublished(flow) {
    set({ version: flow.version, publishedVersion: flow.publishedVersion, hasUnpublishedChanges: flow.hasUnpublishedChanges ?? false, ...(flow.stage === 'running' ? { startFailure: undefined } : {}), stage: flow.stage });
  },
  setProblems(problems) {
    set({ problems });
  },
  failStart(failure) {
    set({ startFailure: failure, ...(failure.problems.length > 0 ? { problems: failure.problems } : {}) });
    const present = new Set(get().nodes.map((node) => node.id));
    const first = failure.problems.map(problemComponentId).find((id) => id !== undefined && present.has(id));
    if (first === undefined) return;
    get().select([first]);
    get().setInspectorTab('settings');
  },
  dismissStartFailure() {
    set({ startFailure: undefined });
  },
});
