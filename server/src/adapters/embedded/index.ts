/**
 * @module Embedded adapters: Store, Bus and LogIndex in one SQLite file, so `weft start` runs on a
 * bare machine.
 *
 * ```ts
 * const embedded = openEmbedded({ file: 'weft.sqlite' });
 * await embedded.bus.publish('messages', [{ id: 'm-1', body: {} }]);
 * await embedded.close();
 * ```
 */
import { EmbeddedBus, type EmbeddedBusOptions } from './bus.ts';
import { EmbeddedLogIndex } from './log-index.ts';
import { ThreadedLogIndex } from './log-index-thread.ts';
import { openDatabase, type Durability } from './open-database.ts';
import { EmbeddedStore } from './store.ts';
import { EmbeddedTemplateStore } from './template-store.ts';
import { CHECKPOINT_PAGES, CHECKPOINT_POLL_MS, checkpointOnlyPastBackstop, isSharedFile, WalCheckpoints, type WalCheckpointData } from './wal-checkpoints.ts';

// Adapters
import { EmbeddedAuditLog } from './audit-log.ts';
export { EmbeddedBus, EmbeddedLogIndex, EmbeddedStore, EmbeddedTemplateStore, ThreadedLogIndex };
export { EmbeddedAuditLog };
export type { EmbeddedBusOptions, EmbeddedBusStats } from './bus.ts';
export type { EmbeddedLogIndexOptions } from './log-index.ts';
export type { EmbeddedStoreOptions } from './store.ts';
export type { EmbeddedTemplateStoreOptions } from './template-store.ts';

// Connection
export { openDatabase } from './open-database.ts';
export type { DatabaseSource, Durability, SqliteDatabase } from './open-database.ts';

export interface EmbeddedOptions {
  file: string;
  /** See `Durability` in open-database.ts (default `normal`). */
  durability?: Durability;
  /**
   * The activity logs' own file, indexed in a worker thread (see log-index-thread.ts). Without
   * it the logs share `file` and the caller's thread, which is what `':memory:'` needs.
   */
  logsFile?: string;
  /** Passed to the Bus (visibility timeout, poll interval, error reporting). */
  bus?: Omit<EmbeddedBusOptions, 'file' | 'database'>;
}

export interface Embedded {
  store: EmbeddedStore;
  templates: EmbeddedTemplateStore;
  audit: EmbeddedAuditLog;
  bus: EmbeddedBus;
  logIndex: EmbeddedLogIndex | ThreadedLogIndex;
  /** Drains the Bus consumers, then closes the file. */
  close(): Promise<void>;
}

/**
 * The Store and Bus share one connection. better-sqlite3 runs every statement synchronously on
 * the event loop, so more connections in one thread would add no parallelism, only the chance of
 * one connection waiting on another's lock; with one connection each write transaction (a Bus
 * group commit, a Store update) runs alone. The logs, given `logsFile`, have their own file and
 * thread, so they add a core without adding lock waits. Other processes (`weft worker`) open
 * their own connections to the same files; WAL lets them read while one of them writes.
 */
export function openEmbedded(options: EmbeddedOptions): Embedded {
  const database = openDatabase(options.file, options.durability);
  // Checkpoints of the shared file off the event loop (wal-checkpoints.ts): in the log index's
  // thread where there is one, else in a thread of their own.
  const checkpoint: WalCheckpointData | undefined = isSharedFile(options.file)
    ? { file: options.file, durability: options.durability ?? 'normal', pollMs: CHECKPOINT_POLL_MS, pages: CHECKPOINT_PAGES }
    : undefined;
  const inLogThread = checkpoint !== undefined && options.logsFile !== undefined;
  if (inLogThread) checkpointOnlyPastBackstop(database);
  const checkpoints = checkpoint !== undefined && !inLogThread ? new WalCheckpoints(database, checkpoint) : undefined;
  const store = new EmbeddedStore({ database });
  const templates = new EmbeddedTemplateStore({ database });
  const audit = new EmbeddedAuditLog({ database });
  // Sharing the connection, a delivery's publishes, processed mark and ack are one transaction.
  const bus = new EmbeddedBus({ ...options.bus, database, markProcessed: (ids, at) => store.markProcessedNow(ids, at) });
  // A fired timer's re-arm and state writes, and audit entries, join the deliveries' group commit (one transaction a tick).
  store.commitWith((apply) => bus.join(apply));
  audit.commitWith((apply) => bus.join(apply));
  const logIndex = options.logsFile === undefined
    ? new EmbeddedLogIndex({ database })
    : new ThreadedLogIndex({
      file: options.logsFile,
      ...(options.durability === undefined ? {} : { durability: options.durability }),
      ...(inLogThread ? { checkpoint } : {}),
    });
  let closing: Promise<void> | undefined;
  return {
    store,
    templates,
    audit,
    bus,
    logIndex,
    close() {
      closing ??= (async () => {
        await bus.close();
        await Promise.all([store.close(), templates.close(), logIndex.close(), checkpoints?.close()]);
        database.close();
      })();
      return closing;
    },
  };
}
