import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLogIndexContract } from '../../ports/log-index.contract.ts';
import type { LogIndex, LogQuery } from '../../ports/log-index.ts';
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

  // Whole-hour histograms read log_hours (per user, hour, flow, component, direction, severity) and count only
  // the partial hours at the edges from the records: the same buckets as the records give.
  it('gives the same whole-hour buckets from the per-hour counts as from the records, before and after retention', async () => {
    const file = join(dir, 'hours.sqlite');
    const db = new Database(file);
    const index = new EmbeddedLogIndex({ database: db });
    try {
      const base = 1_700_000_000_000 + 1234;
      const directions = ['in', 'out', 'error', 'log'] as const;
      const severities = ['info', 'warn', 'error'] as const;
      const records = Array.from({ length: 3000 }, (_, i) => ({
        id: `h${i}`, time: base + ((i * 7919) % 3000) * 97_003, userId: i % 7 === 0 ? 'v' : 'u', flowId: `f${i % 3}`, componentId: `c${i % 4}`,
        componentType: 't', port: 'p', direction: directions[i % 4]!, severity: severities[i % 3]!, correlationId: `k${i}`, messageId: 'm',
        payload: 'plain', truncated: false,
      }));
      // In batches, with one appended twice: a record already there adds nothing to the counts.
      await index.append(records.slice(0, 1700));
      await index.append(records.slice(1500));
      type Kept = (r: (typeof records)[number]) => boolean;
      const expected = (kept: readonly (typeof records)[number][], keep: Kept, interval: number) => {
        const counts = new Map<number, number>();
        for (const r of kept.filter(keep)) counts.set(Math.floor(r.time / interval) * interval, (counts.get(Math.floor(r.time / interval) * interval) ?? 0) + 1);
        return [...counts].sort(([a], [b]) => a - b).map(([start, count]) => ({ start, count }));
      };
      const H = 3_600_000;
      const from = base + 5 * H + 777;
      const to = base + 60 * H + 12_345;
      const check = async (kept: readonly (typeof records)[number][]) => {
        const inSpan: Kept = (r) => r.time >= from && r.time < to;
        for (const interval of [H, 2 * H, 3 * H, 24 * H]) {
          expect(await index.histogram({ userId: 'u' }, interval)).toEqual(expected(kept, (r) => r.userId === 'u', interval));
          expect(await index.histogram({ userId: 'u', from, to }, interval)).toEqual(expected(kept, (r) => r.userId === 'u' && inSpan(r), interval));
          expect(await index.histogram({ userId: ['u', 'v'], from }, interval)).toEqual(expected(kept, (r) => r.time >= from, interval));
          expect(await index.histogram({ userId: null, to }, interval)).toEqual(expected(kept, (r) => r.time < to, interval));
          expect(await index.histogram({ userId: 'u', flowId: 'f1', severity: 'error', from, to }, interval)).toEqual(
            expected(kept, (r) => r.userId === 'u' && r.flowId === 'f1' && r.severity === 'error' && inSpan(r), interval),
          );
          expect(await index.histogram({ userId: 'v', direction: 'out' }, interval)).toEqual(expected(kept, (r) => r.userId === 'v' && r.direction === 'out', interval));
          expect(await index.histogram({ userId: 'u', componentId: 'c2', from }, interval)).toEqual(expected(kept, (r) => r.userId === 'u' && r.componentId === 'c2' && r.time >= from, interval));
        }
        expect(await index.histogram({ userId: 'u', flowId: 'nope' }, H)).toEqual([]);
        expect(await index.histogram({ userId: 'nobody' }, H)).toEqual([]);
        // The table holds exactly what grouping the records gives.
        const grouped = `SELECT user_key, CAST(floor(time / ${H}.0) AS INTEGER) AS hour, flow_key, component_key, direction, severity, count(*) AS count
          FROM log_entries GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;
        expect(db.prepare('SELECT * FROM log_hours ORDER BY 1, 2, 3, 4, 5, 6').all()).toEqual(db.prepare(grouped).all());
      };
      await check(records);
      // A retention cut in the middle of an hour: the hours before go, that hour keeps what is left.
      const cut = base + 20 * H + 1_800_123;
      await index.deleteBefore(cut);
      await check(records.filter((r) => r.time >= cut));
    } finally {
      await index.close();
      db.close();
    }
  });

  it('reads whole-hour histograms from the per-hour counts, others from the records', async () => {
    const db = new Database(join(dir, 'hours-used.sqlite'));
    const index = new EmbeddedLogIndex({ database: db });
    try {
      const H = 3_600_000;
      await index.append(Array.from({ length: 10 }, (_, i) => ({
        id: `u${i}`, time: 10 * H + i * 60_000, userId: 'u', flowId: 'f', componentId: 'c', componentType: 't', port: 'p', direction: 'in' as const,
        severity: 'info' as const, correlationId: 'k', messageId: 'm', payload: 'word', truncated: false,
      })));
      db.exec('UPDATE log_hours SET count = count + 100');
      expect(await index.histogram({ userId: 'u', from: 9 * H, to: 12 * H }, H)).toEqual([{ start: 10 * H, count: 110 }]);
      expect(await index.histogram({ userId: 'u', from: 9 * H, to: 12 * H }, 60 * 60_000 / 2)).toEqual([{ start: 10 * H, count: 10 }]);
      expect(await index.histogram({ userId: 'u', from: 9 * H, to: 12 * H, q: 'word' }, H)).toEqual([{ start: 10 * H, count: 10 }]);
      expect(await index.histogram({ userId: 'u', from: 9 * H, to: 12 * H, componentId: 'c' }, H)).toEqual([{ start: 10 * H, count: 110 }]);
      expect(await index.histogram({ userId: 'u', from: 9 * H, to: 12 * H, correlationId: 'k' }, H)).toEqual([{ start: 10 * H, count: 10 }]);
    } finally {
      await index.close();
      db.close();
    }
  });

  it('back-fills the per-hour counts when a file from before them is opened', async () => {
    const file = join(dir, 'before-hours.sqlite');
    const H = 3_600_000;
    const records = Array.from({ length: 50 }, (_, i) => ({
      id: `b${i}`, time: 5 * H + i * 11 * 60_000, userId: 'u', flowId: `f${i % 2}`, componentId: 'c', componentType: 't', port: 'p',
      direction: 'in' as const, severity: i % 5 === 0 ? ('error' as const) : ('info' as const), correlationId: 'k', messageId: 'm', payload: 1, truncated: false,
    }));
    const first = new EmbeddedLogIndex({ file });
    await first.append(records);
    await first.close();
    // As the previous version left it: no log_hours, the logs scope at migration 1 (or none at all).
    for (const rewind of ["DELETE FROM weft_migrations WHERE scope = 'logs' AND version = 2", "DELETE FROM weft_migrations WHERE scope = 'logs'"]) {
      const raw = new Database(file);
      raw.exec(`DROP TABLE log_hours; ${rewind}`);
      raw.close();
      const index = new EmbeddedLogIndex({ file });
      try {
        const counts = new Map<number, number>();
        for (const r of records.filter((r) => r.flowId === 'f1')) counts.set(Math.floor(r.time / H) * H, (counts.get(Math.floor(r.time / H) * H) ?? 0) + 1);
        expect(await index.histogram({ userId: 'u', flowId: 'f1' }, H)).toEqual([...counts].map(([start, count]) => ({ start, count })));
      } finally {
        await index.close();
      }
      const check = new Database(file, { readonly: true });
      try {
        expect(check.prepare('SELECT sum(count) AS n FROM log_hours').get()).toEqual({ n: 50 });
        expect(check.prepare("SELECT max(version) AS v FROM weft_migrations WHERE scope = 'logs'").get()).toEqual({ v: 2 });
      } finally {
        check.close();
      }
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
      expect(db.prepare('SELECT sum(count) AS n FROM log_hours').get()).toEqual({ n: 13 });
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

  // Full text is read in windows of time, each asking the search index only for the seqs its
  // records span. Records arrive roughly, not strictly, in time order: every page must still be
  // exactly the page of one query over everything, whatever the window sizes.
  describe('when a full-text search walks windows of time', () => {
    const base = 1_700_000_000_000;
    // 600 records appended in batches of 50, about four to a millisecond so that window edges fall
    // on shared timestamps, times drifting ±10 ms from their turn; ten appended late with the
    // oldest times (new seqs, old times) and ten early with the newest.
    const records = Array.from({ length: 600 }, (_, i) => {
      const time = i % 60 === 13 ? base + (i % 7) : i % 60 === 29 ? base + 200 + (i % 3) : base + Math.floor(i / 4) + ((i * 7919) % 21) - 10;
      return {
        id: `w${i}`, time, userId: i % 11 === 0 ? 'other' : 'u', flowId: i % 3 === 0 ? 'f1' : 'f2', componentId: 'c', componentType: 't', port: 'p',
        direction: (['in', 'out', 'error', 'log'] as const)[i % 4]!, severity: i % 7 === 0 ? ('error' as const) : ('info' as const), correlationId: `k${i}`, messageId: `m${i % 2}`,
        // 'needle' in every 4th record, 'rare' in 3 (the oldest late-appended one among them), 'hay' in the rest.
        payload: { note: i === 13 || i === 301 || i === 598 ? 'rare' : i % 4 === 1 ? 'needle' : 'hay' }, truncated: false,
      };
    });
    type Kept = (r: (typeof records)[number]) => boolean;
    /** What one query over every record gives, in the order asked: (time, seq) with seq the order of appending. */
    const expected = (keep: Kept, order: 'asc' | 'desc') => {
      const sorted = records.map((r, seq) => ({ r, seq })).filter(({ r }) => keep(r)).sort((a, b) => a.r.time - b.r.time || a.seq - b.seq).map(({ r }) => r.id);
      return order === 'asc' ? sorted : sorted.reverse();
    };
    const note = (r: (typeof records)[number]) => r.payload.note;

    for (const searchWindowRecords of [1, 4, 50, 10_000]) {
      it(`pages exactly as one query would (a window of ${searchWindowRecords} records)`, async () => {
        const index = new EmbeddedLogIndex({ file: join(dir, `windows-${searchWindowRecords}.sqlite`), searchWindowRecords });
        try {
          for (let i = 0; i < records.length; i += 50) await index.append(records.slice(i, i + 50));
          const cases: [LogQuery, Kept][] = [
            [{ userId: 'u', q: 'needle' }, (r) => r.userId === 'u' && note(r) === 'needle'],
            [{ userId: 'u', q: 'rare' }, (r) => r.userId === 'u' && note(r) === 'rare'],
            [{ userId: 'u', q: 'nothing' }, () => false],
            [{ userId: 'u', q: 'needle', flowId: 'f1' }, (r) => r.userId === 'u' && note(r) === 'needle' && r.flowId === 'f1'],
            [{ userId: 'u', q: 'hay', from: base + 30, to: base + 100 }, (r) => r.userId === 'u' && note(r) === 'hay' && r.time >= base + 30 && r.time < base + 100],
            [{ userId: ['u', 'other'], q: 'needle' }, (r) => note(r) === 'needle'],
            [{ userId: null, q: 'hay', to: base + 90 }, (r) => note(r) === 'hay' && r.time < base + 90],
            // Each filter the windows read on its own index, and one they test on the records.
            [{ userId: 'u', q: 'hay', severity: 'error' }, (r) => r.userId === 'u' && note(r) === 'hay' && r.severity === 'error'],
            [{ userId: 'u', q: 'needle', direction: 'in', componentId: 'c' }, (r) => r.userId === 'u' && note(r) === 'needle' && r.direction === 'in'],
            [{ userId: 'u', q: 'hay', messageId: 'm1', from: base + 20 }, (r) => r.userId === 'u' && note(r) === 'hay' && r.messageId === 'm1' && r.time >= base + 20],
            [{ userId: null, q: 'hay', flowId: 'f1', severity: 'error' }, (r) => note(r) === 'hay' && r.flowId === 'f1' && r.severity === 'error'],
          ];
          for (const [query, keep] of cases) {
            for (const order of ['desc', 'asc'] as const) {
              for (const limit of [1, 7, 1000]) {
                const visited = await collectIds(index, { ...query, order, limit });
                expect(visited, `${JSON.stringify(query)} ${order} limit ${limit}`).toEqual(expected(keep, order));
              }
            }
          }
        } finally {
          await index.close();
        }
      });
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

/** Every id a query visits, page by page through its cursors. */
async function collectIds(index: LogIndex, query: LogQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await index.query(cursor === undefined ? query : { ...query, cursor });
    ids.push(...page.records.map((r) => r.id));
    if (page.nextCursor === undefined) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('more than 1000 pages');
}
