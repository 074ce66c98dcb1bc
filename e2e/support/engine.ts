/** @module Engine under test: a real Weft process on embedded adapters in a temp data dir, on a free port. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The operator every engine starts with, made by `weft users create-operator` (sign-up never makes one). */
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'operator passphrase 1';
/** A support account (reads every tenant, changes nothing), made with `weft users create-support`. */
export const SUPPORT_EMAIL = 'support@example.com';
export const SUPPORT_PASSWORD = 'support passphrase 1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningEngine {
  url: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The engine exited with ${child.exitCode}:\n${output()}`);
    try {
      const answer = await fetch(`${url}/health`);
      if (answer.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The engine did not answer /health within 30 s:\n${output()}`);
}

/** Starts `weft start` (API, worker and scheduler in one process) and waits until /health answers. */
export async function startEngine(options: { corsOrigins: string[]; env?: Record<string, string> }): Promise<RunningEngine> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEFT_DATA_DIR: dataDir,
    WEFT_CORS_ORIGINS: options.corsOrigins.join(','),
    WEFT_STORE: 'embedded',
    WEFT_BUS: 'embedded',
    WEFT_LOGS: 'embedded',
    WEFT_STATIC: 'true',
    WEFT_DEMO: 'true',
    ...options.env,
  };
  execFileSync(process.execPath, ['server/bin/weft.js', 'users', 'create-operator', '--email', ADMIN_EMAIL, '--password', ADMIN_PASSWORD], { cwd: repoRoot, env, stdio: 'pipe' });
  execFileSync(process.execPath, ['server/bin/weft.js', 'users', 'create-support', '--email', SUPPORT_EMAIL, '--password', SUPPORT_PASSWORD], { cwd: repoRoot, env, stdio: 'pipe' });
  // Spawn node itself (not npm) so the PID we keep is the engine's.
  const child = spawn(process.execPath, ['server/bin/weft.js', 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
