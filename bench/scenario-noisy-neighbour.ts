/**
 * @module `npm run bench -- --scenario noisy-neighbour`: two tenants on one `weft start` (embedded
 * adapters). Tenant B calls its webhook flow (webhook → Set → Response) 50 times a second, first
 * alone ("idle"), then while tenant A sends 20,000 webhook calls as fast as it can (`--concurrency`
 * callers, flows that answer at once with 202 and run later, so A's runs pile up on the queue).
 * Prints B's latency p50/p95 idle and under the flood, their ratio (target ≤ 2×), and how many of
 * A's calls were accepted or refused with 429 `tenant.rate_limited`.
 *
 * Options: `--sizes 20000` (A's calls), `--tenant-rate 200` (WEFT_TENANT_WEBHOOK_RATE and _BURST for
 * this run; 0 turns the limit off), `--concurrency 64` (A's callers), `--seconds 5` (B alone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer } from './http-client.ts';
import { startWeftProcess, stopProcess } from './weft-process.ts';

type Request = (port: number, method: string, path: string, body?: unknown, token?: string) => Promise<Answer>;

export interface NoisyNeighbourOptions {
  port: number;
  floodCalls: number;
  tenantRate: number;
  concurrency: number;
  idleSeconds: number;
}

const B_RATE = 50;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function setFlow(respond: boolean): Record<string, unknown> {
  const lambda = (values: unknown) => ({ type: 'json2new', lambda: values });
  return {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, ...(respond ? {} : { config: { properties: { waitForResponse: false } } }) },
    set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: lambda({ values: { n: '{{{$.hook.out.body.n}}}' } }) } } } } },
    ...(respond ? { reply: { type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { set: ['out'] } }, config: { transform: { in: { set: { out: lambda({ body: '{{{$.set.out}}}' }) } } } } } } : {}),
  };
}

/** B's calls at 50/s, each on its own schedule, until `until()`; latencies of the answered ones. */
async function paced(request: Request, port: number, path: string, until: () => boolean): Promise<{ latencies: number[]; failed: number; timeline: [number, number][] }> {
  const latencies: number[] = [];
  /** [seconds since the first call, latency ms] of each answered call, to see when the slow ones happened. */
  const timeline: [number, number][] = [];
  let failed = 0;
  const calls: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; !until(); i++) {
    const due = start + (i * 1000) / B_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    calls.push(request(port, 'POST', path, { n: i }).then((answer) => {
      if (answer.status === 200) {
        latencies.push(performance.now() - sent);
        timeline.push([(sent - start) / 1000, performance.now() - sent]);
      }
      else failed += 1;
    }, () => void (failed += 1)));
  }
  await Promise.all(calls);
  return { latencies: latencies.sort((a, b) => a - b), failed, timeline };
}

export async function noisyNeighbour(request: Request, options: NoisyNeighbourOptions): Promise<void> {
  const { port, floodCalls, tenantRate, concurrency, idleSeconds } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-noisy-'));
  const limit = String(tenantRate);
  const weft = await startWeftProcess({ env: { PORT: String(port), WEFT_DATA_DIR: dataDir, WEFT_TENANT_WEBHOOK_RATE: limit, WEFT_TENANT_WEBHOOK_BURST: String(Math.max(1, tenantRate)) } });
  try {
    const tenant = async (email: string, respond: boolean) => {
      const signup = await request(port, 'POST', '/auth/signup', { email, password: 'correct horse battery staple' });
      if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${signup.body}`);
      const { token } = JSON.parse(signup.body) as { token: string };
      const created = await request(port, 'POST', '/flows', { name: 'noisy-neighbour', flow: setFlow(respond) }, token);
      if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body.slice(0, 300)}`);
      const { flowId } = JSON.parse(created.body) as { flowId: string };
      const started = await request(port, 'POST', `/flows/${flowId}/start`, undefined, token);
      if (started.status !== 200) throw new Error(`start: ${started.status} ${started.body.slice(0, 300)}`);
      return `/flows/${flowId}/components/hook`;
    };
    // Each sign-up is a tenant of its own.
    const aPath = await tenant('a@example.com', false);
    const bPath = await tenant('b@example.com', true);
    for (let i = 0; i < 100; i++) await request(port, 'POST', bPath, { n: i });

    console.log(`\n[noisy-neighbour] tenant B: ${B_RATE} calls/s (webhook → Set → Response); tenant A: ${floodCalls.toLocaleString('en-US')} calls, ${concurrency} callers, flows that answer 202 and run later; tenant webhook limit ${tenantRate > 0 ? `${tenantRate}/s, burst ${tenantRate}` : 'off'}; one weft start, embedded adapters`);
    const idleEnds = performance.now() + idleSeconds * 1000;
    const idle = await paced(request, port, bPath, () => performance.now() >= idleEnds);

    let sent = 0;
    let accepted = 0;
    let refused = 0;
    let otherwise = 0;
    let floodDone = false;
    const floodStart = performance.now();
    const flood = Promise.all(Array.from({ length: concurrency }, async () => {
      while (sent < floodCalls) {
        sent += 1;
        const answer = await request(port, 'POST', aPath, { n: sent }).catch(() => ({ status: 0, body: '' }));
        if (answer.status === 202) accepted += 1;
        else if (answer.status === 429) refused += 1;
        else otherwise += 1;
      }
    })).then(() => {
      floodDone = true;
    });
    const busy = await paced(request, port, bPath, () => floodDone);
    await flood;
    const floodSeconds = (performance.now() - floodStart) / 1000;

    const [idle50, idle95, busy50, busy95] = [percentile(idle.latencies, 50), percentile(idle.latencies, 95), percentile(busy.latencies, 50), percentile(busy.latencies, 95)];
    console.log(`  A: ${sent} calls in ${floodSeconds.toFixed(1)} s: ${accepted} accepted (202), ${refused} refused (429 tenant.rate_limited), ${otherwise} other`);
    console.log(`  B idle:         ${idle.latencies.length} answered, ${idle.failed} failed; p50 ${ms(idle50)}, p95 ${ms(idle95)}`);
    console.log(`  B under flood:  ${busy.latencies.length} answered, ${busy.failed} failed; p50 ${ms(busy50)}, p95 ${ms(busy95)}`);
    console.log(`  ratio flood/idle: p50 ${(busy50 / idle50).toFixed(2)}×, p95 ${(busy95 / idle95).toFixed(2)}× (target ≤ 2×)`);
    // When B's slow calls happened: p95 of each 5-second window of the flood.
    const windows = new Map<number, number[]>();
    for (const [at, latency] of busy.timeline) windows.set(Math.floor(at / 5), [...(windows.get(Math.floor(at / 5)) ?? []), latency]);
    const line = [...windows].sort(([a], [b]) => a - b).map(([w, list]) => `${w * 5}s ${percentile(list.sort((a, b) => a - b), 95).toFixed(0)}`);
    console.log(`  B p95 per 5 s of the flood (ms): ${line.join(' · ')}`);
  } finally {
    await stopProcess(weft);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
