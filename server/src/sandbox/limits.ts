/** @module Sandbox limits: defaults and the clamps that keep a caller from disabling a guard. */

export interface SandboxLimits {
  /** Wall-clock budget of one call, microtasks included (default 1000). */
  timeoutMs: number;
  /** Hard cap on the QuickJS heap of the call's context (default 32 MiB). */
  memoryBytes: number;
  /** Cap on the UTF-8 size of the JSON result (default 1 MiB). */
  maxOutputBytes: number;
  /** QuickJS stack budget: bounds recursion and nesting depth (default 512 KiB, at most 1 MiB). */
  maxStackBytes?: number;
}

export type ResolvedLimits = Required<SandboxLimits>;

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ResolvedLimits = {
  timeoutMs: 1000,
  memoryBytes: 32 * MiB,
  maxOutputBytes: MiB,
  maxStackBytes: 512 * 1024,
};

/**
 * The stack budget is capped because QuickJS recursion also consumes the worker thread's native
 * stack (about 6 native bytes per QuickJS byte, measured): above ~1 MiB the host overflows first
 * and takes the worker down instead of raising a catchable `stack overflow` inside the sandbox.
 */
export const MAX_STACK_BYTES = MiB;
/** Native stack of a worker thread, sized for MAX_STACK_BYTES with a 2x margin. */
export const WORKER_STACK_MB = 16;

/**
 * V8 heap of a worker thread (its own JavaScript, not QuickJS's). Arguments, results and log
 * lines pass through it; past this the worker alone stops (ERR_WORKER_OUT_OF_MEMORY) instead of
 * the whole process, and its call ends as SANDBOX_MEMORY.
 */
export const WORKER_HEAP_MB = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } as const;

/**
 * Default cap on a worker's WebAssembly memory, shared by all its QuickJS runtimes. QuickJS's own
 * per-runtime limit (`memoryBytes`) counts what it can see, but in this WASM build it cannot
 * measure the size of each small block, so a heap of small objects outgrows it several times
 * over; this cap is the hard bound on what one worker (and one call) can take from the machine.
 */
export const DEFAULT_WORKER_MEMORY_BYTES = 512 * MiB;

/**
 * Promise jobs (microtasks) one call may run. A chain that keeps scheduling itself grows its
 * heap with every link; ending it here stops it long before the heap is full, where QuickJS's
 * own bookkeeping is least reliable.
 */
export const MAX_JOBS_PER_CALL = 100_000;

const clamp = (value: number | undefined, min: number, max: number, fallback: number): number =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.floor(value)));

/** Merge per-call limits over pool defaults; zero, negative or absurd values never switch a guard off. */
export function resolveLimits(base: ResolvedLimits, over: Partial<SandboxLimits> | undefined): ResolvedLimits {
  if (over === undefined) return base;
  return {
    timeoutMs: clamp(over.timeoutMs, 1, 10 * 60_000, base.timeoutMs),
    memoryBytes: clamp(over.memoryBytes, MiB, 1024 * MiB, base.memoryBytes),
    maxOutputBytes: clamp(over.maxOutputBytes, 16, 256 * MiB, base.maxOutputBytes),
    maxStackBytes: clamp(over.maxStackBytes, 64 * 1024, MAX_STACK_BYTES, base.maxStackBytes),
  };
}
