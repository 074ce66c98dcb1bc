/** @module Run slice: a test run's (or an opened past run's) correlation id and the log records it produced, per component. */
import type { LogRecord, Run } from '@weft/api-client';
import type { DesignerSlice } from './designer-state.ts';

export interface TestRun {
  status: 'idle' | 'running' | 'done' | 'error';
  correlationId?: string;
  records: LogRecord[];
  error?: string;
  /** Set when the records are those of a past run opened from the run history, not of a test run. */
  past?: Run;
}

export interface RunSlice {
  run: TestRun;
  setRun: (run: TestRun) => void;
  addRunRecords: (records: readonly LogRecord[]) => void;
}

export const createRunSlice: DesignerSlice<RunSlice> = (set) => ({
  run: { status: 'idle', records: [] },
  setRun(run) {
    set({ run });
  },
  addRunRecords(records) {
    set((state) => {
      const known = new Set(state.run.records.map((record) => record.id));
      const fresh = records.filter((record) => !known.has(record.id));
      return fresh.length === 0 ? {} : { run: { ...state.run, records: [...state.run.records, ...fresh] } };
    });
  },
});
