import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpClient } from './http-client.ts';
import { startWeftProcess, stopProcess, mainThreadCpuMs } from './weft-process.ts';
const port = 23977;
const { request, close } = httpClient(8);
const steps = 40, runs = Number(process.env.RUNS ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'chainprof-'));
const weft = await startWeftProcess({ cpuProfDir: process.env.PROF, env: { PORT: String(port), WEFT_DATA_DIR: dataDir } });
try {
  const signup = await request(port, 'POST', '/auth/signup', { email: 'b@example.com', password: 'correct horse battery' });
  const { token } = JSON.parse(signup.body);
  const lambda = (values: unknown) => ({ type: 'json2new', lambda: values });
  const chain: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
  let previous = 'hook';
  for (let i = 1; i <= steps; i++) {
    chain[`s${i}`] = { type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ values: { step: i, n: `{{{$.hook.out.body.n}}}` } }) } } } } };
    previous = `s${i}`;
  }
  chain.reply = { type: 'weft.utils.http.Response', x: steps + 1, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ body: `{{{$.${previous}.out}}}` }) } } } } };
  const created = JSON.parse((await request(port, 'POST', '/flows', { name: 'c', flow: chain }, token)).body);
  await request(port, 'POST', `/flows/${created.flowId}/start`, undefined, token);
  const path = `/flows/${created.flowId}/components/hook`;
  for (let i = 0; i < 300; i++) await request(port, 'POST', path, { n: i });
  const cpu0 = mainThreadCpuMs(weft.pid);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) { const s = performance.now(); const r = await request(port, 'POST', path, { n: i }); if (r.status !== 200) throw new Error(r.body); times.push(performance.now() - s); }
  const cpu1 = mainThreadCpuMs(weft.pid);
  times.sort((a, b) => a - b);
  const q = [5,10,25,40,50,60,75,90,99].map((p) => `${p}:${times[Math.floor(times.length * p / 100)]!.toFixed(2)}`).join(" "); console.log(q);
  console.log(`median ${times[times.length >> 1]!.toFixed(3)} ms  p10 ${times[Math.floor(times.length * 0.1)]!.toFixed(3)}  main-thread cpu/run ${(((cpu1 ?? NaN) - (cpu0 ?? NaN)) / runs).toFixed(3)} ms`);
} finally { await stopProcess(weft); rmSync(dataDir, { recursive: true, force: true }); close(); }
