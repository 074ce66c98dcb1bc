import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../ports/log-index.ts';
import { packRecords, unpackRecords } from './log-batch.ts';

const base = (i: number, over: Partial<LogRecord> = {}): LogRecord => ({
  id: `m${i}:in`, time: 1_796_000_000_000 + i, userId: 'user-1', flowId: 'flow-1', componentId: `s${i}`, componentType: 'weft.utils.transform.Set',
  port: 'in', direction: 'in', severity: 'info', correlationId: 'run-1', messageId: `m${i}`, payload: { values: { step: i } }, truncated: false, ...over,
});

describe('a batch of log records for the log index thread', () => {
  it('gives back every record as JSON would, optional fields absent where they were, ids carried from the record before', () => {
    const records: LogRecord[] = [
      base(1, { durationMs: 3, run: { ended: '1/2' } }),
      base(2, { direction: 'out', port: 'out', payload: null }),
      base(3, { userId: 'user-2', payload: 'a "quoted" preview…', truncated: true }),
      base(4, { userId: 'user-2', direction: 'error', severity: 'error', error: { code: 'component.error', message: 'boom' }, durationMs: 0 }),
      base(5, { flowId: 'flow-2', correlationId: 'run-2', run: { timers: '1/4', fromTimer: '1/2', cancelled: true }, payload: { at: new Date(0), list: [1, null, 'x'] } }),
      base(6, { correlationId: 'run-1', payload: undefined }),
      base(7),
    ];
    expect(unpackRecords(packRecords(records))).toEqual(JSON.parse(JSON.stringify(records)).map((r: LogRecord) => ({ ...r, payload: r.payload ?? null })));
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });

  it('is much shorter than the records\' own JSON for the records of one run', () => {
    const records = Array.from({ length: 100 }, (_, i) => base(i, { userId: '2a139b8a-a9bf-4281-bcbf-627a335b60b5', flowId: '006bc20a-f6d3-4a2b-a3c3-2a2d8dfa67d9', correlationId: '7f553ce4-b2e2-48ce-b91f-d1261815df9a' }));
    expect(packRecords(records).length).toBeLessThan(0.6 * JSON.stringify(records).length);
  });
});
