/** @module Sandbox worker: owns one QuickJS WASM module and answers calls one at a time. */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.ts';
import { QuickJsRunner, type RunOutcome } from './quickjs-runner.ts';

if (parentPort === null) throw new Error('sandbox worker must run in a worker thread');
const port = parentPort;
let runner: QuickJsRunner | undefined;

function reply(id: number, outcome: RunOutcome): void {
  // Omitting empty logs keeps the common message small: fewer objects to clone on both ends.
  const logs = outcome.logs.length > 0 ? { logs: outcome.logs } : {};
  const message: FromWorker = outcome.ok
    ? { type: 'done', id, json: outcome.json, durationMs: outcome.durationMs, ...logs }
    : { type: 'failed', id, error: outcome.error, durationMs: outcome.durationMs, ...logs, ...(outcome.recycle ? { recycle: true as const } : {}) };
  port.postMessage(message);
}

// After `recycle` the pool terminates this worker and sends nothing more; no need to exit here.
port.on('message', (message: ToWorker) => {
  if (runner === undefined) return; // The pool sends nothing before 'ready'.
  switch (message.type) {
    case 'call':
      reply(message.id, runner.call(message.source, message.entry, message.argsJson, message.limits));
      return;
    case 'check':
      reply(message.id, runner.check(message.source, message.limits));
      return;
    default:
      assertNever(message);
  }
});

// No top-level await: under tsx this file may be loaded as CommonJS (see pool.ts).
QuickJsRunner.create().then(
  (created) => {
    runner = created;
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  },
  () => process.exit(1),
);

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
