/**
 * @module Runs slice: the run history tab: one row per run (trigger) of the flow the filter names, or of
 * every flow, filtered by status, paged with a cursor; cancelling a run and opening its log records.
 */
import type { ApiClient, Run, RunQueryParams, RunStatus } from '@weft/api-client';
import type { LoadStatus } from './insights-store.ts';

export interface RunsSlice {
  runs: { status: LoadStatus; items: Run[]; nextCursor: string | undefined; error: unknown; isLoadingMore: boolean };
  runStatus: '' | RunStatus;
  /** A run whose cancel is in flight, by correlation id. */
  cancelling: string | null;
  runsNotice: { key: string; params: Record<string, string>; tone: 'info' | 'error'; id: number } | null;
  loadRuns: () => Promise<void>;
  loadMoreRuns: () => Promise<void>;
  setRunStatus: (status: '' | RunStatus) => void;
  cancelRun: (run: Run) => Promise<boolean>;
}

type SetRuns = (patch: Partial<RunsSlice> | ((state: RunsSlice) => Partial<RunsSlice>)) => void;

/** `query()`: the flow and time range the other tabs show. */
export function createRunsSlice(api: () => ApiClient, set: SetRuns, get: () => RunsSlice, query: () => RunQueryParams, pageSize = 50): RunsSlice {
  let seq = 0;
  let noticeSeq = 0;
  const params = (): RunQueryParams => ({ ...query(), ...(get().runStatus ? { status: get().runStatus as RunStatus } : {}), limit: pageSize });

  return {
    runs: { status: 'idle', items: [], nextCursor: undefined, error: undefined, isLoadingMore: false },
    runStatus: '',
    cancelling: null,
    runsNotice: null,

    async loadRuns() {
      const mine = ++seq;
      set((state) => ({ runs: { ...state.runs, status: 'loading', error: undefined } }));
      try {
        const page = await api().listRuns(params());
        if (mine === seq) set({ runs: { status: 'ready', items: page.runs, nextCursor: page.nextCursor, error: undefined, isLoadingMore: false } });
      } catch (error) {
        if (mine === seq) set({ runs: { status: 'error', items: [], nextCursor: undefined, error, isLoadingMore: false } });
      }
    },

    async loadMoreRuns() {
      const { runs } = get();
      if (!runs.nextCursor || runs.isLoadingMore || runs.status !== 'ready') return;
      const mine = seq;
      set({ runs: { ...runs, isLoadingMore: true } });
      try {
        const page = await api().listRuns({ ...params(), cursor: runs.nextCursor });
        if (mine === seq) set((state) => ({ runs: { ...state.runs, items: state.runs.items.concat(page.runs), nextCursor: page.nextCursor, isLoadingMore: false } }));
      } catch (error) {
        if (mine === seq) set((state) => ({ runs: { ...state.runs, isLoadingMore: false, error } }));
      }
    },

    setRunStatus(runStatus) {
      set({ runStatus });
      void get().loadRuns();
    },

    async cancelRun(run) {
      set({ cancelling: run.correlationId });
      try {
        const cancelled = await api().cancelRun(run.correlationId);
        set((state) => ({
          cancelling: null,
          runs: { ...state.runs, items: state.runs.items.map((item) => (item.correlationId === run.correlationId ? cancelled : item)) },
          runsNotice: { key: 'insights.runs.cancelled', params: { id: run.correlationId.slice(0, 8) }, tone: 'info', id: ++noticeSeq },
        }));
        return true;
      } catch (error) {
        set({ cancelling: null, runsNotice: { key: 'insights.runs.cancelFailed', params: { message: error instanceof Error ? error.message : String(error) }, tone: 'error', id: ++noticeSeq } });
        return false;
      }
    },
  };
}
