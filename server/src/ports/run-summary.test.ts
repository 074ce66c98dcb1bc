import { describe, expect, it } from 'vitest';
import type { LogRecord } from './log-index.ts';
import { foldBatch, foldRun, type RunState } from './run-summary.ts';

const record = (i: number, correlationId: string, extra: Partial<LogRecord>): LogRecord => ({
  id: `r${i}`, time: 1000 + ((i * 37) % 50), userId: 'u', flowId: 'f', componentId: `c${i % 3}`, componentType: 't', port: 'p', direction: 'in',
  severity: 'info', correlationId, messageId: `m${i}`, payload: null, truncated: false, ...extra,
});

describe('foldBatch', () => {
  // The batch settles each run's status once at the end; folding record by record settles it every time.
  it('gives what folding the records one by one gives, from nothing and from a stored state', () => {
    const records: LogRecord[] = [
      record(0, 'a', { direction: 'out' }),
      record(1, 'a', { run: { timers: '1/2' } }),
      record(2, 'b', { direction: 'error', severity: 'error', error: { code: 'x', message: 'boom' } }),
      record(3, 'a', { run: { fromTimer: '1/2', ended: '1/4' } }),
      record(4, 'c', { direction: 'log' }),
      record(5, 'b', { run: { ended: '1/1' } }),
      record(6, 'a', { run: { ended: '1/4' } }),
      record(7, 'c', { direction: 'log', run: { cancelled: true } }),
      record(8, 'd', { run: { timers: '1/2', ended: '1/2' } }),
      record(9, '', { direction: 'out' }),
    ];
    const stored = new Map<string, RunState>();
    const one = foldRun(undefined, record(10, 'a', { time: 900, run: { ended: '1/2' } }))!;
    stored.set('a', one);
    for (const load of [() => undefined, (_user: string, correlationId: string) => stored.get(correlationId)]) {
      const expected = new Map<string, RunState>();
      for (const r of records) {
        if (r.correlationId === '' || (r.direction === 'log' && r.run === undefined)) continue;
        const before = expected.get(r.correlationId) ?? load('u', r.correlationId);
        expected.set(r.correlationId, foldRun(before, r)!);
      }
      const folded = foldBatch(records, load);
      expect(new Map([...folded].map(([, run]) => [run.correlationId, run]))).toEqual(expected);
      expect([...folded.values()].map((run) => [run.correlationId, run.status])).toEqual(
        load('u', 'a') ? [['a', 'succeeded'], ['b', 'succeeded'], ['c', 'cancelled'], ['d', 'waiting']] : [['a', 'running'], ['b', 'succeeded'], ['c', 'cancelled'], ['d', 'waiting']],
      );
    }
    // The stored state is read, never changed in place.
    expect(stored.get('a')).toEqual(one);
  });
});
