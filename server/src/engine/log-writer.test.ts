import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../ports/log-index.ts';
import { LogWriter } from './log-writer.ts';

const record = (i: number): Omit<LogRecord, 'payload' | 'truncated'> => ({
  id: `m${i}:in`, time: i, userId: 'u', flowId: 'f', componentId: 'c', componentType: 't', port: 'in', direction: 'in', severity: 'info', correlationId: 'k', messageId: `m${i}`,
});

describe('the log writer', () => {
  it('hands a batch over once its records take batchBytes, before batchSize of them wait', async () => {
    const batches: number[] = [];
    const writer = new LogWriter({ append: async (records) => void batches.push(records.length) }, { batchSize: 500, batchBytes: 32 * 1024, intervalMs: 60_000, payloadLimitBytes: 16_384, onError: () => {} });
    for (let i = 0; i < 10; i++) writer.write(record(i), { text: 'x'.repeat(10_000) });
    await writer.flush();
    // ~10 KB a record: a batch every 4 (the fourth passes 32 KB), and the 2 left on the final flush.
    expect(batches).toEqual([4, 4, 2]);
  });

  it('counts records only when batchBytes is unset', async () => {
    const batches: number[] = [];
    const writer = new LogWriter({ append: async (records) => void batches.push(records.length) }, { batchSize: 3, intervalMs: 60_000, payloadLimitBytes: 16_384, onError: () => {} });
    for (let i = 0; i < 7; i++) writer.write(record(i), { text: 'x'.repeat(10_000) });
    await writer.flush();
    expect(batches).toEqual([3, 3, 1]);
  });
});
