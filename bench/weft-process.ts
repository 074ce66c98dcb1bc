/** @module Starting and stopping Weft processes for the benchmarks: `node server/bin/weft.js <command>`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));

export interface WeftProcessOptions {
  /** `start` (every role, the default), `api`, `worker`, `scheduler`, `indexer`. */
  command?: string;
  env: Record<string, string>;
  /** Write a .cpuprofile of the process into this folder. */
  cpuProfDir?: string | undefined;
}

/** Starts one Weft process and resolves once it is up: listening (start, api) or announcing its role. */
export function startWeftProcess({ command = 'start', env, cpuProfDir }: WeftProcessOptions): Promise<ChildProcess> {
  const profile = cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfDir];
  // BENCH_LOADER=tsx runs the CLI under tsx instead of bin/weft.js's own hooks, for a comparison.
  const entry = process.env.BENCH_LOADER === 'tsx' ? ['--import', 'tsx', 'src/cli.ts'] : ['bin/weft.js'];
  // BENCH_NODE_FLAGS: extra flags for the Weft processes, e.g. `--no-turbo-inlining` for a profile that names every function.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter((flag) => flag !== '') ?? [];
  const child = spawn(process.execPath, [...flags, ...profile, ...entry, command], {
    cwd: serverDir,
    // Benchmarks measure the engine, not the per-tenant rate limits: off unless the environment or a scenario sets them.
    env: { WEFT_TENANT_WEBHOOK_RATE: '0', WEFT_TENANT_API_RATE: '0', ...process.env, WEFT_STATIC: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const listens = command === 'api' || (command === 'start' && (env.WEFT_ROLES === undefined || env.WEFT_ROLES.includes('api')));
      if (listens ? out.includes('listening') : out.includes(`Weft ${command}`)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`weft ${command} exited with ${code}: ${out}`)));
  });
}

/** SIGTERM, then wait for the exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process in MB, from /proc; undefined off Linux. */
export function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(join('/proc', String(pid), 'status'), 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time the process's main thread (the event loop) has used, in ms, from
 * /proc/<pid>/task/<pid>/schedstat (ns); undefined off Linux. Unlike a latency, it hardly moves
 * with the load of other processes on the machine: it is how long the loop was busy.
 */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const [ns] = readFileSync(join('/proc', String(pid), 'task', String(pid), 'schedstat'), 'utf8').split(' ');
    return Number(ns) / 1e6;
  } catch {
    return undefined;
  }
}
