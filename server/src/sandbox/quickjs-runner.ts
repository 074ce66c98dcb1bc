/** @module QuickJS runner: runs user functions in warm, cached QuickJS contexts inside one thread. */
import {
  newQuickJSWASMModule, newVariant, RELEASE_SYNC, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { MAX_JOBS_PER_CALL, type ResolvedLimits } from './limits.ts';
import { levelOfCode, Marker, PRELUDE_SOURCE, USER_FILE } from './prelude.ts';
import { encodeLogLine, type EncodedLogLine } from './protocol.ts';
import type { SandboxError, SandboxErrorCode } from './result.ts';

/** What one call produced; the value stays a JSON string so it is parsed once, by the caller. */
export type RunOutcome =
  | { ok: true; json: string; durationMs: number; logs: EncodedLogLine[]; recycle?: true }
  | { ok: false; error: SandboxError; durationMs: number; logs: EncodedLogLine[]; recycle?: true };

type Outcome = { ok: true; json: string; recycle?: true } | { ok: false; error: SandboxError; recycle?: true };

export interface RunnerOptions {
  /** Warm contexts kept per runner, least recently used evicted first (default 32). */
  maxContexts?: number;
  maxLogLines?: number;
  /** Cap on the WebAssembly memory of this runner's QuickJS module (default: QuickJS's own, 2 GiB). */
  wasmMemoryBytes?: number;
}

/**
 * A warm context belongs to one caller and one source: module-level state that one user's calls
 * leave behind is never seen by another user running byte-identical code.
 */
const contextKey = (userId: string, source: string): string => `${userId.length}:${userId}:${source}`;

/** One user's source, compiled and evaluated once, with its own runtime so its heap has its own cap. */
interface WarmContext {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  readonly callWrapper: QuickJSHandle;
  readonly entries: Map<string, QuickJSHandle>;
  memoryBytes: number;
  stackBytes: number;
}

class Failure extends Error {
  constructor(readonly sandboxError: SandboxError) {
    super(sandboxError.message);
  }
}

const fail = (code: SandboxErrorCode, message: string, line?: number, column?: number): Failure =>
  new Failure({ code, message, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) });

interface Described {
  name: string;
  message: string;
  line?: number;
  column?: number;
  /** The thrown value was null. */
  isNull?: true;
}

/** Codes for errors QuickJS raises itself; anything else was thrown by user code. */
function codeFor(message: string, fallback: SandboxErrorCode): SandboxErrorCode {
  // QuickJS builds `s + s` as a rope, so doubling a string ends at its length cap before the heap cap.
  if (message === 'out of memory' || message === 'string too long') return 'SANDBOX_MEMORY';
  if (message === 'stack overflow') return 'SANDBOX_STACK';
  // The interrupt handler's own error can surface later, as the rejection of an async function
  // whose job was cut off, when the flag of that call no longer tells it.
  if (message === 'interrupted') return 'SANDBOX_TIMEOUT';
  return fallback;
}

/** Node's WebAssembly.Memory; this package's TypeScript libraries do not declare WebAssembly. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory } }).WebAssembly.Memory;

const MEMORY_MESSAGE = 'memory limit exceeded';

/**
 * QuickJS throws null where it cannot allocate even an error object. By the time the host sees
 * it, what filled the heap may be freed already, so a thrown null is always out of memory; when
 * the heap is not visibly full, the message says that code throwing null itself reads the same.
 */
const nullMessage = (heapFull: boolean): string =>
  heapFull ? MEMORY_MESSAGE : `${MEMORY_MESSAGE}, or the code threw null (QuickJS throws null when out of memory)`;

/** Poisoned contexts are discarded: after these a heap or stack may be half-built. */
const DISCARDING: ReadonlySet<SandboxErrorCode> = new Set(['SANDBOX_TIMEOUT', 'SANDBOX_MEMORY', 'SANDBOX_STACK', 'SANDBOX_CRASHED']);

const JOBS_PER_SLICE = 512;

export class QuickJsRunner {
  private readonly contexts = new Map<string, WarmContext>();
  private readonly maxContexts: number;
  private readonly maxLogLines: number;
  private readonly wasmMemoryBytes: number | undefined;
  private readonly wasmMemory: WasmMemory | undefined;
  private deadline = Number.POSITIVE_INFINITY;
  private interrupted = false;
  private jobs = 0;
  /**
   * QuickJS aborted the WASM module (it does so when freeing a runtime whose heap an
   * out-of-memory left inconsistent): nothing more can run here, the worker must be replaced.
   */
  private broken = false;
  private logs: EncodedLogLine[] = [];
  private droppedLogs = 0;
  private readonly interruptHandler = (): boolean => {
    if (performance.now() < this.deadline) return false;
    this.interrupted = true;
    return true;
  };

  private constructor(
    private readonly module: QuickJSWASMModule,
    options: RunnerOptions,
    wasmMemory?: WasmMemory,
  ) {
    this.wasmMemory = wasmMemory;
    this.maxContexts = options.maxContexts ?? 32;
    this.maxLogLines = options.maxLogLines ?? 100;
    this.wasmMemoryBytes = options.wasmMemoryBytes;
  }

  static async create(options: RunnerOptions = {}): Promise<QuickJsRunner> {
    const { wasmMemoryBytes } = options;
    if (wasmMemoryBytes === undefined) return new QuickJsRunner(await newQuickJSWASMModule(), options);
    // With a maximum, growing the memory past it fails and QuickJS's allocation returns null: the
    // call runs out of memory, instead of the worker taking all the machine has.
    const PAGE = 64 * 1024;
    const wasmMemory = new WasmMemory({ initial: 256, maximum: Math.max(256, Math.floor(wasmMemoryBytes / PAGE)) });
    return new QuickJsRunner(await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory })), options, wasmMemory);
  }

  get warmContexts(): number {
    return this.contexts.size;
  }

  /** Compile `source` without running it. */
  check(source: string, limits: ResolvedLimits): RunOutcome {
    const started = this.begin(limits);
    const runtime = this.newRuntime(limits);
    const context = runtime.newContext();
    let outcome: Outcome;
    try {
      this.compile(context, source);
      outcome = { ok: true, json: 'null' };
    } catch (error) {
      outcome = this.toFailure(error);
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
    this.safely(() => {
      context.dispose();
      runtime.dispose();
    });
    return this.finish(started, outcome);
  }

  /**
   * Call `entry` (a global function defined by `source`) with the arguments in `argsJson`, in the
   * warm context of `userId` for that source (`''`: callers that name no user share one).
   */
  call(source: string, entry: string, argsJson: string, limits: ResolvedLimits, userId = ''): RunOutcome {
    const started = this.begin(limits);
    const key = contextKey(userId, source);
    let warm: WarmContext | undefined;
    let outcome: Outcome;
    try {
      warm = this.warmContextFor(key, source, limits);
      const fn = this.entryFunction(warm, entry, limits);
      const { context } = warm;
      const argsHandle = context.newString(argsJson);
      const maxHandle = context.newNumber(limits.maxOutputBytes);
      const result = context.callFunction(warm.callWrapper, context.undefined, fn, argsHandle, maxHandle);
      argsHandle.dispose();
      maxHandle.dispose();
      if (result.error) throw this.classify(context, result.error, 'SANDBOX_THROWN');
      outcome = this.decode(this.settle(warm, result.value, limits), warm, limits);
    } catch (error) {
      outcome = this.toFailure(error);
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
    // Freeing happens after the outcome is known: if QuickJS aborts while freeing, this call still
    // gets its own answer, and no later call (another user's) pays for it.
    if (warm !== undefined && !this.broken && !outcome.ok && DISCARDING.has(outcome.error.code)) this.discard(key, warm);
    this.evictOverflow();
    if (this.broken || this.wasmNearlyFull(0.75)) outcome = { ...outcome, recycle: true };
    return this.finish(started, outcome);
  }

  dispose(): void {
    for (const [key, warm] of this.contexts) this.discard(key, warm);
  }

  private begin(limits: ResolvedLimits): number {
    if (this.broken) throw new Error('the QuickJS module was aborted; this runner cannot run more calls');
    const now = performance.now();
    this.deadline = now + limits.timeoutMs;
    this.interrupted = false;
    this.jobs = 0;
    this.logs = [];
    this.droppedLogs = 0;
    return now;
  }

  private finish(started: number, outcome: Outcome): RunOutcome {
    if (this.droppedLogs > 0) this.logs.push(encodeLogLine('warn', `… ${this.droppedLogs} more log lines dropped`));
    return { ...outcome, durationMs: performance.now() - started, logs: this.logs };
  }

  /** Whether this module's WebAssembly memory grew past `fraction` of its cap (it never shrinks). */
  private wasmNearlyFull(fraction: number): boolean {
    if (this.wasmMemoryBytes === undefined || this.wasmMemory === undefined) return false;
    return this.wasmMemory.buffer.byteLength >= this.wasmMemoryBytes * fraction;
  }

  /**
   * Whether the call's runtime is (or just was) out of memory. Asked only for a thrown null, or a
   * promise left with nothing to run: QuickJS throws null, or drops the error of a promise job,
   * when it cannot allocate even the error. QuickJS's count of the runtime's heap is what its
   * limit compares; the WASM memory is the worker's hard cap.
   */
  private outOfMemory(runtime: QuickJSRuntime, limits: ResolvedLimits): boolean {
    if (this.wasmNearlyFull(0.9)) return true;
    try {
      const allocated = /memory allocated\s+\d+\s+(\d+)/.exec(runtime.dumpMemoryUsage());
      return allocated !== null && Number(allocated[1]) >= limits.memoryBytes / 2;
    } catch {
      return true;
    }
  }

  private newRuntime(limits: ResolvedLimits): QuickJSRuntime {
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.maxStackBytes);
    runtime.setInterruptHandler(this.interruptHandler);
    return runtime;
  }

  private warmContextFor(key: string, source: string, limits: ResolvedLimits): WarmContext {
    const cached = this.contexts.get(key);
    if (cached !== undefined) {
      // Refresh the LRU position; Map keeps insertion order.
      this.contexts.delete(key);
      this.contexts.set(key, cached);
      if (cached.memoryBytes !== limits.memoryBytes) {
        cached.runtime.setMemoryLimit(limits.memoryBytes);
        cached.memoryBytes = limits.memoryBytes;
      }
      if (cached.stackBytes !== limits.maxStackBytes) {
        cached.runtime.setMaxStackSize(limits.maxStackBytes);
        cached.stackBytes = limits.maxStackBytes;
      }
      return cached;
    }
    const runtime = this.newRuntime(limits);
    const context = runtime.newContext();
    let callWrapper: QuickJSHandle | undefined;
    // Every handle must be disposed before its runtime, or QuickJS aborts the whole WASM module.
    // Only the prelude holds hostLog, yet it checks what it gets: the level comes from a fixed set
    // of numbers (anything else is info), and a line that is not a string is not read at all, as
    // reading it could run user code (`toString`) inside this callback.
    const hostLog = context.newFunction('hostLog', (...args) => {
      const [code, line] = args;
      if (line === undefined || context.typeof(line) !== 'string') return;
      if (this.logs.length >= this.maxLogLines) {
        this.droppedLogs++;
        return;
      }
      const level = code !== undefined && context.typeof(code) === 'number' ? levelOfCode(context.getNumber(code)) : 'info';
      this.logs.push(encodeLogLine(level, context.getString(line)));
    });
    // Setting up the prelude is our work, not the user's: it does not eat into the call's budget.
    const userDeadline = this.deadline;
    const setupStarted = performance.now();
    this.deadline = Number.POSITIVE_INFINITY;
    try {
      const factory = context.evalCode(PRELUDE_SOURCE, 'weft-prelude.js');
      if (factory.error) throw this.classify(context, factory.error, 'SANDBOX_CRASHED');
      const made = context.callFunction(factory.value, context.undefined, hostLog);
      factory.value.dispose();
      if (made.error) throw this.classify(context, made.error, 'SANDBOX_CRASHED');
      callWrapper = made.value;
      this.deadline = userDeadline + (performance.now() - setupStarted);
      this.compile(context, source);
      const evaluated = context.evalCode(source, USER_FILE);
      if (evaluated.error) throw this.classify(context, evaluated.error, 'SANDBOX_THROWN', limits);
      evaluated.value.dispose();
    } catch (error) {
      hostLog.dispose();
      callWrapper?.dispose();
      context.dispose();
      runtime.dispose();
      throw error;
    }
    hostLog.dispose();
    const warm: WarmContext = { runtime, context, callWrapper, entries: new Map(), memoryBytes: limits.memoryBytes, stackBytes: limits.maxStackBytes };
    this.contexts.set(key, warm);
    return warm;
  }

  /** Free the least recently used contexts beyond `maxContexts` (after a call, never before it). */
  private evictOverflow(): void {
    while (!this.broken && this.contexts.size > this.maxContexts) {
      const [oldest, evicted] = this.contexts.entries().next().value ?? [];
      if (oldest === undefined || evicted === undefined) return;
      this.discard(oldest, evicted);
    }
  }

  /** Syntax errors are reported from a compile-only pass, so a runtime `throw new SyntaxError` is not one. */
  private compile(context: QuickJSContext, source: string): void {
    const compiled = context.evalCode(source, USER_FILE, { compileOnly: true });
    if (compiled.error) throw this.classify(context, compiled.error, 'SANDBOX_SYNTAX');
    compiled.value.dispose();
  }

  private entryFunction(warm: WarmContext, entry: string, limits: ResolvedLimits): QuickJSHandle {
    const known = warm.entries.get(entry);
    if (known !== undefined) return known;
    // `entry` is an identifier (checked by the pool), so evaluating it only looks a binding up;
    // it finds `function run` and top-level `const run = …` alike.
    const found = warm.context.evalCode(entry, 'weft-entry.js');
    if (found.error) throw this.classify(warm.context, found.error, 'SANDBOX_THROWN', limits);
    if (warm.context.typeof(found.value) !== 'function') {
      found.value.dispose();
      throw fail('SANDBOX_THROWN', `TypeError: ${entry} is not a function`);
    }
    warm.entries.set(entry, found.value);
    return found.value;
  }

  /** Run microtasks until the wrapper's promise settles; with nothing left to run it never will. */
  private settle(warm: WarmContext, handle: QuickJSHandle, limits: ResolvedLimits): string {
    const { context, runtime } = warm;
    try {
      for (;;) {
        if (context.typeof(handle) === 'string') {
          if (runtime.hasPendingJob()) this.drainJobs(warm);
          return context.getString(handle);
        }
        const state = context.getPromiseState(handle);
        if (state.type === 'fulfilled') {
          if (state.notAPromise === true || context.typeof(state.value) !== 'string') {
            if (state.value !== handle) state.value.dispose();
            throw fail('SANDBOX_CRASHED', 'call wrapper returned an unexpected value');
          }
          const text = context.getString(state.value);
          state.value.dispose();
          if (runtime.hasPendingJob()) this.drainJobs(warm);
          return text;
        }
        if (state.type === 'rejected') throw this.classify(context, state.error, 'SANDBOX_THROWN');
        if (!runtime.hasPendingJob()) {
          // A promise job that ran out of memory ends without a trace: the chain just stops.
          if (this.outOfMemory(runtime, limits)) throw fail('SANDBOX_MEMORY', MEMORY_MESSAGE);
          throw fail('SANDBOX_TIMEOUT', 'the returned promise can never settle: nothing is left to run');
        }
        this.runJobs(warm);
      }
    } finally {
      handle.dispose();
    }
  }

  private drainJobs(warm: WarmContext): void {
    while (warm.runtime.hasPendingJob()) this.runJobs(warm);
  }

  private runJobs(warm: WarmContext): void {
    if (performance.now() >= this.deadline) throw fail('SANDBOX_TIMEOUT', timeoutMessage());
    if (this.jobs >= MAX_JOBS_PER_CALL) throw fail('SANDBOX_TIMEOUT', `the call ran more than ${MAX_JOBS_PER_CALL} promise jobs`);
    const ran = warm.runtime.executePendingJobs(Math.min(JOBS_PER_SLICE, MAX_JOBS_PER_CALL - this.jobs));
    if (ran.error) throw this.classify(warm.context, ran.error, 'SANDBOX_THROWN');
    this.jobs += ran.value;
    // The interrupt can land inside a promise job, whose rejection QuickJS keeps to itself: the job
    // queue then simply ends, as if the code had finished. The deadline passed all the same.
    if (this.interrupted) throw fail('SANDBOX_TIMEOUT', timeoutMessage());
  }

  private decode(encoded: string, warm: WarmContext, limits: ResolvedLimits): Outcome {
    const marker = encoded.charAt(0);
    const body = encoded.slice(1);
    switch (marker) {
      case Marker.value:
        if (body.length * 3 > limits.maxOutputBytes && Buffer.byteLength(body, 'utf8') > limits.maxOutputBytes) {
          return { ok: false, error: tooLarge(Buffer.byteLength(body, 'utf8'), limits) };
        }
        return { ok: true, json: body };
      case Marker.tooLarge:
        return { ok: false, error: tooLarge(Number(body), limits) };
      case Marker.tooDeep:
        return { ok: false, error: { code: 'SANDBOX_STACK', message: `result is nested deeper than ${body} levels` } };
      case Marker.thrown: {
        const described = parseDescribed(body);
        if (described.isNull === true) return { ok: false, error: { code: 'SANDBOX_MEMORY', message: nullMessage(this.outOfMemory(warm.runtime, limits)) } };
        return { ok: false, error: fromDescribed(described, 'SANDBOX_THROWN') };
      }
      case Marker.badResult:
        return { ok: false, error: fromDescribed(parseDescribed(body), 'SANDBOX_BAD_RESULT') };
      case Marker.badInput:
        return { ok: false, error: fromDescribed(parseDescribed(body), 'SANDBOX_BAD_RESULT') };
      default:
        return { ok: false, error: { code: 'SANDBOX_CRASHED', message: 'call wrapper returned an unknown marker' } };
    }
  }

  /**
   * Turn a QuickJS exception into a Failure, disposing the handle. Reads plain properties only.
   * A null is out of memory (see `nullMessage`). Past the prelude, which catches whatever user
   * code throws, only QuickJS throws null; where user code runs outside it (the top level of the
   * source), pass `userLimits` so the message can tell a null user code may have thrown itself.
   */
  private classify(context: QuickJSContext, errorHandle: QuickJSHandle, fallback: SandboxErrorCode, userLimits?: ResolvedLimits): Failure {
    try {
      if (this.interrupted) return fail('SANDBOX_TIMEOUT', timeoutMessage());
      if (context.typeof(errorHandle) === 'object' && context.eq(errorHandle, context.null)) {
        return fail('SANDBOX_MEMORY', nullMessage(userLimits === undefined || this.outOfMemory(context.runtime, userLimits)));
      }
      const name = readString(context, errorHandle, 'name') ?? 'Error';
      const message = readString(context, errorHandle, 'message') ?? readThrown(context, errorHandle);
      const stack = readString(context, errorHandle, 'stack') ?? '';
      const at = /user\.js:(\d+):(\d+)/.exec(stack);
      const code = this.interrupted ? 'SANDBOX_TIMEOUT' : codeFor(message, fallback);
      const text = code === 'SANDBOX_TIMEOUT' ? timeoutMessage() : code === 'SANDBOX_MEMORY' ? MEMORY_MESSAGE : `${name}: ${message}`;
      return at === null ? fail(code, text) : fail(code, text, Number(at[1]), Number(at[2]));
    } catch {
      // Reading the error failed (the heap is exhausted or the deadline passed while reading).
      return fail(this.interrupted ? 'SANDBOX_TIMEOUT' : 'SANDBOX_MEMORY', this.interrupted ? timeoutMessage() : MEMORY_MESSAGE);
    } finally {
      errorHandle.dispose();
    }
  }

  private toFailure(error: unknown): { ok: false; error: SandboxError; recycle?: true } {
    if (error instanceof Failure) return { ok: false, error: error.sandboxError };
    // The host itself failed: a native stack overflow inside WASM, an aborted WASM module, a
    // use-after-free. This runner's state can no longer be trusted: ask for a fresh worker.
    this.broken = true;
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof RangeError && /call stack/i.test(message) ? 'SANDBOX_STACK' : 'SANDBOX_CRASHED';
    return { ok: false, error: { code, message: `sandbox host failure: ${message}` }, recycle: true };
  }

  private discard(key: string, warm: WarmContext): void {
    this.contexts.delete(key);
    this.deadline = Number.POSITIVE_INFINITY;
    this.safely(() => {
      for (const handle of warm.entries.values()) handle.dispose();
      warm.callWrapper.dispose();
      warm.context.dispose();
      warm.runtime.dispose();
    });
  }

  /**
   * Freeing a runtime whose heap ran out of memory (or holds a long promise chain) can fail
   * QuickJS's own leak assertion, which aborts the whole WASM module. The caller's answer stands;
   * the runner is marked broken and the pool replaces the worker.
   */
  private safely(free: () => void): void {
    try {
      free();
    } catch {
      this.broken = true;
    }
  }
}

const timeoutMessage = (): string => 'time limit exceeded';

function tooLarge(bytes: number, limits: ResolvedLimits): SandboxError {
  return { code: 'SANDBOX_OUTPUT_TOO_LARGE', message: `result is ${bytes} bytes or more; the limit is ${limits.maxOutputBytes}` };
}

function readString(context: QuickJSContext, handle: QuickJSHandle, key: string): string | undefined {
  if (context.typeof(handle) !== 'object') return undefined;
  const prop = context.getProp(handle, key);
  try {
    return context.typeof(prop) === 'string' ? context.getString(prop) : undefined;
  } finally {
    prop.dispose();
  }
}

function readThrown(context: QuickJSContext, handle: QuickJSHandle): string {
  switch (context.typeof(handle)) {
    case 'string':
      return context.getString(handle);
    case 'number':
      return String(context.getNumber(handle));
    default:
      return 'non-error value thrown';
  }
}

function parseDescribed(body: string): Described {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null) return { name: 'Error', message: 'unreadable error' };
  const record = parsed as Record<string, unknown>;
  return {
    name: typeof record.name === 'string' ? record.name : 'Error',
    message: typeof record.message === 'string' ? record.message : '',
    ...(typeof record.line === 'number' ? { line: record.line } : {}),
    ...(typeof record.column === 'number' ? { column: record.column } : {}),
    ...(record.isNull === true ? { isNull: true as const } : {}),
  };
}

function fromDescribed(described: Described, fallback: SandboxErrorCode): SandboxError {
  const code = codeFor(described.message, fallback);
  const message = code === 'SANDBOX_MEMORY' ? MEMORY_MESSAGE : described.name === 'Thrown' ? described.message : `${described.name}: ${described.message}`;
  return {
    code,
    message,
    ...(described.line === undefined ? {} : { line: described.line }),
    ...(described.column === undefined ? {} : { column: described.column }),
  };
}
