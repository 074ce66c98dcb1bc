/**
 * @module ThreadedFlowChecks: the FlowChecks port in a worker thread of its own.
 *
 * The engine's thread pays only for handing the descriptor over (a structured clone, a few ms at
 * 1,000 components) and for taking the answer back; zod and the graph walks run on another core,
 * so `/health` and every other request go on being answered while a big flow is saved, validated
 * or started. Calls are answered in order. If the thread dies, the calls it held fail with
 * `flow.checks_unavailable` and the next call starts a new thread. A thread left without a call
 * for `idleMs` is ended (an isolate with zod and the flow schemas loaded: ~20 MB of RSS); the next
 * call starts a new one, as after a death.
 */
import type { Worker } from 'node:worker_threads';
import { WeftError, type Manifest } from '@weft/connector-kit';
import type { FlowChecks, ParsedFlow } from '../ports/flow-checks.ts';
import { startModuleWorker } from '../worker-threads.ts';
import type { FlowDescriptor, FlowProblem } from '@weft/flow';
import { descriptorJson, parseDescriptorJson } from '../ports/descriptor-json.ts';

/**
 * Descriptors and answers cross as JSON text: for plain data, `JSON.stringify` and `JSON.parse`
 * cost the engine's thread less than the structured clone postMessage would do of the objects.
 */
type Call =
  | { method: 'ready' }
  | { method: 'parse'; flowJson: string }
  | { method: 'validate'; flowJson: string; manifests: Readonly<Record<string, Manifest>>; modifierNames: readonly string[] };

export type ToFlowChecksThread = Call & { id: number };

/** A descriptor that parsed comes back as its own JSON (`parsedJson`), which the engine keeps beside it (ports/descriptor-json.ts). */
export type FromFlowChecksThread =
  | { id: number; ok: true; valueJson: string }
  | { id: number; ok: true; parsedJson: string }
  | { id: number; ok: false; message: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** How long the thread stays without a call before it is ended (`ThreadedFlowChecks`' default). */
export const FLOW_CHECKS_IDLE_MS = 60_000;

export class ThreadedFlowChecks implements FlowChecks {
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closed = false;
  #started = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #idleMs: number;

  /** `idleMs`: a thread left this long without a call is ended (the next call starts another). */
  constructor(options: { idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? FLOW_CHECKS_IDLE_MS;
  }

  /** Threads started so far (one, unless a thread died or was left idle and a later call started another). */
  get threadsStarted(): number {
    return this.#started;
  }

  /** Starts the thread if need be and resolves once it answers (its modules are loaded). */
  async warm(): Promise<void> {
    await this.#call(() => ({ method: 'ready' }));
  }

  parse(json: unknown): Promise<ParsedFlow> {
    return this.#call(() => ({ method: 'parse', flowJson: descriptorJson(json) ?? 'null' })) as Promise<ParsedFlow>;
  }

  validate(flow: Record<string, unknown>, manifests: Readonly<Record<string, Manifest>>, modifierNames: readonly string[]): Promise<FlowProblem[]> {
    return this.#call(() => ({ method: 'validate', flowJson: descriptorJson(flow) ?? 'null', manifests, modifierNames })) as Promise<FlowProblem[]>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #call(call: () => Call): Promise<unknown> {
    if (this.#closed) return Promise.reject(unavailable('The flow checks thread is closed'));
    const worker = this.#worker ?? this.#start();
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // An idle thread does not keep the process alive; one with calls to answer does.
      if (this.#pending.size === 1) worker.ref();
      // A manifest holding a function cannot be cloned, a cyclic value not stringified: the call
      // fails and the caller checks in place.
      try {
        worker.postMessage({ ...call(), id } satisfies ToFlowChecksThread);
      } catch (error) {
        this.#settled(worker, id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  #settled(worker: Worker, id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) {
      worker.unref();
      this.#endWhenIdle(worker);
    }
    return pending;
  }

  #endWhenIdle(worker: Worker): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#worker !== worker || this.#pending.size > 0) return;
      this.#worker = undefined;
      void worker.terminate();
    }, this.#idleMs);
    this.#idleTimer.unref();
  }

  #start(): Worker {
    const worker = startModuleWorker(new URL('./worker.ts', import.meta.url));
    this.#started++;
    worker.unref();
    worker.on('message', (reply: FromFlowChecksThread) => {
      const pending = this.#settled(worker, reply.id);
      if (!reply.ok) pending?.reject(new Error(reply.message));
      else if ('valueJson' in reply) pending?.resolve(JSON.parse(reply.valueJson));
      else {
        // Its text is what sizing and digesting it will need next (checkShape, checked-flows.ts), and
        // what the Store gives back when it is saved: that read then finds this object, not a parse.
        const value = parseDescriptorJson(reply.parsedJson) as FlowDescriptor;
        pending?.resolve({ ok: true, value } satisfies ParsedFlow);
      }
    });
    worker.on('error', () => undefined); // 'exit' follows.
    worker.on('exit', () => {
      // A thread ended while idle held no call; the calls waiting now are another thread's.
      if (this.#worker !== worker && !this.#closed) return;
      this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(unavailable('The flow checks thread stopped; try again'));
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }
}

function unavailable(message: string): WeftError {
  return new WeftError('flow.checks_unavailable', message, { status: 503, retry: 'retry' });
}
