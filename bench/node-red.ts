/**
 * @module Node-RED as the benchmark's yardstick: started in its own process with flows equivalent to
 * Weft's (http in → change → http response, and a chain of change nodes), in memory, editor off,
 * nothing sent off this machine. Measured by the same load generator as Weft, in the same
 * invocation, so that each figure is printed as a ratio from one run on a noisy machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeRed {
  port: number;
  /** POST `{ n, who }` here: answers `{ n, who: WHO }` (one change node, as Weft's Set with `upper`). */
  simplePath: string;
  /** POST `{ n }` here: `steps` change nodes one after the other, then the answer. */
  chainPath: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

type NodeRedNode = Record<string, unknown> & { id: string; type: string };

/** The flows file: a tab with the simple flow and the chain. */
export function nodeRedFlows(steps: number): NodeRedNode[] {
  const tab = 'bench';
  const nodes: NodeRedNode[] = [{ id: tab, type: 'tab', label: 'bench' }];
  const wire = (id: string, type: string, rest: Record<string, unknown>, next?: string) =>
    nodes.push({ id, type, z: tab, ...rest, wires: next ? [[next]] : [] });

  // Weft's Set maps `{ n, who | upper }` with its template language; Node-RED's declarative
  // equivalent is a change node with a JSONata expression.
  wire('simple-in', 'http in', { url: '/simple', method: 'post', upload: false }, 'simple-set');
  wire('simple-set', 'change', { rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{ "n": payload.n, "who": $uppercase(payload.who) }', tot: 'jsonata' }] }, 'simple-out');
  wire('simple-out', 'http response', { statusCode: '', headers: {} });

  // Weft's chain sets `{ step: i, n }` in each Set; here each change node sets the same two fields.
  wire('chain-in', 'http in', { url: '/chain', method: 'post', upload: false }, 'chain-1');
  for (let i = 1; i <= steps; i++) {
    wire(`chain-${i}`, 'change', {
      rules: [
        { t: 'set', p: 'payload.step', pt: 'msg', to: String(i), tot: 'num' },
        { t: 'set', p: 'payload.n', pt: 'msg', to: 'req.body.n', tot: 'msg' },
      ],
    }, i === steps ? 'chain-out' : `chain-${i + 1}`);
  }
  wire('chain-out', 'http response', { statusCode: '', headers: {} });
  return nodes;
}

/** Starts Node-RED (the bench's devDependency) on `port` and resolves once its flows run. */
export async function startNodeRed(port: number, steps: number): Promise<NodeRed> {
  const userDir = mkdtempSync(join(tmpdir(), 'weft-bench-node-red-'));
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(nodeRedFlows(steps)));
  // Editor and admin API off, no update check or telemetry, nothing installed at run time.
  writeFileSync(join(userDir, 'settings.js'), `module.exports = ${JSON.stringify({
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    httpAdminRoot: false,
    credentialSecret: false,
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    apiMaxLength: '5mb',
  })};\n`);
  const redJs = createRequire(import.meta.url).resolve('node-red/red.js');
  const child = spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', join(userDir, 'settings.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_RED_ENABLE_PROJECTS: 'false' },
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(userDir, { recursive: true, force: true });
  };
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`Node-RED exited with ${code}:\n${output}`))));
  // With the console at 'warn' Node-RED prints nothing when it is ready: ask it until it answers.
  const ready = (async () => {
    for (let i = 0; i < 300; i++) {
      const answered = await fetch(`http://127.0.0.1:${port}/simple`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 0, who: 'probe' }),
      }).then(async (res) => (res.status === 200 ? await res.text() : undefined), () => undefined);
      // The same answer as Weft's flow, or the comparison would not be fair.
      if (answered !== undefined) {
        if (answered !== '{"n":0,"who":"PROBE"}') throw new Error(`Node-RED answered ${answered}, not the flow's { n, who: WHO }`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Node-RED did not answer on port ${port} within 30 s:\n${output}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, simplePath: '/simple', chainPath: '/chain', process: child, stop };
}
