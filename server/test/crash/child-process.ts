/** @module Crash-test children: start test/crash/child.ts (a whole Weft) in its own process, to kill it with SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));

/** Every child started, so that a test's afterAll can kill what is left. */
export const children: ChildProcess[] = [];

/**
 * A Weft in its own process on `port`, sharing `dataDir` with the ones before it; resolves once it
 * listens. Its Record component appends to `dataDir/effects.log`.
 */
export function startChild(port: number, dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash/child.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: String(port), WEFT_DATA_DIR: dataDir, WEFT_STATIC: 'false', CRASH_RECORD_FILE: join(dataDir, 'effects.log'),
      // A dead process's unacknowledged messages come back after this long.
      WEFT_EMBEDDED_VISIBILITY_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}: ${out}`)));
  });
}
