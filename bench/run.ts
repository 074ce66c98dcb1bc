/**
 * @module Benchmark: starts Weft in its own process and drives it from this one over 127.0.0.1.
 *
 *   npm run bench                      # embedded adapters
 *   npm run bench -- --bus rabbitmq    # messages over the RabbitMQ on 127.0.0.1:5672
 *   npm run bench -- --seconds 5 --concurrency 64
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    bus: { type: 'string', default: 'embedded' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '48' },
    rate: { type: 'string', default: '100' },
    steps: { type: 'string', default: '40' },
    port: { type: 'string', default: '23950' },
  },
});

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function request(port: number, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: {
      ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), WEFT_DATA_DIR: dataDir, WEFT_STATIC: 'false', WEFT_BUS: args.bus, WEFT_PREFETCH: '128' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return child;
}

async function main(): Promise<void> {
  const port = Number(args.port);
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const server = await startServer(port, dataDir);
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

    // webhook → Set → Response
    const simple = await create('bench simple', {
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: lambda({ values: { n: '{{{$.hook.out.body.n}}}', who: '{{{$.hook.out.body.who | upper}}}' } }) } } } } },
      reply: { type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { set: ['out'] } }, config: { transform: { in: { set: { out: lambda({ body: '{{{$.set.out}}}' }) } } } } },
    });
    const simplePath = `/flows/${simple}/components/hook`;
    for (let i = 0; i < 200; i++) await request(port, 'POST', simplePath, { n: i, who: 'warmup' });

    // 1. Throughput: closed loop, `concurrency` callers.
    const seconds = Number(args.seconds);
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + seconds * 1000;
    const caller = async (id: number) => {
      let n = 0;
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await request(port, 'POST', simplePath, { n: n++, who: `caller${id}` });
        if (res.status === 200) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: Number(args.concurrency) }, (_, i) => caller(i)));
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`\n[throughput] webhook → Set → Response, bus=${args.bus}, logging on, ${args.concurrency} concurrent callers, ${seconds}s`);
    console.log(`  runs/s=${fmt(latencies.length / elapsed)}  p50=${fmt(percentile(latencies, 50))}ms  p99=${fmt(percentile(latencies, 99))}ms  errors=${errors}`);

    // 2. Latency at a fixed, light rate.
    const rate = Number(args.rate);
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
        const res = await request(port, 'POST', simplePath, { n: i, who: 'paced' });
        if (res.status === 200) fixed.push(performance.now() - s);
      })());
    }
    await Promise.all(pending);
    fixed.sort((a, b) => a - b);
    console.log(`\n[latency] ${rate} runs/s for 5 s`);
    console.log(`  p50=${fmt(percentile(fixed, 50))}ms  p99=${fmt(percentile(fixed, 99))}ms  completed=${fixed.length}/${rate * 5}`);

    // 3. A flow of N sequential Set components.
    const steps = Number(args.steps);
    const chain: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
    let previous = 'hook';
    for (let i = 1; i <= steps; i++) {
      chain[`s${i}`] = { type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ values: { step: i, n: `{{{$.hook.out.body.n}}}` } }) } } } } };
      previous = `s${i}`;
    }
    chain.reply = { type: 'weft.utils.http.Response', x: steps + 1, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ body: `{{{$.${previous}.out}}}` }) } } } } };
    const chainId = await create('bench chain', chain);
    const chainTimes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const s = performance.now();
      const res = await request(port, 'POST', `/flows/${chainId}/components/hook`, { n: i });
      if (res.status !== 200) throw new Error(`chain failed: ${res.status} ${res.body}`);
      if (i >= 5) chainTimes.push(performance.now() - s);
    }
    chainTimes.sort((a, b) => a - b);
    console.log(`\n[chain] webhook → ${steps} × Set → Response, end to end, 20 runs`);
    console.log(`  median=${fmt(percentile(chainTimes, 50))}ms  max=${fmt(chainTimes[chainTimes.length - 1]!)}ms`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    agent.destroy();
  }
}

await main();
