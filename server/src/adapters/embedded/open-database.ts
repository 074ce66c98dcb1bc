/** @module Open the one SQLite file that the embedded Store, Bus and LogIndex share. */
import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Where an embedded adapter gets its connection: its own file, or one opened by `openEmbedded`. */
export type DatabaseSource = { file: string; durability?: Durability } | { database: SqliteDatabase };

/**
 * How hard a commit holds on to the disk.
 * - `normal` (default): WAL with `synchronous=NORMAL`. A committed transaction survives the
 *   process being killed (SIGKILL, a crash, an OOM kill): it is in the WAL, in the kernel's page
 *   cache. Only a power cut or a kernel crash can lose the last commits. A commit costs ~20 µs.
 * - `full`: `synchronous=FULL` also fsyncs the WAL at every commit, so a resolved publish survives
 *   a power cut. better-sqlite3 runs the fsync on the event loop (measured ~4.6 ms on our build
 *   machine's disk), which caps the embedded engine at a few hundred messages per second.
 * Production deployments that need power-cut durability at speed use RabbitMQ and MongoDB.
 */
export type Durability = 'normal' | 'full';

/**
 * WAL lets readers (other processes, the log queries) proceed while one writer commits.
 * `path` may be `':memory:'` (one connection only: the adapters must then share it).
 */
export function openDatabase(path: string, durability: Durability = 'normal'): SqliteDatabase {
  // Another process may hold the write lock for a moment; wait for it rather than fail.
  const db = new Database(path, { timeout: 5000 });
  // Before WAL is on: SQLite creates the -wal and -shm files with the database file's mode.
  keepPrivate(path);
  // Switching to WAL while another process opens or recovers the same file can answer SQLITE_BUSY
  // without consulting the busy timeout (seen when the roles of a test cluster start together).
  whileBusy(() => db.pragma('journal_mode = WAL'));
  db.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  keepPrivate(path);
  return db;
}

/**
 * Owner-only modes (0600) for the database and its -wal and -shm files, whatever the umask: they
 * hold every message and log payload. Files made by an older version are tightened too.
 */
function keepPrivate(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch (error) {
      // A file another account owns (a shared installation) keeps the mode its owner gave it.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
}

const BUSY_RETRY_MS = 20;
const BUSY_RETRY_LIMIT = 250;

/** Runs `step` again (after a short synchronous pause) while SQLite answers busy, up to ~5 s. */
function whileBusy<T>(step: () => T): T {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return step();
    } catch (error) {
      const isBusy = error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
      if (!isBusy || attempt >= BUSY_RETRY_LIMIT) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BUSY_RETRY_MS);
    }
  }
}

/** The connection to use, and whether the adapter owns it (and so closes it on `close()`). */
export function resolveDatabase(source: DatabaseSource): { db: SqliteDatabase; isOwned: boolean } {
  return 'database' in source ? { db: source.database, isOwned: false } : { db: openDatabase(source.file, source.durability), isOwned: true };
}
