import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLogIndexContract } from '../../ports/log-index.contract.ts';
import { EmbeddedLogIndex } from './log-index.ts';
import { ThreadedLogIndex } from './log-index-thread.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-log-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every index of the contract opens the same file, as every Elasticsearch index reaches the same cluster.
const file = join(dir, 'contract.sqlite');
describeLogIndexContract('EmbeddedLogIndex', async () => new EmbeddedLogIndex({ file }));

describe('EmbeddedLogIndex', () => {
  it('finds words by their beginning', async () => {
    const index = new EmbeddedLogIndex({ file: join(dir, 'prefix.sqlite') });
    try {
      await index.append([{ id: 'r1', time: 1, userId: 'u', flowId: 'f', componentId: 'c', componentType: 't', port: 'p', direction: 'in', severity: 'info', correlationId: 'k', messageId: 'm', payload: { item: 'invoice' }, truncated: false }]);
      expect((await index.query({ userId: 'u', q: 'invo' })).records.map((r) => r.id)).toEqual(['r1']);
    } finally {
      await index.close();
    }
  });

  it('rejects a cursor it did not hand out', async () => {
    const index = new EmbeddedLogIndex({ file: join(dir, 'cursor.sqlite') });
    try {
      await expect(index.query({ userId: 'u', cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'log.bad_cursor' });
    } finally {
      await index.close();
    }
  });
});

describeLogIndexContract('ThreadedLogIndex', async () => new ThreadedLogIndex({ file: join(dir, 'threaded.sqlite') }));

describe('ThreadedLogIndex', () => {
  it('hands back the thread’s errors with their code and path', async () => {
    const index = new ThreadedLogIndex({ file: join(dir, 'threaded-errors.sqlite') });
    try {
      await expect(index.query({ userId: 'u', cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'log.bad_cursor', status: 400, path: 'cursor' });
    } finally {
      await index.close();
    }
    await expect(index.query({ userId: 'u' })).rejects.toMatchObject({ code: 'log.closed' });
  });

  it('shares its file with another process’s index, as `weft indexer` and `weft api` do', async () => {
    const file = join(dir, 'shared.sqlite');
    const writer = new ThreadedLogIndex({ file });
    const reader = new EmbeddedLogIndex({ file });
    try {
      await writer.append([{ id: 's1', time: 1, userId: 'u', flowId: 'f', componentId: 'c', componentType: 't', port: 'p', direction: 'in', severity: 'info', correlationId: 'k', messageId: 'm', payload: { at: new Date(0) }, truncated: false }]);
      expect((await reader.query({ userId: 'u' })).records.map((r) => r.payload)).toEqual([{ at: '1970-01-01T00:00:00.000Z' }]);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});
