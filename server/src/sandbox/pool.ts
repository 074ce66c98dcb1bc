/** @module Sandbox pool: spreads calls over worker threads, queues the rest fairly per user, replaces bad workers. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../worker-threads.ts';
import { DEFAULT_LIMITS, DEFAULT_WORKER_MEMORY_BYTES, resolveLimits, WORKER_HEAP_MB, WORKER_STACK_MB, type SandboxLimits } from './limits.ts';
import { decodeLogLine, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.ts';
import type { SandboxError, SandboxResult } from './result.ts';

export interface Sandbox {
  /** Compile check without running user logic: syntax errors with line/column. */
  check(source: string, userId?: string): Promise<SandboxResult>;
  /**
   * `source` defines a function (e.g. `function run(input, context) {…}` or `async function run(…)`); call `entry` with JSON args.
   * `userId` names whom the call runs for: warm contexts (module-level state) are never shared
   * between users, and each user's calls are capped and queued apart. Calls without one share
   * the anonymous user `''` (tests, tools); the engine and the API always pass one.
   */
  call(source: string, entry: string, args: unknown[], limits?: Partial<SandboxLimits>, userId?: string): Promise<SandboxResult>;
  close(): Promise<void>;
  /** Worker threads started so far: none until the first call or check (replacements count too). */
  readonly threadsStarted: number;
}

export interface SandboxOptions {
  /**
   * Worker threads (default min(2, cpus)), started on the first call or check: each holds a V8
   * isolate and a QuickJS WASM memory (~30 MB together), which an installation running no user
   * code never needs.
   */
  workers?: number;
  /** Defaults for every call; a call may override each. */
  limits?: Partial<SandboxLimits>;
  /** Calls of one user running at once across the pool (default 2); the rest wait their turn. */
  callsPerUser?: number;
  /**
   * Calls of one user waiting at once (default 64) beyond the `callsPerUser` that may run; a call
   * past `callsPerUser + queuedPerUser` in the pool fails at once with SANDBOX_BUSY.
   */
  queuedPerUser?: number;
  /** Cap on each worker's WebAssembly memory, all its QuickJS heaps together (default 512 MiB). */
  workerMemoryBytes?: number;
}

interface Job {
  readonly message: ToWorker;
  readonly userId: string;
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
  /** The worker hit its V8 heap limit (`resourceLimits`): its call ran out of memory. */
  outOfMemory: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Time a worker gets past a call's deadline to answer on its own before it is terminated. */
const graceMs = (timeoutMs: number): number => 250 + Math.min(timeoutMs, 1000);
const WATCHDOG_MS = 50;
/** Workers that die before becoming ready this many times in a row mean the pool cannot work. */
const MAX_FAILED_STARTS = 3;

function newWorker(setup: WorkerSetup): Worker {
  return startModuleWorker(new URL('./worker.ts', import.meta.url), {
    resourceLimits: { stackSizeMb: WORKER_STACK_MB, ...WORKER_HEAP_MB },
    workerData: setup,
  });
}

const atLeastOne = (value: number | undefined, fallback: number): number =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.max(1, Math.floor(value));

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const size = Math.max(1, Math.floor(options.workers ?? Math.min(2, availableParallelism())));
  const defaults = resolveLimits(DEFAULT_LIMITS, options.limits);
  const callsPerUser = atLeastOne(options.callsPerUser, 2);
  const queuedPerUser = atLeastOne(options.queuedPerUser, 64);
  const setup: WorkerSetup = { wasmMemoryBytes: Math.max(64 * 1024 * 1024, options.workerMemoryBytes ?? DEFAULT_WORKER_MEMORY_BYTES) };
  const slots: Slot[] = [];
  const queues = new Map<string, Job[]>();
  /** Users with waiting calls, in turn order: whoever was served last goes to the back. */
  const waiting: string[] = [];
  const running = new Map<string, number>();
  let nextId = 1;
  let closed = false;
  let failedStarts = 0;
  let threadsStarted = 0;
  let watchdog: NodeJS.Timeout | undefined;

  const failure = (error: SandboxError, durationMs = 0): SandboxResult => ({ ok: false, error, durationMs, logs: [] });

  function spawn(index: number): void {
    const worker = newWorker(setup);
    threadsStarted++;
    const slot: Slot = { worker, ready: false, dead: false, job: undefined, outOfMemory: false };
    slots[index] = slot;
    worker.on('message', (message: FromWorker) => onMessage(slot, message));
    // 'exit' follows and does the replacing.
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.outOfMemory = true;
    });
    worker.on('exit', () => onExit(index, slot));
  }

  /** Ends a job: its user gets its running slot back. */
  function finish(job: Job, result: SandboxResult): void {
    const count = (running.get(job.userId) ?? 1) - 1;
    if (count > 0) running.set(job.userId, count);
    else running.delete(job.userId);
    job.resolve(result);
  }

  /**
   * The next job to run: among users with waiting calls and below their cap, the one with the
   * fewest calls running, earliest in turn order. One user's burst cannot push others back.
   */
  function takeNext(): Job | undefined {
    let chosen = -1;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < waiting.length; i++) {
      const count = running.get(waiting[i]!) ?? 0;
      if (count < callsPerUser && count < fewest) {
        chosen = i;
        fewest = count;
      }
    }
    if (chosen < 0) return undefined;
    const userId = waiting[chosen]!;
    const queue = queues.get(userId)!;
    const job = queue.shift()!;
    waiting.splice(chosen, 1);
    if (queue.length > 0) waiting.push(userId);
    else queues.delete(userId);
    running.set(userId, fewest + 1);
    return job;
  }

  function drainQueues(): Job[] {
    const all = [...queues.values()].flat();
    queues.clear();
    waiting.length = 0;
    return all;
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
        finish(job, toResult(message));
        if (message.recycle === true) {
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
    if (job !== undefined) {
      finish(job, failure(slot.outOfMemory
        ? { code: 'SANDBOX_MEMORY', message: 'the sandbox worker ran out of memory during the call and was replaced' }
        : { code: 'SANDBOX_CRASHED', message: 'the sandbox worker stopped during the call' }));
    }
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
      for (const queued of drainQueues()) queued.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'sandbox workers fail to start' }));
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
      finish(job, failure({ code: 'SANDBOX_TIMEOUT', message: 'time limit exceeded; the worker did not stop and was replaced' }, now - job.startedAt));
      void slot.worker.terminate();
    }
    if (!busy && watchdog !== undefined) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
  }

  function pump(): void {
    for (const slot of slots) {
      if (waiting.length === 0) return;
      if (!slot.ready || slot.job !== undefined) continue;
      const job = takeNext();
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

  function submit(message: ToWorker, userId: string): Promise<SandboxResult> {
    if (closed) return Promise.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox is closed' }));
    const queue = queues.get(userId) ?? [];
    // The bound is on what a user has in the pool at all: calls waiting only because the workers
    // are still starting (or were just replaced) must not be refused while the user's own slots
    // are free.
    if (queue.length + (running.get(userId) ?? 0) >= queuedPerUser + callsPerUser) {
      return Promise.resolve(failure({ code: 'SANDBOX_BUSY', message: `too many of your calls are waiting for the sandbox (${queue.length}); try again shortly` }));
    }
    // The first call starts the workers; so does a call after they all kept failing to start.
    if (slots.length === 0 || slots.every((slot) => slot.dead)) {
      failedStarts = 0;
      for (let index = 0; index < size; index++) spawn(index);
    }
    return new Promise<SandboxResult>((resolve) => {
      if (queue.length === 0) {
        queues.set(userId, queue);
        waiting.push(userId);
      }
      queue.push({ message, userId, resolve, startedAt: 0, killAt: Number.POSITIVE_INFINITY });
      pump();
    });
  }

  return {
    get threadsStarted() {
      return threadsStarted;
    },

    check(source, userId = '') {
      return submit({ type: 'check', id: nextId++, source, limits: defaults }, userId);
    },

    call(source, entry, args, limits, userId = '') {
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
      return submit({ type: 'call', id: nextId++, userId, source, entry, argsJson, limits: resolveLimits(defaults, limits) }, userId);
    },

    async close() {
      closed = true;
      if (watchdog !== undefined) clearInterval(watchdog);
      for (const job of drainQueues()) job.resolve(failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox was closed' }));
      await Promise.all(
        slots.map(async (slot) => {
          const job = slot.job;
          slot.job = undefined;
          if (job !== undefined) finish(job, failure({ code: 'SANDBOX_CRASHED', message: 'the sandbox was closed' }));
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
