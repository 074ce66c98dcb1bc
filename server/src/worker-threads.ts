/** @module Worker threads that run one of our modules, whether it is TypeScript (tsx, vitest) or compiled. */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`, a sibling module given as `new URL('./x.ts', import.meta.url)`.
 *
 * Under tsx or vitest the module is TypeScript; compiled, it is JavaScript next to the caller.
 * Node 20 applies neither `--import tsx` in a worker's execArgv nor `module.register` inside a
 * worker to its ESM imports, so a TypeScript worker is loaded through tsx's in-thread CommonJS
 * hook (which is why worker entry modules avoid top-level await).
 */
export function startModuleWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), options);
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxCjs)}).register(); require(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
