/**
 * @module WalCheckpoints: the shared SQLite file's WAL checkpointed by a thread of its own.
 *
 * SQLite checkpoints in the commit that takes the WAL past `wal_autocheckpoint` pages (1,000,
 * ~4 MB): it copies those pages into the file and fsyncs both, on the thread that committed,
 * which for the embedded Store and Bus is the engine's event loop. A big flow's saves and runs
 * write ~4 MB every half second or so: 5 checkpoints in the big-flows bench's 3 s, each holding
 * the loop 12–130 ms at load 4–7 (strace), most of it the fsync of the WAL being copied.
 * A thread with its own connection now runs a PASSIVE checkpoint once as many pages wait, so the copy
 * and the fsyncs happen off the loop (wal-checkpoint-loop.ts: in the log index's thread when the
 * engine has one, which saves a V8 heap of ~18 MB of RSS, else in a thread of its own); the engine's connection checkpoints itself only as a
 * backstop (`BACKSTOP_PAGES`), or as before if the thread stops. What a commit guarantees is
 * unchanged: it is in the WAL when the commit returns, and a checkpoint only copies committed pages.
 *
 * The WAL starts again from its beginning only at a commit that finds it wholly copied; while
 * commits keep coming during the thread's copy (a big flow's runs) it grows instead, until a quiet
 * moment or the backstop (~40 MB, whose checkpoint then copies only what the thread has not).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../worker-threads.ts';
import type { Durability, SqliteDatabase } from './open-database.ts';

export interface WalCheckpointData {
  file: string;
  durability: Durability;
  pollMs: number;
  /** Checkpoint once this many WAL frames are not in the file yet. */
  pages: number;
}

/**
 * The thread checkpoints once this many pages wait in the WAL, SQLite's own default: as many
 * checkpoints as before, so as many WAL restarts (after a full checkpoint the next commit starts
 * the WAL again from its beginning and fsyncs its header, on the committing thread).
 */
export const CHECKPOINT_PAGES = 1000;
/** How often the thread reads the WAL's length (100 bytes of the -shm file). */
export const CHECKPOINT_POLL_MS = 50;
/** The engine's connection checkpoints itself past this many WAL pages (~40 MB): the thread is far behind. */
export const BACKSTOP_PAGES = 10_000;

export class WalCheckpoints {
  readonly #worker: Worker;
  #hasExited = false;
  #closing: Promise<void> | undefined;

  /** `db` is the connection whose commits no longer checkpoint; `file` the path it opened. */
  constructor(db: SqliteDatabase, data: WalCheckpointData) {
    checkpointOnlyPastBackstop(db);
    this.#worker = startModuleWorker(new URL('./wal-checkpoint-worker.ts', import.meta.url), { workerData: data });
    // The thread never keeps the process alive.
    this.#worker.unref();
    this.#worker.on('error', () => undefined); // 'exit' follows.
    this.#worker.on('exit', () => {
      this.#hasExited = true;
      if (this.#closing === undefined && db.open) db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
    });
  }

  /** Stops the thread and closes its connection (before the engine's own, whose close checkpoints last). */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      const worker = this.#worker;
      if (this.#hasExited) return resolve();
      worker.once('exit', () => resolve());
      worker.on('message', (message: string) => {
        if (message === 'closed') void worker.terminate();
      });
      worker.postMessage('close');
    });
    return this.#closing;
  }
}

/** From now on `db`'s own commits checkpoint only past the backstop: a thread runs the loop (wal-checkpoint-loop.ts). */
export function checkpointOnlyPastBackstop(db: SqliteDatabase): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
}

/** Whether `path` is a file another connection can open by name (not `:memory:`, a temporary or a URI). */
export function isSharedFile(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

const WAL_INDEX_HEAD = 100;
const readUInt32 = endianness() === 'LE' ? (buffer: Buffer, at: number) => buffer.readUInt32LE(at) : (buffer: Buffer, at: number) => buffer.readUInt32BE(at);

/**
 * WAL frames of `file` not yet copied into it, read from the wal-index (the -shm file, documented
 * in sqlite.org/walformat.html: mxFrame at byte 16 of the header, nBackfill at byte 96, in the
 * machine's byte order). A hint only: a torn read makes one checkpoint come a tick early or late.
 */
export function walFramesBehind(file: string): number {
  const head = Buffer.alloc(WAL_INDEX_HEAD);
  let fd: number | undefined;
  try {
    fd = openSync(`${file}-shm`, 'r');
    if (readSync(fd, head, 0, WAL_INDEX_HEAD, 0) < WAL_INDEX_HEAD) return 0;
  } catch {
    return 0; // No -shm (yet): nothing to copy.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return readUInt32(head, 16) - readUInt32(head, 96);
}
