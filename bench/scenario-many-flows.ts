/**
 * @module `npm run bench -- --scenario many-flows`: 1,000 and 10,000 started flows, each a Webhook
 * and a Scheduler firing every minute (into a Set), on embedded adapters, each size in a fresh
 * Weft: the time to start them all through the API, the engine's memory (RSS) once they run, and
 * the scheduler's skew (firedAt − scheduledFor of every run of the next minute, from the logs).
 * Targets at 10,000: RSS ≤ 500 MB, all started ≤ 30 s, skew p99 ≤ 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer } from './http-client.ts';
import { rssMb, startWeftProcess, stopProcess } from './weft-process.ts';

type Request = (port: number, method: string, path: string, body?: unknown, token?: string) => Promise<Answer>;

const CREATORS = 16;

export function scheduledFlow(): Record<string, unknown> {
  return {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    tick: { type: 'weft.utils.timers.Scheduler', x: 0, y: 1, config: { properties: { mode: 'cron', cron: '* * * * *' } } },
    note: {
      type: 'weft.utils.transform.Set', x: 1, y: 1, source: { in: { tick: ['out'] } },
      config: { transform: { in: { tick: { out: { type: 'json2new', lambda: { values: { at: '{{{$.tick.out.firedAt}}}' } } } } } } },
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `work(i)` for i in 0..n-1, `CREATORS` at a time. */
async function inParallel(n: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CREATORS }, async () => {
    while (next < n) await work(next++);
  }));
}

interface SchedulerRecord {
  payload: { firedAt?: string; scheduledFor?: string } | string;
}

export async function manyFlows(request: Request, port: number, sizes: number[]): Promise<void> {
  console.log('\n[many-flows] N started flows (Webhook + Scheduler every minute → Set) in one weft start, embedded adapters, a fresh engine per size');
  console.log('           N   create all   start all   RSS idle   RSS started   RSS after a minute   runs in that minute   skew p50 / p99 / max');
  for (const n of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-many-flows-'));
    const weft = await startWeftProcess({ cpuProfDir: process.env.BENCH_CPU_PROF, env: { PORT: String(port), WEFT_DATA_DIR: dataDir } });
    try {
      const signup = await request(port, 'POST', '/auth/signup', { email: 'bench@example.com', password: 'correct horse battery staple' });
      if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${signup.body}`);
      const { token } = JSON.parse(signup.body) as { token: string };
      const idle = rssMb(weft.pid);
      const flowIds: string[] = [];
      const createStarted = performance.now();
      await inParallel(n, async (i) => {
        const created = await request(port, 'POST', '/flows', { name: `flow ${i}`, flow: scheduledFlow() }, token);
        if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body.slice(0, 300)}`);
        flowIds[i] = (JSON.parse(created.body) as { flowId: string }).flowId;
      });
      const createMs = performance.now() - createStarted;
      const startStarted = performance.now();
      await inParallel(n, async (i) => {
        const started = await request(port, 'POST', `/flows/${flowIds[i]}/start`, undefined, token);
        if (started.status !== 200) throw new Error(`start: ${started.status} ${started.body.slice(0, 300)}`);
      });
      const startMs = performance.now() - startStarted;
      const afterStart = rssMb(weft.pid);
      // Every flow fires at the next whole minute; read its runs from the logs a little after it.
      const minute = Math.ceil((Date.now() + 1000) / 60_000) * 60_000;
      const settle = Math.max(15_000, n * 2);
      await new Promise((resolve) => setTimeout(resolve, minute + settle - Date.now()));
      const afterMinute = rssMb(weft.pid);
      const skews: number[] = [];
      let cursor: string | undefined;
      do {
        const query = new URLSearchParams({ componentId: 'tick', direction: 'out', from: new Date(minute - 1000).toISOString(), to: new Date(minute + 60_000).toISOString(), limit: '1000', ...(cursor ? { cursor } : {}) });
        const page = await request(port, 'GET', `/logs?${query}`, undefined, token);
        if (page.status !== 200) throw new Error(`logs: ${page.status} ${page.body.slice(0, 300)}`);
        const body = JSON.parse(page.body) as { records: SchedulerRecord[]; nextCursor?: string };
        for (const record of body.records) {
          if (typeof record.payload !== 'object' || !record.payload.firedAt || !record.payload.scheduledFor) continue;
          skews.push(Date.parse(record.payload.firedAt) - Date.parse(record.payload.scheduledFor));
        }
        cursor = body.nextCursor;
      } while (cursor);
      skews.sort((a, b) => a - b);
      const mb = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(0)} MB`);
      console.log(`  ${n.toLocaleString('en-US').padStart(10)} ${seconds(createMs).padStart(12)} ${seconds(startMs).padStart(11)} ${mb(idle).padStart(10)} ${mb(afterStart).padStart(13)} ${mb(afterMinute).padStart(20)} ${`${skews.length} of ${n}`.padStart(21)}   ${seconds(percentile(skews, 50))} / ${seconds(percentile(skews, 99))} / ${seconds(skews.at(-1) ?? NaN)}`);
    } finally {
      await stopProcess(weft);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log('  targets at 10,000: RSS ≤ 500 MB, all started ≤ 30 s, skew p99 ≤ 1 s');
}
