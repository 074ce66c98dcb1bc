import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  // Histograms count bucket by bucket over an index range when they can, by one GROUP BY otherwise
  // (full text, or too many buckets): both must give what the integer division of each time gives.
  it('gives the same buckets counted one by one as grouped, at unaligned edges and with filters', async () => {
    const index = new EmbeddedLogIndex({ file: join(dir, 'histogram.sqlite') });
    try {
      const base = 1_700_000_000_000;
      const records = Array.from({ length: 400 }, (_, i) => ({
        id: `h${i}`, time: base + ((i * 7919) % 100_000) * 37, userId: 'u', flowId: i % 3 === 0 ? 'f1' : 'f2', componentId: 'c', componentType: 't',
        port: 'p', direction: 'in' as const, severity: i % 10 === 0 ? 'error' as const : 'info' as const, correlationId: `k${i}`, messageId: 'm',
        payload: i % 5 === 0 ? 'zebra' : 'plain', truncated: false,
      }));
      await index.append(records);
      const expected = (keep: (r: (typeof records)[number]) => boolean, interval: number) => {
        const counts = new Map<number, number>();
        for (const r of records.filter(keep)) counts.set(Math.floor(r.time / interval) * interval, (counts.get(Math.floor(r.time / interval) * interval) ?? 0) + 1);
        return [...counts].sort(([a], [b]) => a - b).map(([start, count]) => ({ start, count }));
      };
      const from = base + 123_457;
      const to = base + 3_000_001;
      expect(await index.histogram({ userId: 'u' }, 60_000)).toEqual(expected(() => true, 60_000));
      expect(await index.histogram({ userId: 'u', from, to }, 60_000)).toEqual(expected((r) => r.time >= from && r.time < to, 60_000));
      expect(await index.histogram({ userId: 'u', flowId: 'f1', severity: 'error' }, 600_000)).toEqual(expected((r) => r.flowId === 'f1' && r.severity === 'error', 600_000));
      expect(await index.histogram({ userId: 'u', q: 'zebra' }, 60_000)).toEqual(expected((r) => r.payload === 'zebra', 60_000));
      // 1 s over ~1 h: more buckets than are counted one by one.
      expect(await index.histogram({ userId: 'u' }, 1000)).toEqual(expected(() => true, 1000));
      expect(await index.histogram({ userId: 'nobody' }, 60_000)).toEqual([]);
      expect(await index.histogram({ userId: 'u', from: to, to: from }, 60_000)).toEqual([]);
    } finally {
      await index.close();
    }
  });

  // test/fixtures/logs-v1.sqlite was written by the v1 index (strings in every row): 12 records
  // of 6 runs for users u1 and u2, run-3's webhook payload says "zebra", run-4's Set failed.
  it('upgrades a v1 file in place: every record, the search index and new appends', async () => {
    const file = join(dir, 'v1.sqlite');
    copyFileSync(join(import.meta.dirname, '../../../test/fixtures/logs-v1.sqlite'), file);
    const index = new EmbeddedLogIndex({ file });
    try {
      const u1 = (await index.query({ userId: 'u1', order: 'asc' })).records;
      expect(u1.map((r) => r.id)).toEqual(['run-0:0', 'run-0:1', 'run-2:0', 'run-2:1', 'run-4:0', 'run-4:1']);
      expect(u1[3]).toEqual({
        id: 'run-2:1', time: 1021, userId: 'u1', flowId: 'f2', componentId: 'set', componentType: 'weft.utils.transform.Set', port: 'in',
        direction: 'in', severity: 'info', correlationId: 'run-2', messageId: 'run-2:set', payload: { n: 2 }, truncated: true, durationMs: 0.5,
      });
      expect((await index.query({ userId: 'u1', severity: 'error' })).records.map((r) => [r.id, r.direction, r.error])).toEqual([
        ['run-4:1', 'error', { code: 'component.failed', message: 'Cannot read who' }],
      ]);
      expect((await index.query({ userId: 'u2', q: 'zebra' })).records.map((r) => r.id)).toEqual(['run-3:0']);
      expect((await index.query({ userId: 'u2', componentId: 'set', direction: 'in' })).records.map((r) => r.id)).toEqual(['run-5:1', 'run-3:1', 'run-1:1']);
      expect((await index.query({ userId: 'u2', flowId: 'f0' })).records.map((r) => r.id)).toEqual(['run-3:1', 'run-3:0']);
      await index.append([{ id: 'run-9:0', time: 2000, userId: 'u2', flowId: 'f0', componentId: 'hook', componentType: 'weft.utils.http.Webhook', port: 'out', direction: 'out', severity: 'warn', correlationId: 'run-9', messageId: 'm', payload: 'zebra again', truncated: false }]);
      expect((await index.query({ userId: 'u2', q: 'zebra' })).records.map((r) => r.id)).toEqual(['run-9:0', 'run-3:0']);
      expect((await index.query({ userId: 'u2', severity: 'warn' })).records.map((r) => r.id)).toEqual(['run-9:0']);
    } finally {
      await index.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'log_records'").all()).toEqual([]);
      expect(db.prepare('SELECT count(*) AS n FROM log_entries').get()).toEqual({ n: 13 });
    } finally {
      db.close();
    }
  });

  it('answers a filter that matches nothing from an index, not by reading the records', async () => {
    const file = join(dir, 'plan.sqlite');
    const index = new EmbeddedLogIndex({ file });
    await index.close();
    const db = new Database(file, { readonly: true });
    try {
      for (const column of ['severity', 'direction', 'component_key', 'flow_key']) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM log_entries WHERE user_key = ? AND ${column} = ? ORDER BY time DESC, seq DESC LIMIT 51`).all(1, 2) as { detail: string }[];
        expect(plan.map((step) => step.detail).join('; ')).toMatch(new RegExp(`USING INDEX log_entries_user_${column.replace('_key', '')}_time \\(user_key=\\? AND ${column}=\\?\\)`));
      }
    } finally {
      db.close();
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
