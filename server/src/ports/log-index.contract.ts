/**
 * @module LogIndex contract: the behaviour every LogIndex adapter must show, run unchanged by each
 * adapter's `log-index.test.ts` (embedded, Elasticsearch, …).
 *
 * ```ts
 * describeLogIndexContract('EmbeddedLogIndex', async () => new EmbeddedLogIndex({ file: tempFile() }));
 * ```
 *
 * Records are visible to `query` as soon as `append` resolves. Each case writes under its own
 * user id, so an adapter may hand back indexes sharing one database. Histogram buckets with a
 * count of 0 may be present or absent; the cases ignore them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectCataloguedError, rejectionOf } from './catalogued-error.ts';
import { openPerCase } from './open-per-case.ts';
import type { LogIndex, LogPage, LogQuery, LogRecord, RunQuery, RunSummary } from './log-index.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

export function describeLogIndexContract(name: string, makeLogIndex: () => Promise<LogIndex>): void {
  describe(`LogIndex contract: ${name}`, () => {
    const open = openPerCase(makeLogIndex);

    it('returns appended records intact, newest first by default', async () => {
      const index = await open();
      const userId = uid();
      const full = aRecord({ userId, time: T0 + 2, durationMs: 12, error: { code: 'http.500', message: 'Upstream failed' }, severity: 'error', direction: 'error' });
      const bare = aRecord({ userId, time: T0 + 1, payload: 'a string preview…', truncated: true });
      const line = aRecord({ userId, time: T0 + 3, port: 'in', direction: 'log', severity: 'warn', payload: { level: 'warn', message: 'Slow upstream', data: { ms: 900 } } });
      await index.append([bare, full, line]);
      const page = await index.query({ userId });
      expect(page.records).toEqual([line, full, bare]);
      expect(page.nextCursor).toBeUndefined();
    });

    it('returns records oldest first when asked', async () => {
      const index = await open();
      const userId = uid();
      const records = [3, 1, 2].map((dt) => aRecord({ userId, time: T0 + dt }));
      await index.append(records);
      const page = await index.query({ userId, order: 'asc' });
      expect(page.records.map((r) => r.time)).toEqual([T0 + 1, T0 + 2, T0 + 3]);
    });

    it("never returns another user's records, whatever the other filters", async () => {
      const index = await open();
      const [userId, other] = [uid(), uid()];
      const shared = { flowId: 'f-shared', correlationId: 'c-shared', payload: { text: 'shared secret' } };
      await index.append([aRecord({ userId, ...shared }), aRecord({ userId: other, ...shared })]);
      for (const query of [{}, { flowId: 'f-shared' }, { correlationId: 'c-shared' }, { q: 'secret' }]) {
        const page = await index.query({ userId, ...query });
        expect(page.records.map((r) => r.userId)).toEqual([userId]);
      }
      const buckets = nonEmpty(await index.histogram({ userId }, 60_000));
      expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(1);
    });

    it('reads several owners at once (a tenant\'s members), none for an empty list, and every owner for null', async () => {
      const index = await open();
      const [first, second, outsider] = [uid(), uid(), uid()];
      const mark = uid();
      const records = [aRecord({ userId: first, time: T0 + 1, payload: { mark } }), aRecord({ userId: second, time: T0 + 2, payload: { mark } }), aRecord({ userId: outsider, time: T0 + 3, payload: { mark } })];
      await index.append(records);
      const members = await index.query({ userId: [first, second], order: 'asc' });
      expect(members.records.map((r) => r.userId)).toEqual([first, second]);
      expect((await index.query({ userId: [first, second], q: mark })).records).toHaveLength(2);
      expect((await index.query({ userId: [] })).records).toEqual([]);
      expect(nonEmpty(await index.histogram({ userId: [] }, 60_000))).toEqual([]);
      expect(nonEmpty(await index.histogram({ userId: [first, second] }, 60_000)).reduce((sum, b) => sum + b.count, 0)).toBe(2);
      const everyone = await index.query({ userId: null, q: mark, order: 'asc' });
      expect(everyone.records.map((r) => r.userId)).toEqual([first, second, outsider]);
    });

    it('filters by flow, component, correlation, message, direction, severity and time range', async () => {
      const index = await open();
      const userId = uid();
      const records = [
        aRecord({ userId, time: T0 + 0, flowId: 'f1', componentId: 'a', correlationId: 'c1', direction: 'in', severity: 'info' }),
        aRecord({ userId, time: T0 + 10, flowId: 'f1', componentId: 'b', correlationId: 'c1', direction: 'out', severity: 'warn' }),
        aRecord({ userId, time: T0 + 20, flowId: 'f2', componentId: 'a', correlationId: 'c2', direction: 'error', severity: 'error' }),
        aRecord({ userId, time: T0 + 30, flowId: 'f2', componentId: 'b', correlationId: 'c3', messageId: 'm-c3', direction: 'in', severity: 'info' }),
        aRecord({ userId, time: T0 + 40, flowId: 'f2', componentId: 'b', correlationId: 'c3', messageId: 'm-c3', direction: 'log', severity: 'warn' }),
      ];
      await index.append(records);
      const times = async (query: Omit<LogQuery, 'userId'>) => (await index.query({ userId, order: 'asc', ...query })).records.map((r) => r.time - T0);
      expect(await times({ flowId: 'f1' })).toEqual([0, 10]);
      expect(await times({ componentId: 'a' })).toEqual([0, 20]);
      expect(await times({ correlationId: 'c1' })).toEqual([0, 10]);
      expect(await times({ messageId: 'm-c3' })).toEqual([30, 40]);
      expect(await times({ direction: 'in' })).toEqual([0, 30]);
      expect(await times({ direction: 'log' })).toEqual([40]);
      expect(await times({ severity: 'error' })).toEqual([20]);
      expect(await times({ severity: 'warn' })).toEqual([10, 40]);
      expect(await times({ from: T0 + 10 })).toEqual([10, 20, 30, 40]);
      expect(await times({ to: T0 + 20 })).toEqual([0, 10]);
      expect(await times({ from: T0 + 10, to: T0 + 30 })).toEqual([10, 20]);
      expect(await times({ flowId: 'f2', componentId: 'b', direction: 'in' })).toEqual([30]);
      expect(await times({ flowId: 'nope' })).toEqual([]);
    });

    it('searches the payload text, the error message, the component type and id', async () => {
      const index = await open();
      const userId = uid();
      await index.append([
        aRecord({ userId, time: T0 + 1, payload: { customer: { note: 'Pineapple delivery' } } }),
        aRecord({ userId, time: T0 + 2, payload: 'truncated preview mentioning kumquat', truncated: true }),
        aRecord({ userId, time: T0 + 3, error: { code: 'x', message: 'Connection refused by mailserver' }, severity: 'error' }),
        aRecord({ userId, time: T0 + 4, componentType: 'salesforce', componentId: 'create-lead-7' }),
        aRecord({ userId, time: T0 + 5, payload: { unrelated: true } }),
      ]);
      const found = async (q: string) => (await index.query({ userId, q, order: 'asc' })).records.map((r) => r.time - T0);
      expect(await found('pineapple')).toEqual([1]);
      expect(await found('PINEAPPLE')).toEqual([1]);
      expect(await found('kumquat')).toEqual([2]);
      expect(await found('mailserver')).toEqual([3]);
      expect(await found('salesforce')).toEqual([4]);
      expect(await found('create-lead-7')).toEqual([4]);
      expect(await found('dragonfruit')).toEqual([]);
      // Query syntax characters are taken as text, never as an error.
      await expect(index.query({ userId, q: 'a"b (c* OR -d:' })).resolves.toBeDefined();
    });

    it('combines search with the other filters', async () => {
      const index = await open();
      const userId = uid();
      await index.append([
        aRecord({ userId, time: T0 + 1, flowId: 'f1', payload: { item: 'invoice' } }),
        aRecord({ userId, time: T0 + 2, flowId: 'f2', payload: { item: 'invoice' } }),
        aRecord({ userId, time: T0 + 3, flowId: 'f1', payload: { item: 'receipt' } }),
      ]);
      const page = await index.query({ userId, q: 'invoice', flowId: 'f1' });
      expect(page.records.map((r) => r.time - T0)).toEqual([1]);
    });

    it('applies the default limit of 50 and caps the limit at 1000', async () => {
      const index = await open();
      const userId = uid();
      await index.append(Array.from({ length: 60 }, (_, i) => aRecord({ userId, time: T0 + i })));
      expect((await index.query({ userId })).records).toHaveLength(50);
      expect((await index.query({ userId, limit: 5_000 })).records).toHaveLength(60);
      expect((await index.query({ userId, limit: 7 })).records).toHaveLength(7);
    });

    for (const order of ['desc', 'asc'] as const) {
      it(`pages with a cursor (${order}), visiting each record exactly once even when times are equal`, async () => {
        const index = await open();
        const userId = uid();
        const times = [0, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7];
        const records = times.map((dt) => aRecord({ userId, time: T0 + dt }));
        await index.append(records);
        const visited = await collectPages(index, { userId, order, limit: 4 }, Math.ceil(records.length / 4) + 1);
        expect(visited.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
        const visitedTimes = visited.map((r) => r.time);
        expect(visitedTimes).toEqual([...visitedTimes].sort((a, b) => (order === 'asc' ? a - b : b - a)));
      });
    }

    it('refuses a cursor it did not hand out as log.bad_cursor', async () => {
      const index = await open();
      expectCataloguedError(await rejectionOf(index.query({ userId: uid(), cursor: 'not-a-cursor' })), 'log.bad_cursor', { path: 'cursor' });
    });

    it('keeps the filters while paging with a cursor', async () => {
      const index = await open();
      const userId = uid();
      const records = Array.from({ length: 12 }, (_, i) => aRecord({ userId, time: T0 + (i % 3), flowId: i % 2 === 0 ? 'even' : 'odd', payload: { word: 'needle' } }));
      await index.append(records);
      const visited = await collectPages(index, { userId, flowId: 'even', q: 'needle', limit: 2 }, 5);
      expect(visited.map((r) => r.id).sort()).toEqual(records.filter((r) => r.flowId === 'even').map((r) => r.id).sort());
    });

    it('counts records in buckets aligned to the interval, honouring the filters', async () => {
      const index = await open();
      const userId = uid();
      const minute = 60_000;
      const base = T0 - (T0 % minute);
      const offsets = [5_000, 10_000, 59_999, minute, minute + 1, 3 * minute + 30_000];
      await index.append([
        ...offsets.map((dt) => aRecord({ userId, time: base + dt, flowId: 'f1' })),
        aRecord({ userId, time: base + 10, flowId: 'f2' }),
      ]);
      expect(nonEmpty(await index.histogram({ userId, flowId: 'f1' }, minute))).toEqual([
        { start: base, count: 3 },
        { start: base + minute, count: 2 },
        { start: base + 3 * minute, count: 1 },
      ]);
      expect(nonEmpty(await index.histogram({ userId }, minute))[0]).toEqual({ start: base, count: 4 });
      expect(nonEmpty(await index.histogram({ userId, from: base + minute, to: base + 2 * minute }, minute))).toEqual([{ start: base + minute, count: 2 }]);
      const hourly = nonEmpty(await index.histogram({ userId }, 3_600_000));
      expect(hourly.every((b) => b.start % 3_600_000 === 0)).toBe(true);
      expect(hourly.reduce((sum, b) => sum + b.count, 0)).toBe(7);
    });

    it('ignores an appended record whose id is already present', async () => {
      const index = await open();
      const userId = uid();
      const original = aRecord({ userId, payload: { version: 'original' } });
      await index.append([original]);
      await index.append([{ ...original, payload: { version: 'replayed' } }, aRecord({ userId, time: original.time + 1 })]);
      const page = await index.query({ userId, order: 'asc' });
      expect(page.records).toHaveLength(2);
      expect(page.records[0]).toEqual(original);
      expect((await index.query({ userId, q: 'replayed' })).records).toEqual([]);
    });

    it('deletes records older than a time', async () => {
      const index = await open();
      const userId = uid();
      await index.append([0, 1, 2, 3].map((dt) => aRecord({ userId, time: T0 + dt * 1_000, payload: { word: 'retention' } })));
      const deleted = await index.deleteBefore(T0 + 2_000);
      expect(typeof deleted).toBe('number');
      const left = await index.query({ userId, order: 'asc' });
      expect(left.records.map((r) => r.time - T0)).toEqual([2_000, 3_000]);
      expect((await index.query({ userId, q: 'retention' })).records).toHaveLength(2);
    });

    describe('run history', () => {
      const receive = (userId: string, correlationId: string, time: number, run?: LogRecord['run']) =>
        aRecord({ userId, correlationId, time, direction: 'in', port: 'in', ...(run ? { run } : {}) });

      it('keeps a run running until every share it handed out has come back, then succeeded', async () => {
        const index = await open();
        const userId = uid();
        await index.append([receive(userId, 'r1', T0), receive(userId, 'r1', T0 + 5, { ended: '1/2' })]);
        expect(await index.run(userId, 'r1')).toMatchObject({ status: 'running', steps: 2, startedAt: T0, lastAt: T0 + 5 });
        expect((await index.run(userId, 'r1'))?.endedAt).toBeUndefined();
        await index.append([receive(userId, 'r1', T0 + 9, { ended: '1/2' })]);
        expect(await index.run(userId, 'r1')).toMatchObject({ status: 'succeeded', steps: 3, endedAt: T0 + 9, errors: 0, flowId: 'f-1' });
      });

      it('counts a record appended twice once', async () => {
        const index = await open();
        const userId = uid();
        const half = receive(userId, 'r1', T0, { ended: '1/2' });
        await index.append([half]);
        await index.append([half]);
        expect(await index.run(userId, 'r1')).toMatchObject({ status: 'running', steps: 1 });
      });

      it('says waiting while the rest of the run sits in timers, and running again once a timer fired', async () => {
        const index = await open();
        const userId = uid();
        await index.append([receive(userId, 'r1', T0, { timers: '1/2', ended: '1/2' })]);
        expect((await index.run(userId, 'r1'))?.status).toBe('waiting');
        await index.append([receive(userId, 'r1', T0 + 1000, { fromTimer: '1/2' })]);
        expect((await index.run(userId, 'r1'))?.status).toBe('running');
        await index.append([receive(userId, 'r1', T0 + 1001, { ended: '1/2' })]);
        expect((await index.run(userId, 'r1'))?.status).toBe('succeeded');
      });

      it('says failed with the failing component and error once a message is parked, and succeeded if its retry goes through', async () => {
        const index = await open();
        const userId = uid();
        const warn = aRecord({ userId, correlationId: 'r1', time: T0 + 1, direction: 'error', severity: 'warn', componentId: 'http-1', error: { code: 'http.500', message: 'attempt 1 failed' } });
        const parked = aRecord({ userId, correlationId: 'r1', time: T0 + 2, direction: 'error', severity: 'error', componentId: 'http-1', componentType: 'weft.http', error: { code: 'http.500', message: 'Upstream failed' } });
        await index.append([receive(userId, 'r1', T0), warn, parked]);
        const failed = await index.run(userId, 'r1');
        expect(failed).toMatchObject({ status: 'failed', errors: 2, endedAt: T0 + 2, failure: { componentId: 'http-1', componentType: 'weft.http', error: { code: 'http.500', message: 'Upstream failed' } } });
        await index.append([receive(userId, 'r1', T0 + 60_000, { ended: '1/1' })]);
        expect((await index.run(userId, 'r1'))?.status).toBe('succeeded');
      });

      it('says cancelled once a cancel record is appended, whatever else comes', async () => {
        const index = await open();
        const userId = uid();
        const cancel = aRecord({ userId, correlationId: 'r1', time: T0 + 1, direction: 'log', severity: 'warn', run: { cancelled: true } });
        await index.append([receive(userId, 'r1', T0), cancel]);
        expect((await index.run(userId, 'r1'))?.status).toBe('cancelled');
        await index.append([receive(userId, 'r1', T0 + 2, { ended: '1/1' })]);
        expect((await index.run(userId, 'r1'))?.status).toBe('cancelled');
      });

      it('makes no run of component log lines alone', async () => {
        const index = await open();
        const userId = uid();
        await index.append([aRecord({ userId, correlationId: 'r1', direction: 'log' })]);
        expect(await index.run(userId, 'r1')).toBeUndefined();
        expect((await index.runs({ userId })).runs).toEqual([]);
      });

      it('lists runs newest first, filtered by flow, status and start time, and pages each exactly once', async () => {
        const index = await open();
        const userId = uid();
        const records: LogRecord[] = [];
        for (let i = 0; i < 7; i += 1) {
          records.push(aRecord({ userId, correlationId: `r${i}`, time: T0 + i * 1000, direction: 'in', flowId: i % 2 === 0 ? 'f-even' : 'f-odd', ...(i < 5 ? { run: { ended: '1/1' } } : {}) }));
        }
        await index.append(records);
        const all = await collectRuns(index, { userId, limit: 3 });
        expect(all.map((run) => run.correlationId)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
        expect((await index.runs({ userId, flowId: 'f-even' })).runs.map((run) => run.correlationId)).toEqual(['r6', 'r4', 'r2', 'r0']);
        expect((await index.runs({ userId, status: 'running' })).runs.map((run) => run.correlationId)).toEqual(['r6', 'r5']);
        expect((await index.runs({ userId, from: T0 + 2000, to: T0 + 4000 })).runs.map((run) => run.correlationId)).toEqual(['r3', 'r2']);
        expect((await collectRuns(index, { userId, status: 'succeeded', limit: 2 })).map((run) => run.correlationId)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
      });

      it("never shows another user's runs", async () => {
        const index = await open();
        const [userId, other] = [uid(), uid()];
        await index.append([receive(other, 'shared', T0)]);
        expect(await index.run(userId, 'shared')).toBeUndefined();
        expect((await index.runs({ userId })).runs).toEqual([]);
        expect((await index.runs({ userId: other })).runs.map((run) => run.correlationId)).toEqual(['shared']);
      });

      it('lists the runs of several owners, of none, and of every owner', async () => {
        const index = await open();
        const [first, second, outsider] = [uid(), uid(), uid()];
        const [c1, c2, c3] = [uid(), uid(), uid()];
        await index.append([receive(first, c1, T0 + 1), receive(second, c2, T0 + 2), receive(outsider, c3, T0 + 3)]);
        expect((await index.runs({ userId: [first, second] })).runs.map((run) => run.correlationId)).toEqual([c2, c1]);
        expect((await index.runs({ userId: [] })).runs).toEqual([]);
        expect((await index.runs({ userId: null, limit: 200 })).runs.map((run) => run.correlationId)).toEqual(expect.arrayContaining([c1, c2, c3]));
      });

      it('refuses a run cursor it did not hand out as log.bad_cursor', async () => {
        const index = await open();
        expectCataloguedError(await rejectionOf(index.runs({ userId: uid(), cursor: 'nope' })), 'log.bad_cursor');
      });
    });
  });
}

async function collectRuns(index: LogIndex, query: RunQuery): Promise<RunSummary[]> {
  const visited: RunSummary[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await index.runs(cursor === undefined ? query : { ...query, cursor });
    visited.push(...page.runs);
    if (page.nextCursor === undefined) return visited;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

async function collectPages(index: LogIndex, query: LogQuery, maxPages: number): Promise<LogRecord[]> {
  const visited: LogRecord[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages += 1) {
    expect(pages).toBeLessThan(maxPages);
    const page: LogPage = await index.query(cursor === undefined ? query : { ...query, cursor });
    visited.push(...page.records);
    if (page.nextCursor === undefined) return visited;
    cursor = page.nextCursor;
  }
}

function nonEmpty<T extends { count: number }>(buckets: T[]): T[] {
  return buckets.filter((b) => b.count > 0);
}

function uid(): string {
  return randomUUID();
}

function aRecord(overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    id: uid(),
    time: T0,
    userId: uid(),
    flowId: 'f-1',
    componentId: 'c-1',
    componentType: 'http',
    port: 'out',
    direction: 'out',
    severity: 'info',
    correlationId: 'corr-1',
    messageId: uid(),
    payload: { status: 200, body: { ok: true } },
    truncated: false,
    ...overrides,
  };
}
