/** @module Sandbox worker: owns one QuickJS WASM module and answers calls one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';
import { QuickJsRunner, type RunOutcome } from './quickjs-runner.ts';

if (parentPort === null) throw new Error('sandbox worker must run in a worker thread');
const port = parentPort;
let runner: QuickJsRunner | undefined;

function reply(id: number, outcome: RunOutcome): void {
  // Omitting empty logs keeps the common message small: fewer objects to clone on both ends.
  const logs = outcome.logs.length > 0 ? { logs: outcome.logs } : {};
  const recycle = outcome.recycle ? { recycle: true as const } : {};
  const message: FromWorker = outcome.ok
    ? { type: 'done', id, json: outcome.json, durationMs: outcome.durationMs, ...logs, ...recycle }
    : { type: 'failed', id, error: outcome.error, durationMs: outcome.durationMs, ...logs, ...recycle };
  port.postMessage(message);
}

/** Never leave a call unanswered: a throw here would stop the thread and fail the call as a crash. */
function answer(id: number, run: () => RunOutcome): void {
  let outcome: RunOutcome;
  try {
    outcome = run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = { ok: false, error: { code: 'SANDBOX_CRASHED', message: `sandbox host failure: ${message}` }, durationMs: 0, logs: [], recycle: true };
  }
  reply(id, outcome);
}

// After `recycle` the pool terminates this worker and sends nothing more; no need to exit here.
port.on('message', (message: ToWorker) => {
  if (runner === undefined) return; // The pool sends nothing before 'ready'.
  const created = runner;
  switch (message.type) {
    case 'call': {
      const { source, entry, argsJson, limits, userId } = message;
      answer(message.id, () => created.call(source, entry, argsJson, limits, userId));
      return;
    }
    case 'check': {
      const { source, limits } = message;
      answer(message.id, () => created.check(source, limits));
      return;
    }
    default:
      assertNever(message);
  }
});

// No top-level await: under tsx this file may be loaded as CommonJS (see pool.ts).
const setup = workerData as WorkerSetup | undefined;
QuickJsRunner.create(setup === undefined ? {} : { wasmMemoryBytes: setup.wasmMemoryBytes }).then(
  (created) => {
    runner = created;
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  },
  () => process.exit(1),
);

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
