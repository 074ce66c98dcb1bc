/**
 * @module Validation benchmark: how long validating a flow takes as it grows, and what it costs
 * everyone else while it runs.
 *
 *   node --import tsx bench/validate.ts                      # n = 100, 1,000, 5,000
 *   node --import tsx bench/validate.ts --sizes 1000,2000 --runs 21
 *
 * The flow is a chain hook → s1 → … → sN of `weft.utils.storage.Set` components, each mapping its
 * key from its parent's output and its value from the webhook's body, so every component reads two
 * ancestors (the shape that took minutes for n = 1,000 when validation was cubic).
 *
 * 1. `validateFlow` in this process with the built-in manifests (read from `GET /components` of
 *    the Weft started for part 2, so this file imports nothing of the server): the median of `--runs` runs
 *    after two warm-up runs. Target: ≤ 50 ms for n = 1,000.
 * 2. Weft in its own process (embedded adapters): the median round trip of
 *    `GET /flows/:id/validate` for each size, then `/health` latencies (p50/p99/max) from a client
 *    polling it while another client validates the 1,000-component flow back to back, next to the
 *    same poller on an idle server.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Manifest } from '@weft/connector-kit';
import { FlowDescriptor, validateFlow } from '@weft/flow';
import { httpClient } from './http-client.ts';
import { startWeftProcess, stopProcess } from './weft-process.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    runs: { type: 'string', default: '11' },
    port: { type: 'string', default: '23960' },
    seconds: { type: 'string', default: '4' },
  },
});
const sizes = args.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const runs = Math.max(1, Number(args.runs));

/** hook → s1 → … → sN, each Set keyed by its parent's key and saving the webhook's body. */
export function setChain(n: number): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook' } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    const lambda = { key: `k{{{$.${previous}.out.key}}}`, value: '{{{$.hook.out.body | default("x")}}}' };
    flow[`s${i}`] = {
      type: 'weft.utils.storage.Set',
      source: { in: { [previous]: ['out'] } },
      config: { properties: {}, transform: { in: { [previous]: { out: { type: 'json2new', lambda } } } } },
    };
    previous = `s${i}`;
  }
  return flow;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const count = (n: number): string => n.toLocaleString('en-US');

function inProcess(manifests: Map<string, Manifest>): void {
  const lookup = (type: string) => manifests.get(type);
  // Warm the JIT on a mid-size flow first, so the smallest size does not pay for compiling.
  const warmUp = FlowDescriptor.parse(setChain(500));
  for (let run = 0; run < 30; run++) validateFlow(warmUp, lookup);
  console.log(`validateFlow in this process, chain of Set components (median of ${runs} runs after 2 warm-up runs;`);
  console.log('CPU is this thread\'s own time, steadier than wall time on a busy machine)');
  for (const n of sizes) {
    const flow = FlowDescriptor.parse(setChain(n));
    const wall: number[] = [];
    const cpu: number[] = [];
    let problems = 0;
    for (let run = 0; run < runs + 2; run++) {
      const usage = process.cpuUsage();
      const started = performance.now();
      problems = validateFlow(flow, lookup).length;
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(usage);
      if (run >= 2) {
        wall.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    console.log(`  n = ${count(n).padStart(6)}  wall ${ms(median(wall)).padStart(9)}  cpu ${ms(median(cpu)).padStart(9)}  (${problems} problems)`);
  }
}

const { request, close: closeConnections } = httpClient(16);


function startWeft(port: number, dataDir: string): Promise<ChildProcess> {
  return startWeftProcess({ env: {
    PORT: String(port), WEFT_DATA_DIR: dataDir,
    // Room for the largest size asked for.
    WEFT_FLOW_MAX_COMPONENTS: String(Math.max(2000, ...sizes) + 1), WEFT_FLOW_MAX_EDGES: String(Math.max(10_000, ...sizes) + 1),
    WEFT_MAX_BODY_BYTES: String(64 * 1024 * 1024), WEFT_FLOW_MAX_BYTES: String(64 * 1024 * 1024),
  } });
}

/** `/health` round trips, one in flight at a time with `gapMs` between them, until `stop()` says so. */
async function pollHealth(port: number, stop: () => boolean, gapMs = 5): Promise<number[]> {
  const latencies: number[] = [];
  while (!stop()) {
    const started = performance.now();
    await request(port, 'GET', '/health');
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return latencies;
}

async function main(): Promise<void> {
  const port = Number(args.port);
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-validate-'));
  const weft = await startWeft(port, dataDir);
  try {
    const signup = await request(port, 'POST', '/auth/signup', { email: 'bench@example.com', password: 'correct horse battery staple' });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.body}`);
    const { token } = JSON.parse(signup.body) as { token: string };
    const listed = JSON.parse((await request(port, 'GET', '/components', undefined, token)).body) as { items: unknown[] };
    inProcess(new Map(listed.items.map((item) => Manifest.parse(item)).map((manifest) => [manifest.name, manifest])));

    const flowIds = new Map<number, string>();
    for (const n of new Set([...sizes, 1000])) {
      const created = await request(port, 'POST', '/flows', { name: `chain ${n}`, flow: setChain(n) }, token);
      if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.body.slice(0, 300)}`);
      flowIds.set(n, (JSON.parse(created.body) as { flowId: string }).flowId);
    }

    console.log(`\nGET /flows/:id/validate, Weft in its own process (median round trip of ${runs} after 2 warm-up calls)`);
    for (const n of sizes) {
      const times: number[] = [];
      for (let run = 0; run < runs + 2; run++) {
        const started = performance.now();
        const answer = await request(port, 'GET', `/flows/${flowIds.get(n)}/validate`, undefined, token);
        if (answer.status !== 200) throw new Error(`validate failed: ${answer.status} ${answer.body.slice(0, 300)}`);
        if (run >= 2) times.push(performance.now() - started);
      }
      console.log(`  n = ${count(n).padStart(6)}  ${ms(median(times)).padStart(10)}`);
    }

    const seconds = Number(args.seconds);
    let deadline = performance.now() + seconds * 1000;
    const idle = await pollHealth(port, () => performance.now() > deadline);
    deadline = performance.now() + seconds * 1000;
    let validations = 0;
    const validating = (async () => {
      while (performance.now() < deadline) {
        await request(port, 'GET', `/flows/${flowIds.get(1000)}/validate`, undefined, token);
        validations += 1;
      }
    })();
    const busy = await pollHealth(port, () => performance.now() > deadline);
    await validating;
    const line = (label: string, latencies: number[]) =>
      `  ${label.padEnd(44)} p50 ${ms(percentile(latencies, 50)).padStart(9)}  p99 ${ms(percentile(latencies, 99)).padStart(9)}  max ${ms(Math.max(...latencies)).padStart(9)}  (${count(latencies.length)} calls)`;
    console.log(`\n/health while another client validates the 1,000-component flow back to back (${seconds} s each)`);
    console.log(line('idle server', idle));
    console.log(line(`during ${count(validations)} validations of 1,000 components`, busy));
  } finally {
    await stopProcess(weft);
    closeConnections();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
