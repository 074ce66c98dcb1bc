/**
 * @module Run summary: folds log records into the record of their run, for every LogIndex adapter.
 *
 * The fold is order-free (sums, counts, earliest and latest), so batches may arrive in any order
 * from any number of processes; a record appended twice is the adapter's to skip (ids are unique).
 */
import { addShares, isSome, isWhole, subtractShare } from '../engine/run-share.ts';
import type { LogRecord, RunStatus, RunSummary } from './log-index.ts';

/** What a run keeps beyond its public summary: the timers' shares, set and fired. */
export interface RunState extends RunSummary {
  timersSet: string;
  timersFired: string;
}

/** Component log lines (direction `log`) without a run mark say nothing about the run. */
export const countsForRun = (record: LogRecord): boolean => record.correlationId !== '' && (record.direction !== 'log' || record.run !== undefined);

export function foldRun(run: RunState | undefined, record: LogRecord): RunState | undefined {
  if (!countsForRun(record)) return run;
  const next = run ? { ...run } : newRun(record);
  addRecord(next, record);
  return settle(next);
}

function newRun(record: LogRecord): RunState {
  return {
    correlationId: record.correlationId, userId: record.userId, flowId: record.flowId, status: 'running', startedAt: record.time,
    lastAt: record.time, steps: 0, errors: 0, ended: '0/1', waiting: '0/1', cancelled: false, parked: false, timersSet: '0/1', timersFired: '0/1',
  };
}

/** What one record adds to its run, except what follows from the shares (see settle). */
function addRecord(next: RunState, record: LogRecord): void {
  next.startedAt = Math.min(next.startedAt, record.time);
  next.lastAt = Math.max(next.lastAt, record.time);
  if (record.direction === 'in') next.steps += 1;
  if (record.direction === 'error') {
    next.errors += 1;
    if (record.severity === 'error') {
      next.parked = true;
      if (!next.failure || next.failure.time <= record.time) {
        next.failure = {
          componentId: record.componentId, componentType: record.componentType, time: record.time,
          error: record.error ?? { code: 'component.error', message: 'The component failed.' },
        };
      }
    }
  }
  const mark = record.run;
  if (mark) {
    if (mark.ended) next.ended = addShares(next.ended, mark.ended);
    if (mark.timers) next.timersSet = addShares(next.timersSet, mark.timers);
    if (mark.fromTimer) next.timersFired = addShares(next.timersFired, mark.fromTimer);
    if (mark.cancelled) next.cancelled = true;
  }
}

/**
 * The waiting share, status and end time: functions of the run's sums alone, so a batch works
 * them out once per run, not once per record (the exact-fraction arithmetic was most of the fold).
 */
function settle(next: RunState): RunState {
  next.waiting = subtractShare(next.timersSet, next.timersFired);
  next.status = runStatus(next);
  if (next.status === 'succeeded' || next.status === 'failed' || next.status === 'cancelled') next.endedAt = next.lastAt;
  else delete next.endedAt;
  return next;
}

/**
 * Cancelled wins; every share back means it succeeded (also after a parked message was retried
 * and went through); a parked message still out means it failed; the rest waiting in timers means
 * it waits; else it runs.
 */
export function runStatus(run: Pick<RunState, 'cancelled' | 'ended' | 'parked' | 'waiting'>): RunStatus {
  if (run.cancelled) return 'cancelled';
  if (isWhole(run.ended)) return 'succeeded';
  if (run.parked) return 'failed';
  if (isSome(run.waiting) && isWhole(addShares(run.ended, run.waiting))) return 'waiting';
  return 'running';
}

/**
 * Fold a batch into the runs it touches: `load` gives a run's stored state, if any. Gives what
 * folding the records one by one with foldRun gives, settling each run once at the end.
 */
export function foldBatch(records: readonly LogRecord[], load: (userId: string, correlationId: string) => RunState | undefined): Map<string, RunState> {
  const touched = new Map<string, RunState>();
  for (const record of records) {
    if (!countsForRun(record)) continue;
    const key = `${record.userId}\u0000${record.correlationId}`;
    let run = touched.get(key);
    if (run === undefined) {
      const stored = load(record.userId, record.correlationId);
      run = stored ? { ...stored } : newRun(record);
      touched.set(key, run);
    }
    addRecord(run, record);
  }
  for (const run of touched.values()) settle(run);
  return touched;
}

/** The public summary: the timers' bookkeeping stays inside. */
export function publicRun({ timersSet: _set, timersFired: _fired, ...run }: RunState): RunSummary {
  return run;
}
