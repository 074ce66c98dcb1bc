/**
 * @module ThreadedLogIndex: the embedded LogIndex run in a worker thread on its own file.
 *
 * Indexing a record (its row, four B-tree indexes and the FTS5 tokens) costs more than moving
 * the message it describes; on the engine's thread it took about a third of `weft start`'s CPU.
 * In a thread of its own, on a file of its own (so its write transactions never hold the lock
 * the Bus and Store commit under), it runs on another core and the engine only pays for handing
 * each batch over as one JSON string (log-batch.ts).
 *
 * Calls are answered in order. If the thread dies, the calls it held fail with `log.unavailable`
 * and the next call starts a new one on the same file (and, given `checkpoint`, its checkpoints:
 * meanwhile the engine's commits checkpoint past the backstop only).
 */
import type { Worker } from 'node:worker_threads';
import { WeftError } from '@weft/connector-kit';
import type { HistogramBucket, LogIndex, LogPage, LogQuery, LogRecord, RunPage, RunQuery, RunSummary } from '../../ports/log-index.ts';
import { startModuleWorker } from '../../worker-threads.ts';
import { packRecords } from './log-batch.ts';
import type { Durability } from './open-database.ts';
import type { WalCheckpointData } from './wal-checkpoints.ts';

export interface LogThreadData {
  file: string;
  durability?: Durability;
  /**
   * The engine's shared file, whose WAL this thread checkpoints beside its indexing (wal-checkpoints.ts):
   * one thread, one V8 heap (~18 MB of RSS), for both.
   */
  checkpoint?: WalCheckpointData;
}

type Call =
  | { method: 'append'; batch: string }
  | { method: 'query'; query: LogQuery }
  | { method: 'histogram'; query: LogQuery; intervalMs: number }
  | { method: 'runs'; query: RunQuery }
  | { method: 'run'; userId: string; correlationId: string }
  | { method: 'deleteBefore'; time: number }
  | { method: 'close' };

export type ToLogThread = Call & { id: number };

export type FromLogThread =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; status: number; path?: string } };

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class ThreadedLogIndex implements LogIndex {
  readonly #data: LogThreadData;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closing: Promise<void> | undefined;

  constructor(data: LogThreadData) {
    this.#data = data;
    this.#start();
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#call({ method: 'append', batch: packRecords(records) });
  }

  query(query: LogQuery): Promise<LogPage> {
    return this.#call({ method: 'query', query }) as Promise<LogPage>;
  }

  histogram(query: LogQuery, intervalMs: number): Promise<HistogramBucket[]> {
    return this.#call({ method: 'histogram', query, intervalMs }) as Promise<HistogramBucket[]>;
  }

  runs(query: RunQuery): Promise<RunPage> {
    return this.#call({ method: 'runs', query }) as Promise<RunPage>;
  }

  run(userId: string, correlationId: string): Promise<RunSummary | undefined> {
    return this.#call({ method: 'run', userId, correlationId }) as Promise<RunSummary | undefined>;
  }

  deleteBefore(time: number): Promise<number> {
    return this.#call({ method: 'deleteBefore', time }) as Promise<number>;
  }

  /** Lets the calls already made finish, closes the file, then stops the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const worker = this.#worker;
      if (worker === undefined) return;
      await this.#send(worker, { method: 'close' }).catch(() => undefined);
      this.#worker = undefined;
      await worker.terminate();
    })();
    return this.#closing;
  }

  #call(call: Call): Promise<unknown> {
    if (this.#closing !== undefined) return Promise.reject(new WeftError('log.closed', 'The embedded log index is closed', { status: 503 }));
    return this.#send(this.#worker ?? this.#start(), call);
  }

  #send(worker: Worker, call: Call): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // An idle thread does not keep the process alive; one with calls to answer does.
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ ...call, id } satisfies ToLogThread);
    });
  }

  #start(): Worker {
    const worker = startModuleWorker(new URL('./log-index-worker.ts', import.meta.url), { workerData: this.#data });
    worker.unref();
    worker.on('message', (reply: FromLogThread) => {
      const pending = this.#pending.get(reply.id);
      if (pending === undefined) return; // id 0: the thread says it is ready.
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new WeftError(reply.error.code, reply.error.message, { status: reply.error.status, retry: reply.error.status < 500 ? 'never' : 'retry', ...(reply.error.path === undefined ? {} : { path: reply.error.path }) }));
    });
    worker.on('error', () => undefined); // 'exit' follows.
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
      const error = new WeftError('log.unavailable', 'The log index thread stopped; try again', { status: 503 });
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }
}
