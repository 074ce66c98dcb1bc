/**
 * @module `npm run bench -- --scenario big-logs`: insights queries over 1 M and 10 M log records in
 * the embedded index. Records shaped like webhook → Set → Response runs (6 a run, spread over 7
 * days, 10 flows, 1 % failed) are appended straight into a fresh Weft's `logs.sqlite` with the
 * embedded LogIndex (the ingest rate is printed), then Weft serves every filter the insights widget
 * offers, full-text search and histograms over HTTP: p50 and p95 of 20 calls each. Sizes grow in
 * one file (1 M, then 9 M more). Targets: p95 ≤ 200 ms for a page, ≤ 300 ms for a histogram.
 *
 * BENCH_LOGS_DIR=<dir> keeps the data in that folder and reuses it on the next run (10 M records take
 * ~13 minutes to write): sizes already written there are queried, not written again.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Answer } from './http-client.ts';
import { startWeftProcess, stopProcess } from './weft-process.ts';

type Request = (port: number, method: string, path: string, body?: unknown, token?: string) => Promise<Answer>;

/** The part of the embedded LogIndex this scenario uses (imported at run time, not type-checked here). */
interface AppendOnlyIndex {
  append(records: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const FLOWS = 10;
const WORDS = ['order', 'invoice', 'customer', 'shipped', 'pending', 'refund', 'priority', 'express', 'warehouse', 'delivered'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

/** The six records of one run: hook out, set in/out (or error), reply in/out. Deterministic from `i` (also used by ad-hoc generators). */
export function runRecords(userId: string, flowIds: string[], i: number, time: number): Record<string, unknown>[] {
  const correlationId = `run-${i}`;
  const flowId = flowIds[i % flowIds.length]!;
  const failed = i % 100 === 42;
  const body = {
    n: i, who: `caller${i % 48}`, email: `user${i % 5000}@example.com`,
    note: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i % 1000 === 7 ? 'zebra' : WORDS[(i * 3) % WORDS.length]}`,
  };
  const base = { userId, flowId, correlationId, truncated: false, severity: 'info' as const };
  const record = (n: number, componentId: string, componentType: string, port: string, direction: string, payload: unknown, extra: Record<string, unknown> = {}) => ({
    ...base, id: `${correlationId}:${n}`, time: time + n, componentId, componentType, port, direction, messageId: `${correlationId}:${componentId}`, payload, ...extra,
  });
  const set = { n: i, who: body.who.toUpperCase() };
  return [
    record(0, 'hook', 'weft.utils.http.Webhook', 'out', 'out', { body, headers: { 'content-type': 'application/json' }, method: 'POST', query: {} }),
    record(1, 'set', 'weft.utils.transform.Set', 'in', 'in', body, { durationMs: 0.4 }),
    failed
      ? record(2, 'set', 'weft.utils.transform.Set', 'in', 'error', null, { severity: 'error', error: { code: 'component.failed', message: `Cannot read "who" of order ${i}` } })
      : record(2, 'set', 'weft.utils.transform.Set', 'out', 'out', set),
    record(3, 'reply', 'weft.utils.http.Response', 'in', 'in', { body: set }, { durationMs: 0.2 }),
    record(4, 'reply', 'weft.utils.http.Response', 'in', 'log', `answered 200 to caller${i % 48}`),
    record(5, 'reply', 'weft.utils.http.Response', 'out', 'out', { status: 200, body: set }),
  ];
}

function diskBytes(file: string): number {
  return ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + statSync(file + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** What a kept data folder must remember to be queried again: who signed up, the flows, how far the records go. */
interface KeptData {
  email: string;
  password: string;
  userId: string;
  flowIds: string[];
  /** The time of the first run, the number of records and runs written, and the runs the times were spread over. */
  start: number;
  written: number;
  runsWritten: number;
  totalRuns: number;
}

export async function bigLogs(request: Request, port: number, sizes: number[]): Promise<void> {
  const keptDir = process.env.BENCH_LOGS_DIR;
  if (keptDir !== undefined) mkdirSync(keptDir, { recursive: true });
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'weft-bench-big-logs-'));
  const logsFile = join(dataDir, 'logs.sqlite');
  const keptFile = join(dataDir, 'bench-big-logs.json');
  const env = { PORT: String(port), WEFT_DATA_DIR: dataDir, WEFT_LOG_RETENTION_DAYS: '30' };
  let weft = await startWeftProcess({ env });
  try {
    const credentials = { email: 'bench@example.com', password: 'correct horse battery staple' };
    const kept = existsSync(keptFile) ? (JSON.parse(readFileSync(keptFile, 'utf8')) as KeptData) : undefined;
    const auth = kept === undefined ? await request(port, 'POST', '/auth/signup', credentials) : await request(port, 'POST', '/auth/login', credentials);
    if (auth.status !== 201 && auth.status !== 200) throw new Error(`${kept === undefined ? 'signup' : 'login'}: ${auth.status} ${auth.body}`);
    const { token, user } = JSON.parse(auth.body) as { token: string; user: { id: string } };
    await stopProcess(weft);
    const flowIds = kept?.flowIds ?? Array.from({ length: FLOWS }, () => randomUUID());
    const { EmbeddedLogIndex } = (await import(pathToFileURL(join(import.meta.dirname, '../server/src/adapters/embedded/log-index.ts')).href)) as {
      EmbeddedLogIndex: new (options: { file: string }) => AppendOnlyIndex;
    };
    console.log('\n[big-logs] insights over HTTP on a growing embedded index (webhook → Set → Response runs, 6 records each, 7 days, 1 % failed); p50 / p95 of 20 calls');
    if (kept !== undefined) console.log(`  reusing ${kept.written.toLocaleString('en-US')} records in ${dataDir}`);
    let written = kept?.written ?? 0;
    let runsWritten = kept?.runsWritten ?? 0;
    // Times are spread over 7 days before the first run's write; a reused folder keeps its own.
    const start = kept?.start ?? Date.now() - 7 * DAY_MS;
    const totalRuns = kept?.totalRuns ?? Math.ceil(Math.max(...sizes) / 6);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const runs = Math.max(0, Math.ceil((size - written) / 6));
      const index = new EmbeddedLogIndex({ file: logsFile });
      const firstRun = runsWritten;
      const began = performance.now();
      const BATCH = 500;
      for (let r = 0; r < runs; r += BATCH) {
        const batch: Record<string, unknown>[] = [];
        for (let k = r; k < Math.min(runs, r + BATCH); k++) {
          const i = firstRun + k;
          batch.push(...runRecords(user.id, flowIds, i, start + Math.floor((i / totalRuns) * 7 * DAY_MS)));
        }
        await index.append(batch);
        // A line per million: how the rate holds as the file grows (and what a killed 10 M run reached).
        const done = (r + BATCH) * 6;
        if (done % 1_000_000 < BATCH * 6 && done < runs * 6) {
          console.log(`    … ${(written + done).toLocaleString('en-US')} records after ${((performance.now() - began) / 1000).toFixed(0)} s (${Math.round(done / ((performance.now() - began) / 1000)).toLocaleString('en-US')} records/s so far)`);
        }
      }
      const seconds = (performance.now() - began) / 1000;
      await index.close();
      written += runs * 6;
      runsWritten += runs;
      if (keptDir !== undefined) {
        const remembered: KeptData = { ...credentials, userId: user.id, flowIds, start, written, runsWritten, totalRuns };
        writeFileSync(keptFile, JSON.stringify(remembered));
      }
      const bytes = diskBytes(logsFile);
      if (runs === 0) console.log(`\n  ${written.toLocaleString('en-US')} records (kept from an earlier run)`);
      else console.log(`\n  ${written.toLocaleString('en-US')} records: ingested ${Math.round((runs * 6) / seconds).toLocaleString('en-US')} records/s on one thread; ${(bytes / 1e6).toFixed(0)} MB on disk, ${((bytes / written) * 6 / 1024).toFixed(2)} KB a run`);

      weft = await startWeftProcess({ env });
      const week = `from=${new Date(start).toISOString()}`;
      const day = `from=${new Date(Date.now() - DAY_MS).toISOString()}`;
      const queries: [string, string][] = [
        ['newest page, no filter', 'limit=50'],
        ['one flow', `flowId=${flowIds[3]}&limit=50`],
        ['one component', 'componentId=set&limit=50'],
        ['direction in', 'direction=in&limit=50'],
        ['severity error (1 % of runs)', 'severity=error&limit=50'],
        ['severity warn (matches nothing)', 'severity=warn&limit=50'],
        ['full text, common word', 'q=invoice&limit=50'],
        ['full text, rare word', 'q=zebra&limit=50'],
        ['one correlation id', `correlationId=run-${Math.floor(runsWritten / 2)}&order=asc&limit=50`],
        ['last 24 h, severity error', `${day}&severity=error&limit=50`],
        ['histogram 1h, 7 days', `${week}&histogram=1h`],
        ['histogram 1h, 7 days, errors', `${week}&severity=error&histogram=1h`],
        ['histogram 1h, 7 days, one flow', `${week}&flowId=${flowIds[3]}&histogram=1h`],
      ];
      for (const [label, query] of queries) {
        const times: number[] = [];
        let found = 0;
        for (let i = 0; i < 22; i++) {
          const t0 = performance.now();
          const answer = await request(port, 'GET', `/logs?${query}`, undefined, token);
          if (answer.status !== 200) throw new Error(`${label}: ${answer.status} ${answer.body.slice(0, 300)}`);
          if (i >= 2) times.push(performance.now() - t0);
          if (i === 0) {
            const body = JSON.parse(answer.body) as { records?: unknown[]; buckets?: { count: number }[] };
            found = body.records?.length ?? body.buckets?.reduce((sum, bucket) => sum + bucket.count, 0) ?? 0;
          }
        }
        times.sort((a, b) => a - b);
        const isHistogram = query.includes('histogram=');
        const target = isHistogram ? 300 : 200;
        const p95 = percentile(times, 95);
        console.log(`    ${label.padEnd(34)} ${ms(percentile(times, 50)).padStart(8)} / ${ms(p95).padStart(8)}  ${p95 <= target ? '   ' : ' ✗ '}(${isHistogram ? `${found.toLocaleString('en-US')} counted` : `${found} records`})`);
      }
      await stopProcess(weft);
    }
    console.log('  targets: p95 ≤ 200 ms for a page, ≤ 300 ms for a histogram (✗ marks a miss)');
  } finally {
    await stopProcess(weft);
    if (keptDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}
