/**
 * @module Benchmark: starts Weft in its own process and drives it from this one over 127.0.0.1.
 *
 *   npm run bench                      # embedded adapters
 *   npm run bench -- --bus rabbitmq    # 1 api + 2 workers + scheduler/indexer processes on the
 *   npm run bench -- --bus rabbitmq --layout one|pair   # every role in one process | api + one other
 *                                      # RabbitMQ at WEFT_AMQP_URL, then the broker's own ceiling
 *   npm run bench -- --seconds 5 --concurrency 64
 *   npm run bench -- --cpu-prof /tmp/prof      # a .cpuprofile per Weft process
 *   npm run bench -- --compare node-red        # then Node-RED with the same flows and load, and ratios
 *   npm run bench -- --compare http            # then a bare node:http server and a bare Hono app (the HTTP ceiling)
 *   npm run bench -- --scenario big-flows      # chains of 100, 1,000, 5,000 components (--sizes)
 *   npm run bench -- --scenario many-flows     # 1,000 and 10,000 started flows (--sizes)
 *   npm run bench -- --scenario big-logs       # insights queries over 1 M and 10 M log records (--sizes)
 *   npm run bench -- --scenario noisy-neighbour   # tenant B's latency at 50/s while tenant A floods 20,000 webhook calls
 *   npm run bench -- --scenario designer       # the designer opening 1,000 components from a real engine, vs bare React Flow (--runs 5)
 *   npm run bench -- --scenario designer-mock  # the designer on a mock API (500 and 1,000 components)
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { connect as amqpConnect } from 'amqplib';
import { measureBrokerCeiling, type BrokerCeiling } from './broker-ceiling.ts';
import { httpClient } from './http-client.ts';
import { startWeftProcess, stopProcess } from './weft-process.ts';
import { startNodeRed } from './node-red.ts';
import { bigFlows } from './scenario-big-flows.ts';
import { manyFlows } from './scenario-many-flows.ts';
import { bigLogs } from './scenario-big-logs.ts';
import { noisyNeighbour } from './scenario-noisy-neighbour.ts';
import { printEngineTable, runDesignerBench, runDesignerEngineBench, printTable as printDesignerTable } from './designer.ts';

const { values: args } = parseArgs({
  options: {
    bus: { type: 'string', default: 'embedded' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '48' },
    rate: { type: 'string', default: '100' },
    steps: { type: 'string', default: '40' },
    'chain-runs': { type: 'string', default: '25' },
    'chain-warmup': { type: 'string', default: '100' },
    port: { type: 'string', default: '23950' },
    workers: { type: 'string', default: '2' },
    prefetch: { type: 'string', default: '128' },
    'cpu-prof': { type: 'string' },
    compare: { type: 'string' },
    scenario: { type: 'string' },
    sizes: { type: 'string' },
    'tenant-rate': { type: 'string', default: '200' },
    /** RabbitMQ only: `split` (1 api + --workers workers + scheduler + indexer), `one` (every role in one process), `pair` (api + one process with the other roles). */
    layout: { type: 'string', default: 'split' },
    runs: { type: 'string', default: '5' },
    /** `chain`: only the 40-step chain (no throughput or latency), for Weft and, with --compare node-red, Node-RED. `throughput`: only the closed loop (no latency, chain or broker ceiling). */
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'chain' && args.only !== 'throughput') throw new Error(`Unknown --only "${args.only}": chain or throughput are the parts that run alone.`);

const amqpUrl = process.env.WEFT_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** Queues of this run only, deleted at the end. */
const amqpPrefix = `weft-bench-${process.pid}`;

const { request, close: closeConnections } = httpClient(512);


function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Machine-wide CPU ticks from /proc/stat: busy, idle and stolen by the hypervisor; undefined off Linux. */
function machineTicks(): { busy: number; idle: number; steal: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal …
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal! };
  } catch {
    return undefined;
  }
}

/** The RabbitMQ server on this machine (its Erlang VM), to count its CPU with Weft's. */
function brokerPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'beam.smp') return Number(entry);
    }
  } catch {
    // Not Linux: no per-process figures.
  }
  return undefined;
}

/** Starts one Weft process running `command` and resolves once it is up. */
let started = 0;
const children: ChildProcess[] = [];
const roleNames = new Map<ChildProcess, string>();

/** Each RabbitMQ-mode process rewrites its bus counters here every second (WEFT_AMQP_STATS_FILE). */
const busStatsDir = mkdtempSync(join(tmpdir(), 'weft-bench-bus-stats-'));

interface BusStats {
  publishCalls: number;
  published: number;
  confirmFrames: number;
  delivered: number;
  ackFrames: number;
}

/** The bus counters of every process, summed (files are at most a second old). */
function readBusStats(): BusStats {
  const sum: BusStats = { publishCalls: 0, published: 0, confirmFrames: 0, delivered: 0, ackFrames: 0 };
  for (const name of readdirSync(busStatsDir)) {
    try {
      const stats = JSON.parse(readFileSync(join(busStatsDir, name), 'utf8')) as Partial<BusStats>;
      for (const key of Object.keys(sum) as (keyof BusStats)[]) sum[key] += stats[key] ?? 0;
    } catch {
      // Being rewritten: the next read has it.
    }
  }
  return sum;
}

function startRole(command: string, env: Record<string, string>): Promise<ChildProcess> {
  const n = ++started;
  const cpuProfDir = args['cpu-prof'] === undefined ? undefined : join(args['cpu-prof'], `${command}-${n}`);
  const statsFile = join(busStatsDir, `${command}-${n}.json`);
  const child = startWeftProcess({ command, cpuProfDir, env: { WEFT_BUS: args.bus, WEFT_PREFETCH: args.prefetch, WEFT_AMQP_URL: amqpUrl, WEFT_AMQP_PREFIX: amqpPrefix, WEFT_AMQP_STATS_FILE: statsFile, ...env } });
  return child.then((process) => {
    children.push(process);
    roleNames.set(process, command);
    return process;
  });
}

/**
 * Embedded: one `weft start`. RabbitMQ: the production layout in miniature, 1 `weft api`,
 * `--workers` × `weft worker`, and a `weft scheduler` + `weft indexer`, all sharing one store file.
 */
async function startServers(port: number, dataDir: string): Promise<ChildProcess[]> {
  const env = { PORT: String(port), WEFT_DATA_DIR: dataDir };
  if (args.bus !== 'rabbitmq' || args.layout === 'one') return [await startRole('start', env)];
  if (args.layout === 'pair') return Promise.all([startRole('api', env), startRole('start', { ...env, PORT: '0', WEFT_ROLES: 'worker,scheduler,indexer' })]);
  return Promise.all([
    startRole('api', env),
    ...Array.from({ length: Number(args.workers) }, () => startRole('worker', { ...env, PORT: '0' })),
    startRole('scheduler', { ...env, PORT: '0' }),
    startRole('indexer', { ...env, PORT: '0' }),
  ]);
}

/** Deletes every queue of this run (names from rabbitmqctl, so delay and reply queues go too). */
async function deleteBenchQueues(): Promise<void> {
  const listed = await promisify(execFile)('rabbitmqctl', ['list_queues', '-q', '--no-table-headers', 'name']).catch(() => undefined);
  const names = (listed?.stdout ?? '').split('\n').map((s) => s.trim()).filter((name) => name.startsWith(`${amqpPrefix}.`));
  const connection = await amqpConnect(amqpUrl);
  for (const name of [...names, `${amqpPrefix}.dead-letter`]) {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await channel.deleteQueue(name).catch(() => undefined);
    await channel.deleteExchange(name).catch(() => undefined);
    await channel.close().catch(() => undefined);
  }
  await connection.close();
}

interface Figures {
  runsPerSec: number;
  p50: number;
  pacedP50: number;
  chainMedian: number;
  /** CPU ms a run of the server's own processes (not the load generator's): the figure least disturbed by a busy machine. */
  cpuPerRun: number;
}

/** `concurrency` callers, each posting as soon as its last answer came, for `seconds`: sorted latencies of the 200s. */
async function closedLoop(port: number, path: string, seconds: number): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const caller = async (id: number) => {
    let n = 0;
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await request(port, 'POST', path, { n: n++, who: `caller${id}` });
      if (res.status === 200) latencies.push(performance.now() - t0);
      else errors += 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Number(args.concurrency) }, (_, i) => caller(i)));
  latencies.sort((a, b) => a - b);
  return { latencies, errors, elapsed: (performance.now() - t0) / 1000 };
}

/** `rate` calls a second for 5 s, each on its own schedule: sorted latencies of the 200s. */
async function paced(port: number, path: string, rate: number): Promise<number[]> {
  const fixed: number[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < rate * 5; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push((async () => {
      const s = performance.now();
      const res = await request(port, 'POST', path, { n: i, who: 'paced' });
      if (res.status === 200) fixed.push(performance.now() - s);
    })());
  }
  await Promise.all(pending);
  return fixed.sort((a, b) => a - b);
}

/**
 * `--chain-warmup` calls (100) not timed, then `--chain-runs` (25) one after the other; all but the first
 * 5 times, sorted. Both systems get the same warm-up: with 5 calls only, Weft's 40 steps were timed
 * before V8 had optimised them (median 2.5–3.8 ms against 1.4 ms after 300 calls), Node-RED's hardly.
 */
async function sequential(port: number, path: string): Promise<number[]> {
  for (let i = 0; i < Number(args['chain-warmup']); i++) {
    const res = await request(port, 'POST', path, { n: i });
    if (res.status !== 200) throw new Error(`chain failed: ${res.status} ${res.body}`);
  }
  const times: number[] = [];
  for (let i = 0; i < Number(args['chain-runs']); i++) {
    const s = performance.now();
    const res = await request(port, 'POST', path, { n: i });
    if (res.status !== 200) throw new Error(`chain failed: ${res.status} ${res.body}`);
    if (i >= 5) times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

/** Node-RED with the same flows, load and machine, right after Weft stopped; prints both and the ratios. */
async function compareNodeRed(weft: Figures): Promise<void> {
  const version = (JSON.parse(readFileSync(new URL(import.meta.resolve('node-red/package.json')), 'utf8')) as { version: string }).version;
  const nodeRed = await startNodeRed(Number(args.port) + 1, Number(args.steps));
  try {
    const chainOnly = args.only === 'chain';
    if (!chainOnly) for (let i = 0; i < 200; i++) await request(nodeRed.port, 'POST', nodeRed.simplePath, { n: i, who: 'warmup' });
    const cpuBefore = cpuMs(nodeRed.process.pid);
    const { latencies, errors, elapsed } = chainOnly ? { latencies: [], errors: 0, elapsed: 1 } : await closedLoop(nodeRed.port, nodeRed.simplePath, Number(args.seconds));
    const cpuAfter = cpuMs(nodeRed.process.pid);
    const fixed = chainOnly ? [] : await paced(nodeRed.port, nodeRed.simplePath, Number(args.rate));
    const chain = await sequential(nodeRed.port, nodeRed.chainPath);
    const theirs: Figures = { runsPerSec: chainOnly ? NaN : latencies.length / elapsed, p50: percentile(latencies, 50), pacedP50: percentile(fixed, 50), chainMedian: percentile(chain, 50),
      cpuPerRun: chainOnly || cpuBefore === undefined || cpuAfter === undefined ? NaN : (cpuAfter - cpuBefore) / Math.max(1, latencies.length),
    };
    console.log(`\n[compare] Node-RED ${version} (in memory, nothing persisted; http in → change → http response) on the same machine, load and flows, right after Weft`);
    if (errors > 0) console.log(`  Node-RED errors=${errors}`);
    const row = (what: string, unit: string, ours: number, other: number, better: 'higher' | 'lower') => {
      if (Number.isNaN(ours) && Number.isNaN(other)) return; // not measured (--only chain)
      const ratio = ours / other;
      console.log(`  ${what.padEnd(36)} Weft ${fmt(ours).padStart(8)}${unit}  Node-RED ${fmt(other).padStart(8)}${unit}  Weft/Node-RED ${ratio.toFixed(2)}× (${better} is better)`);
    };
    row(`throughput, ${args.concurrency} callers`, ' runs/s', weft.runsPerSec, theirs.runsPerSec, 'higher');
    row(`p50 at ${args.concurrency} callers`, ' ms', weft.p50, theirs.p50, 'lower');
    row('server CPU per run (all its threads)', ' ms', weft.cpuPerRun, theirs.cpuPerRun, 'lower');
    row(`p50 at ${args.rate} runs/s`, ' ms', weft.pacedP50, theirs.pacedP50, 'lower');
    row(`${args.steps} sequential steps, median`, ' ms', weft.chainMedian, theirs.chainMedian, 'lower');
  } finally {
    await nodeRed.stop();
  }
}

/**
 * The HTTP ceiling: the same closed loop against a node:http server and a Hono app that only parse
 * the body and answer (bench/http-servers.ts), each in its own process, right after Weft. Tells how
 * much of a run's time is HTTP and how much the adapter adds to node:http.
 */
async function compareHttpCeiling(weft: Figures): Promise<void> {
  console.log(`\n[compare] the HTTP ceiling: the same ${args.concurrency} callers against servers that only parse and answer, one process each, right after Weft`);
  for (const [offset, kind, label] of [[2, 'bare', 'node:http alone'], [3, 'hono', 'Hono on @hono/node-server']] as const) {
    const port = Number(args.port) + offset;
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./http-servers.ts', import.meta.url)), kind, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
        child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
      });
      for (let i = 0; i < 200; i++) await request(port, 'POST', '/hook', { n: i, who: 'warmup' });
      const { latencies, errors, elapsed } = await closedLoop(port, '/hook', Number(args.seconds));
      const perSec = latencies.length / elapsed;
      console.log(`  ${label.padEnd(28)} ${fmt(perSec).padStart(9)} req/s  p50 ${fmt(percentile(latencies, 50)).padStart(7)} ms${errors ? `  errors=${errors}` : ''}  Weft/${kind} ${(weft.runsPerSec / perSec).toFixed(2)}×`);
    } finally {
      await stopProcess(child);
    }
  }
}

async function main(): Promise<void> {
  const port = Number(args.port);
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const servers = await startServers(port, dataDir).catch((error: unknown) => {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  });
  let ceiling: BrokerCeiling | undefined;
  let throughput = 0;
  const weftFigures: Figures = { runsPerSec: NaN, p50: NaN, pacedP50: NaN, chainMedian: NaN, cpuPerRun: NaN };
  try {
    const signup = await request(port, 'POST', '/auth/signup', { email: 'bench@example.com', password: 'correct horse battery' });
    const { token } = JSON.parse(signup.body) as { token: string };
    const lambda = (values: unknown) => ({ type: 'json2new', lambda: values });
    const create = async (name: string, flow: unknown) => {
      const created = JSON.parse((await request(port, 'POST', '/flows', { name, flow }, token)).body) as { flowId: string };
      const started = await request(port, 'POST', `/flows/${created.flowId}/start`, undefined, token);
      if (started.status !== 200) throw new Error(`start failed: ${started.body}`);
      return created.flowId;
    };

    // `--only chain`: the chain alone (and Node-RED's chain alone with --compare node-red).
    if (args.only !== 'chain') {
      // Issue 3 measures webhook → Set → Response on the embedded adapters; issue 5 adds a second Set over RabbitMQ.
      const twoSets = args.bus === 'rabbitmq';
      const shape = twoSets ? 'webhook → Set → Set → Response' : 'webhook → Set → Response';
      const last = twoSets ? 'tag' : 'set';
      const simple = await create('bench simple', {
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: lambda({ values: { n: '{{{$.hook.out.body.n}}}', who: '{{{$.hook.out.body.who | upper}}}' } }) } } } } },
        ...(twoSets ? { tag: { type: 'weft.utils.transform.Set', x: 2, y: 0, source: { in: { set: ['out'] } }, config: { transform: { in: { set: { out: lambda({ values: { n: '{{{$.set.out.n}}}', who: '{{{$.set.out.who}}}', tagged: true } }) } } } } } } : {}),
        reply: { type: 'weft.utils.http.Response', x: 3, y: 0, source: { in: { [last]: ['out'] } }, config: { transform: { in: { [last]: { out: lambda({ body: `{{{$.${last}.out}}}` }) } } } } },
      });
      const simplePath = `/flows/${simple}/components/hook`;
      for (let i = 0; i < 200; i++) await request(port, 'POST', simplePath, { n: i, who: 'warmup' });

      // 1. Throughput: closed loop, `concurrency` callers.
      const seconds = Number(args.seconds);
      // CPU of every process taking part, so the figure says where each run's time goes.
      const broker = args.bus === 'rabbitmq' ? brokerPid() : undefined;
      const meters = [
        ...servers.map((server) => ({ name: roleNames.get(server) ?? 'weft', read: () => cpuMs(server.pid) })),
        ...(broker === undefined ? [] : [{ name: 'broker', read: () => cpuMs(broker) }]),
        { name: 'load generator', read: () => { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1000; } },
      ];
      // The stats files lag by up to a second: wait for the warm-up's counts to land, and the run's.
      if (args.bus === 'rabbitmq') await new Promise((resolve) => setTimeout(resolve, 1200));
      const busBefore = readBusStats();
      const cpuBefore = meters.map((meter) => meter.read());
      const machineBefore = machineTicks();
      const { latencies, errors, elapsed } = await closedLoop(port, simplePath, seconds);
      const cpuAfter = meters.map((meter) => meter.read());
      let busLine: string | undefined;
      if (args.bus === 'rabbitmq') {
        await new Promise((resolve) => setTimeout(resolve, 1200));
        const busAfter = readBusStats();
        const perRun = (key: keyof BusStats) => fmt((busAfter[key] - busBefore[key]) / Math.max(1, latencies.length));
        busLine = `  broker traffic per run (all processes): ${perRun('published')} messages published in ${perRun('publishCalls')} publish calls, ${perRun('confirmFrames')} publisher-confirm frames, ${perRun('delivered')} deliveries, ${perRun('ackFrames')} consumer-ack frames`;
      }
      const machineAfter = machineTicks();
      throughput = latencies.length / elapsed;
      weftFigures.runsPerSec = throughput;
      weftFigures.p50 = percentile(latencies, 50);
      const layouts: Record<string, string> = { split: `1 api + ${args.workers} workers + scheduler + indexer processes`, one: 'one weft start process', pair: 'an api process + one worker/scheduler/indexer process' };
      const layout = args.bus === 'rabbitmq' ? layouts[args.layout] ?? layouts.split! : 'one weft start process';
      console.log(`\n[throughput] ${shape}, bus=${args.bus} (${layout}), logging on, ${args.concurrency} concurrent callers, ${seconds}s`);
      console.log(`  runs/s=${fmt(latencies.length / elapsed)}  p50=${fmt(percentile(latencies, 50))}ms  p99=${fmt(percentile(latencies, 99))}ms  errors=${errors}`);
      if (busLine !== undefined) console.log(busLine);
      const perRunMs = meters.map((meter, i) => {
        const before = cpuBefore[i];
        const after = cpuAfter[i];
        return { name: meter.name, ms: before === undefined || after === undefined ? NaN : (after - before) / Math.max(1, latencies.length) };
      }).filter((entry) => Number.isFinite(entry.ms) && entry.ms > 0.005);
      const totalMs = perRunMs.reduce((sum, entry) => sum + entry.ms, 0);
      weftFigures.cpuPerRun = perRunMs.filter((entry) => entry.name !== 'load generator' && entry.name !== 'broker').reduce((sum, entry) => sum + entry.ms, 0);
      console.log(`  CPU per run: ${perRunMs.map((entry) => `${entry.name} ${fmt(entry.ms)} ms`).join(', ')}; total ${fmt(totalMs)} ms`);
      if (machineBefore && machineAfter) {
        // Stolen time is the hypervisor running other guests on our cores: figures from a run with
        // much of it are not comparable with a quiet machine's.
        const busy = machineAfter.busy - machineBefore.busy, idle = machineAfter.idle - machineBefore.idle, steal = machineAfter.steal - machineBefore.steal;
        const all = Math.max(1, busy + idle + steal);
        const share = (n: number) => `${Math.round((100 * n) / all)} %`;
        console.log(`  machine during the run: busy ${share(busy)}, idle ${share(idle)}, stolen by the hypervisor ${share(steal)}`);
      }
      console.log(`  at that cost ${availableParallelism()} cores allow at most ~${fmt((availableParallelism() * 1000) / totalMs)} runs/s`);

      // 2. Latency at a fixed, light rate.
      if (args.only !== 'throughput') {
        const rate = Number(args.rate);
        const fixed = await paced(port, simplePath, rate);
        weftFigures.pacedP50 = percentile(fixed, 50);
        console.log(`\n[latency] ${rate} runs/s for 5 s`);
        console.log(`  p50=${fmt(percentile(fixed, 50))}ms  p99=${fmt(percentile(fixed, 99))}ms  completed=${fixed.length}/${rate * 5}`);
      }
    }

    // 3. A flow of N sequential Set components.
    if (args.only !== 'throughput') {
      const steps = Number(args.steps);
      const chain: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
      let previous = 'hook';
      for (let i = 1; i <= steps; i++) {
        chain[`s${i}`] = { type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ values: { step: i, n: `{{{$.hook.out.body.n}}}` } }) } } } } };
        previous = `s${i}`;
      }
      chain.reply = { type: 'weft.utils.http.Response', x: steps + 1, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ body: `{{{$.${previous}.out}}}` }) } } } } };
      const chainId = await create('bench chain', chain);
      const chainTimes = await sequential(port, `/flows/${chainId}/components/hook`);
      weftFigures.chainMedian = percentile(chainTimes, 50);
      console.log(`\n[chain] webhook → ${steps} × Set → Response, end to end, ${Number(args['chain-runs']) - 5} runs after ${args['chain-warmup']} untimed`);
      console.log(`  median=${fmt(percentile(chainTimes, 50))}ms  max=${fmt(chainTimes[chainTimes.length - 1]!)}ms`);
    }
  } finally {
    await Promise.all(servers.map(stopProcess));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(busStatsDir, { recursive: true, force: true });
    closeConnections();
  }
  if (args.compare === 'node-red') await compareNodeRed(weftFigures);
  if (args.compare === 'http') await compareHttpCeiling(weftFigures);
  if (args.bus === 'rabbitmq' && args.only === 'throughput') await deleteBenchQueues();
  else if (args.bus === 'rabbitmq') {
    // Measured with Weft stopped, so each has the machine to itself.
    const broker = brokerPid();
    const brokerBefore = cpuMs(broker);
    try {
      ceiling = await measureBrokerCeiling(amqpUrl, `${amqpPrefix}.ceiling`);
      const brokerAfter = cpuMs(broker);
      if (brokerBefore !== undefined && brokerAfter !== undefined) {
        console.log(`\n[broker cost at its ceiling] ${fmt((brokerAfter - brokerBefore) / ceiling.messages)} ms of broker CPU per message published and consumed`);
      }
    } finally {
      await deleteBenchQueues();
    }
    // Each run is 4 engine messages (hook, Set, Set, Response) plus the reply to the api: 5 publishes and 5 consumes.
    const perRun = 5;
    const brokerCeiling = Math.min(ceiling.publishPerSec, ceiling.consumePerSec);
    console.log(`\n[broker ceiling] raw amqplib, quorum queue, ${ceiling.messages} messages of ~1.2 KB: publish (confirms, window 1000) ${fmt(ceiling.publishPerSec)}/s, consume (manual acks) ${fmt(ceiling.consumePerSec)}/s`);
    console.log(`  Weft moves ${fmt(throughput * perRun)} broker messages/s (${fmt(throughput)} runs/s × ${perRun}) = ${fmt((100 * throughput * perRun) / brokerCeiling)}% of the ceiling (${fmt(brokerCeiling)}/s); runs/s alone = ${fmt((100 * throughput) / brokerCeiling)}% of it`);
  }
}

/** A scenario instead of the default figures: sizes from `--sizes 100,1000`. */
async function scenario(name: string): Promise<void> {
  const sizes = (defaults: number[]) => args.sizes?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) ?? defaults;
  try {
    if (name === 'big-flows') await bigFlows(request, Number(args.port), sizes([100, 1000, 5000]));
    else if (name === 'many-flows') await manyFlows(request, Number(args.port), sizes([1000, 10_000]));
    else if (name === 'big-logs') await bigLogs(request, Number(args.port), sizes([1_000_000, 10_000_000]));
    else if (name === 'noisy-neighbour') {
      await noisyNeighbour(request, { port: Number(args.port), floodCalls: sizes([20_000])[0]!, tenantRate: Number(args['tenant-rate']), concurrency: Math.min(Number(args.concurrency), 64), idleSeconds: Math.min(Number(args.seconds), 5) });
    } else if (name === 'designer') {
      for (const n of sizes([1000])) {
        const profileFile = args['cpu-prof'] === undefined ? undefined : join(args['cpu-prof'], `designer-${n}.cpuprofile`);
        printEngineTable(n, await runDesignerEngineBench({ n, runs: Number(args.runs), port: Number(args.port), profileFile, log: (line) => console.log(line) }));
      }
    } else if (name === 'designer-mock') {
      printDesignerTable(await runDesignerBench({ sizes: sizes([500, 1000]), runs: Number(args.runs), log: (line) => console.log(line) }));
    } else throw new Error(`Unknown scenario "${name}": big-flows, many-flows, big-logs, noisy-neighbour, designer or designer-mock.`);
  } finally {
    closeConnections();
  }
}

await (args.scenario === undefined ? main() : scenario(args.scenario));
