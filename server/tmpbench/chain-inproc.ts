import { openEmbedded } from '../src/adapters/embedded/index.ts';
import { loadConfig } from '../src/config.ts';
import { createBuiltinComponents } from '../src/connectors/index.ts';
import { engineSettings } from '../src/runtime.ts';
import { Engine } from '../src/engine/engine.ts';
import { mkdtempSync } from 'node:fs'; const dir = mkdtempSync('/tmp/chaininproc-');
const embedded = openEmbedded({ file: dir + '/weft.sqlite', logsFile: dir + '/logs.sqlite', bus: { pollIntervalMs: 10 } } as never);
const settings = engineSettings(loadConfig({}));
const engine = new Engine({ store: embedded.store, bus: embedded.bus, logIndex: embedded.logIndex, components: createBuiltinComponents({ allowPrivateNetwork: false }), ...settings, publicUrl: 'http://127.0.0.1:1', onError: (e: unknown) => console.error(e) });
await engine.startWorker();
const lambda = (values: unknown) => ({ type: 'json2new', lambda: values });
const chain: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
let previous = 'hook';
const steps = Number(process.env.STEPS ?? 40);
for (let i = 1; i <= steps; i++) { chain[`s${i}`] = { type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ values: { step: i, n: `{{{$.hook.out.body.n}}}` } }) } } } } }; previous = `s${i}`; }
chain.reply = { type: 'weft.utils.http.Response', x: steps + 1, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: { in: { [previous]: { out: lambda({ body: `{{{$.${previous}.out}}}` }) } } } } };
const now = Date.now();
await engine.store.createFlow({ flowId: 'c', userId: 'u', tenantId: 'u', name: 'c', stage: 'running', version: 1, flow: chain, createdAt: now, updatedAt: now } as never);
const call = async (n: number) => { const o = await engine.acceptWebhook('c', 'hook', { method: 'POST', path: '/flows/c/components/hook', headers: { 'content-type': 'application/json' }, query: {}, body: { n } } as never); if (o.kind === 'held') await o.answer; };
for (let i = 0; i < Number(process.env.WARM ?? 500); i++) await call(i);
const rounds = Number(process.env.ROUNDS ?? 5), per = Number(process.env.PER ?? 1000);
const res: string[] = [];
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < per; i++) await call(i);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const c = process.cpuUsage(c0); const wall = performance.now() - t0 - 50;
  res.push(`cpu ${((c.user + c.system) / 1000 / per).toFixed(3)} wall ${(wall / per).toFixed(3)}`);
}
console.log(res.join(' | '));
await engine.stop(); await embedded.close();
