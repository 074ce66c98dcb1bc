/** @module Sandbox pool: spreads calls over worker threads, queues the rest, replaces bad workers. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../worker-threads.ts';
import { DEFAULT_LIMITS, resolveLimits, WORKER_STACK_MB, type SandboxLimits } from './limits.ts';
import { decodeLogLine, type FromWorker, type ToWorker } from './protocol.ts';
import type { SandboxError, SandboxResult } from './result.ts';

export interface Sandbox {
  /** Compile check without running user logic: syntax errors with line/column. */
  check(source: string): Promise<SandboxResult>;
  /** `source` defines a function (e.g. `function run(input, context) {…}` or `async function run(…)`); call `entry` with JSON args. */
  call(source: string, entry: string, args: unknown[], limits?: Partial<SandboxLimits>): Promise<SandboxResult>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Worker threads (default min(2, cpus)). */
  workers?: number;
  /** Defaults for every call; a call may override each. */
  limits?: Partial<SandboxLimits>;
}

interface Job {
  readonly message: ToWorker;
  readonly resolve: (result: SandboxResult) => void;
  startedAt: number;
  /** Past this instant (performance.now) the worker is presumed hung and is terminated. */
  killAt: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Exited and not replaced (workers kept failing to start); respawned on the next call. */
  dead: boolean;
  job: Job | undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Time a worker gets past a call's deadline to answer on its own before it is terminated. */
const graceMs = (timeoutMs: number): number => 250 + Math.min(timeoutMs, 1000);
const WATCHDOG_MS = 50;
/** Workers that die before becoming ready this many times in a row mean the pool cannot work. */
const MAX_FAILED_STARTS = 3;

function newWorker(): Worker {
  return startModuleWorker(new URL('./worker.ts', import.meta.url), { resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const size = Math.max(1, Math.floor(options.workers ?? Math.min(2, availableParallelism())));
  const defaults = resolveLimits(DEFAULT_LIMITS, options.limits);
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  let failedStarts = 0;
  let watchdog: NodeJS.Timeout | undefined;

  const failure = (error: SandboxError, durationMs = 0): SandboxResult => ({ ok: false, error, durationMs, logs: [] });

  function spawn(index: number): void {
    const worker = newWorker();
    const slot: Slot = { worker, ready: false, dead: false, job: undefined };
    slots[index] = slot;
    worker.on('message', (message: FromWorker) => onMessage(slot, message));
    worker.on('error', () => undefined); // 'exit' follows and does the replacing.
    worker.on('exit', () => onExit(index, slot));
  }

  function onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        failedStarts = 0;
        pump();
        return;
      case 'done':
      case 'failed': {
        const job = slot.job;
        if (job === undefined || job.message.id !== message.id) return;
        slot.job = undefined;
        job.resolve(toResult(message));
        if (message.type === 'failed' && message.recycle === true) {
          slot.ready = false;
          void slot.worker.terminate();
          return;
        }
        pump();
        return;
      }
      default:
        assertNever(message);
    }
  }

  function onExit(index: number, slot: Slot): void {
    if (slots[index] !== slot) return;
    const job = slot.job;
    slot.job = undefined;
    if (job !== undefined) job.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox worker stopped during the call' }));
    if (closed) return;
    if (!slot.ready) failedStarts++;
    if (failedStarts < MAX_FAILED_STARTS) {
      spawn(index);
      return;
    }
    // Workers die before they are ready: fail what waits instead of respawning in a tight loop.
    // The next call tries again.
    slot.dead = true;
    if (slots.every((s) => s.dead)) {
      for (const queued of queue.splice(0)) queued.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'sandbox workers fail to start' }));
    }
  }

  /** Terminate workers whose call outlived deadline + grace: the call is reported as a timeout. */
  function watch(): void {
    const now = performance.now();
    let busy = false;
    for (const slot of slots) {
      const job = slot.job;
      if (job === undefined) continue;
      busy = true;
      if (now < job.killAt) continue;
      slot.job = undefined;
      slot.ready = false;
      job.resolve(failure({ code: 'SANDBOX_TIMEOUT', message: 'time limit exceeded; the worker did not stop and was replaced' }, now - job.startedAt));
      void slot.worker.terminate();
    }
    if (!busy && watchdog !== undefined) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
  }

  function pump(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      const { limits } = job.message;
      job.startedAt = performance.now();
      job.killAt = job.startedAt + limits.timeoutMs + graceMs(limits.timeoutMs);
      slot.job = job;
      slot.worker.postMessage(job.message);
      if (watchdog === undefined) {
        watchdog = setInterval(watch, WATCHDOG_MS);
        watchdog.unref();
      }
    }
  }

  function submit(message: ToWorker): Promise<SandboxResult> {
    if (closed) return Promise.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox is closed' }));
    if (slots.every((slot) => slot.dead)) {
      failedStarts = 0;
      slots.forEach((_, index) => spawn(index));
    }
    return new Promise<SandboxResult>((resolve) => {
      queue.push({ message, resolve, startedAt: 0, killAt: Number.POSITIVE_INFINITY });
      pump();
    });
  }

  for (let index = 0; index < size; index++) spawn(index);

  return {
    check(source) {
      return submit({ type: 'check', id: nextId++, source, limits: defaults });
    },

    call(source, entry, args, limits) {
      if (!IDENTIFIER.test(entry)) {
        return Promise.resolve(failure({ code: 'SANDBOX_SYNTAX', message: `entry must be an identifier, got ${JSON.stringify(entry)}` }));
      }
      let argsJson: string;
      try {
        argsJson = JSON.stringify(args);
      } catch (error) {
        // Deep nesting is data a hostile upstream can produce; cycles and BigInts are a host bug.
        if (error instanceof RangeError) return Promise.resolve(failure({ code: 'SANDBOX_STACK', message: 'arguments are nested too deeply' }));
        throw new TypeError('sandbox arguments must be JSON values', { cause: error });
      }
      return submit({ type: 'call', id: nextId++, source, entry, argsJson, limits: resolveLimits(defaults, limits) });
    },

    async close() {
      closed = true;
      if (watchdog !== undefined) clearInterval(watchdog);
      for (const job of queue.splice(0)) job.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox was closed' }));
      await Promise.all(
        slots.map(async (slot) => {
          const job = slot.job;
          slot.job = undefined;
          job?.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox was closed' }));
          await slot.worker.terminate();
        }),
      );
    },
  };
}

function toResult(message: Extract<FromWorker, { type: 'done' | 'failed' }>): SandboxResult {
  const logs = message.logs?.map(decodeLogLine) ?? [];
  if (message.type === 'failed') return { ok: false, error: message.error, durationMs: message.durationMs, logs };
  try {
    return { ok: true, value: JSON.parse(message.json) as unknown, durationMs: message.durationMs, logs };
  } catch {
    // QuickJS's encoder produced it, so this is not expected; never let it throw into the engine.
    return { ok: false, error: { code: 'SANDBOX_BAD_RESULT', message: 'result is not valid JSON' }, durationMs: message.durationMs, logs };
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
