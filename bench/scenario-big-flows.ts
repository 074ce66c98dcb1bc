/**
 * @module `npm run bench -- --scenario big-flows`: what a flow of 100, 1,000 and 5,000 components
 * costs to save, validate, start and run once end to end, and what that costs everyone else (the
 * p99 of `/health`, polled by another client all along). Targets at 1,000 components: validate
 * ≤ 50 ms, start ≤ 200 ms, `/health` p99 ≤ 20 ms.
 */
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer } from './http-client.ts';
import { mainThreadCpuMs, startWeftProcess, stopProcess } from './weft-process.ts';

type Request = (port: number, method: string, path: string, body?: unknown, token?: string) => Promise<Answer>;

const lambda = (values: unknown) => ({ type: 'json2new', lambda: values });

/** hook → s1 → … → sN → reply; each Set reads its parent's output and the webhook's body. */
export function setChainWithAnswer(n: number): Record<string, unknown> {
  // A 5,000-step run on a loaded machine can take longer than the webhook's default 30 s answer timeout.
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { timeoutMs: 10 * 60_000 } } } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    const reads = i === 1 ? '{{{$.hook.out.body.n}}}' : `{{{$.${previous}.out.n}}}`;
    flow[`s${i}`] = {
      type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } },
      config: { transform: { in: { [previous]: { out: lambda({ values: { step: i, n: reads, who: '{{{$.hook.out.body.who}}}' } }) } } } },
    };
    previous = `s${i}`;
  }
  flow.reply = {
    type: 'weft.utils.http.Response', x: n + 1, y: 0, source: { in: { [previous]: ['out'] } },
    config: { transform: { in: { [previous]: { out: lambda({ body: `{{{$.${previous}.out}}}` }) } } } },
  };
  return flow;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms` : '—');

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** When each step of `measure` began (absolute ms), to say during which step the slowest `/health` calls came. */
const phases: [number, string][] = [];
const enterPhase = (name: string) => phases.push([performance.timeOrigin + performance.now(), name]);
const phaseAt = (time: number) => phases.findLast(([from]) => from <= time)?.[1] ?? 'before';

/** The engine's pid, for the CPU its event loop spends on each step (`mainThreadCpuMs`). */
let enginePid: number | undefined;

/** `timed`, and the CPU ms the engine's main thread used meanwhile (NaN off Linux). */
async function timedWithLoopCpu<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  const before = mainThreadCpuMs(enginePid);
  const [result, took] = await timed(work);
  const after = mainThreadCpuMs(enginePid);
  return [result, took, before === undefined || after === undefined ? NaN : after - before];
}

function expectStatus(what: string, answer: Answer, status: number): Answer {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return answer;
}

/** Save, validate three times, start, run (three times below 5,000), stop: how long each took. */
async function measure(request: Request, port: number, token: string, n: number) {
  const flow = setChainWithAnswer(n);
  enterPhase('save');
  const [created, save, saveCpu] = await timedWithLoopCpu(() => request(port, 'POST', '/flows', { name: `chain ${n}`, flow }, token));
  const { flowId } = JSON.parse(expectStatus('create', created, 201).body) as { flowId: string };
  const validations: number[] = [];
  const validationCpu: number[] = [];
  enterPhase('validate');
  for (let i = 0; i < 3; i++) {
    const [answer, took, cpu] = await timedWithLoopCpu(() => request(port, 'GET', `/flows/${flowId}/validate`, undefined, token));
    validationCpu.push(cpu);
    const { valid, problems } = JSON.parse(expectStatus('validate', answer, 200).body) as { valid: boolean; problems: unknown[] };
    if (!valid) throw new Error(`chain ${n} is not valid: ${JSON.stringify(problems.slice(0, 2))}`);
    validations.push(took);
  }
  enterPhase('start');
  const [startAnswer, start, startCpu] = await timedWithLoopCpu(() => request(port, 'POST', `/flows/${flowId}/start`, undefined, token));
  expectStatus('start', startAnswer, 200);
  enterPhase('run');
  const runs: number[] = [];
  for (let i = 0; i < (n >= 5000 ? 1 : 3); i++) {
    const [answer, took] = await timed(() => request(port, 'POST', `/flows/${flowId}/components/hook`, { n: i, who: 'bench' }));
    const body = JSON.parse(expectStatus('run', answer, 200).body) as { step: number; n: number };
    if (body.step !== n || body.n !== i) throw new Error(`run of chain ${n} answered ${answer.body.slice(0, 200)}`);
    runs.push(took);
  }
  enterPhase('stop');
  await request(port, 'POST', `/flows/${flowId}/stop`, undefined, token);
  enterPhase('after');
  return { save, validations, start, runs, loopCpu: { save: saveCpu, validate: median(validationCpu), start: startCpu } };
}

/**
 * Polls `/health` every 5 ms from a thread of its own, so that what it times is the engine's answer,
 * not this process's own event loop (which builds and parses the big flows' JSON meanwhile).
 */
function startHealthPoller(port: number): { stop(): Promise<[number, number][]> } {
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let polling = true;
    const times = [];
    parentPort.on('message', () => { polling = false; });
    (async () => {
      while (polling) {
        const started = performance.now();
        await new Promise((resolve) => {
          const req = http.get({ host: '127.0.0.1', port: workerData.port, path: '/health', agent }, (res) => { res.resume(); res.on('end', resolve); });
          req.on('error', resolve);
        });
        times.push([performance.timeOrigin + started, performance.now() - started]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      agent.destroy();
      parentPort.postMessage(times);
    })();
  `, { eval: true, workerData: { port } });
  const done = new Promise<[number, number][]>((resolve, reject) => {
    worker.once('message', (times: [number, number][]) => resolve(times));
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const times = await done;
      await worker.terminate();
      return times;
    },
  };
}

export async function bigFlows(request: Request, port: number, sizes: number[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-big-flows-'));
  const largest = Math.max(...sizes);
  const weft = await startWeftProcess({ cpuProfDir: process.env.BENCH_CPU_PROF, env: {
    PORT: String(port), WEFT_DATA_DIR: dataDir,
    WEFT_FLOW_MAX_COMPONENTS: String(Math.max(2000, largest + 2)), WEFT_FLOW_MAX_EDGES: String(Math.max(10_000, largest + 2)),
    WEFT_MAX_BODY_BYTES: String(64 * 1024 * 1024), WEFT_FLOW_MAX_BYTES: String(64 * 1024 * 1024),
    WEFT_WEBHOOK_TIMEOUT_MS: String(10 * 60_000),
  } });
  enginePid = weft.pid;
  try {
    const signup = expectStatus('signup', await request(port, 'POST', '/auth/signup', { email: 'bench@example.com', password: 'correct horse battery staple' }), 201);
    const { token } = JSON.parse(signup.body) as { token: string };
    console.log('\n[big-flows] a chain webhook → N × Set → Response on embedded adapters; /health polled by another client throughout');
    console.log('  components       save   validate      start   one run end to end   /health p50 / p99 / max');
    const loopLines: string[] = [];
    for (const n of sizes) {
      const poller = startHealthPoller(port);
      let calls: [number, number][] = [];
      // A failed step stops the poller before its error is thrown, so that it is the one reported
      // (not the poller's refused connection once the engine is stopped).
      let measured: Awaited<ReturnType<typeof measure>>;
      try {
        measured = await measure(request, port, token, n);
      } finally {
        calls = await poller.stop();
      }
      const health = calls.map(([, took]) => took);
      const slowest = [...calls].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([at, took]) => `${ms(took)} in ${phaseAt(at)}`);
      const { save, validations, start, runs, loopCpu } = measured;
      console.log(`  ${n.toLocaleString('en-US').padStart(10)} ${ms(save).padStart(10)} ${ms(median(validations)).padStart(10)} ${ms(start).padStart(10)} ${ms(median(runs)).padStart(20)}   ${ms(percentile(health, 50))} / ${ms(percentile(health, 99))} / ${ms(Math.max(...health))} (${health.length} calls; slowest: ${slowest.join(', ')})`);
      loopLines.push(`  ${n.toLocaleString('en-US').padStart(10)} ${ms(loopCpu.save).padStart(10)} ${ms(loopCpu.validate).padStart(10)} ${ms(loopCpu.start).padStart(10)}`);
    }
    console.log('  targets at 1,000: validate ≤ 50 ms, start ≤ 200 ms, /health p99 ≤ 20 ms');
    // What holds /health up on a quiet machine, and what the machine's other load hardly changes.
    console.log('  CPU of the engine\'s main thread (its event loop) during each step:');
    console.log('  components       save   validate      start');
    for (const line of loopLines) console.log(line);
  } finally {
    await stopProcess(weft);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
