/** @module Open the one SQLite file that the embedded Store, Bus and LogIndex share. */
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Where an embedded adapter gets its connection: its own file, or one opened by `openEmbedded`. */
export type DatabaseSource = { file: string } | { database: SqliteDatabase };

/**
 * WAL lets readers (other processes, the log queries) proceed while one writer commits.
 * `synchronous=FULL` fsyncs the WAL at every commit, so a resolved publish or ack survives a
 * power cut, not only a process crash (NORMAL would lose the last commits on power loss). The
 * Bus groups commits, so FULL costs one fsync per batch rather than one per message.
 * `path` may be `':memory:'` (one connection only: the adapters must then share it).
 */
export function openDatabase(path: string): SqliteDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another process may hold the write lock for a moment; wait for it rather than fail.
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The connection to use, and whether the adapter owns it (and so closes it on `close()`). */
export function resolveDatabase(source: DatabaseSource): { db: SqliteDatabase; isOwned: boolean } {
  return 'database' in source ? { db: source.database, isOwned: false } : { db: openDatabase(source.file), isOwned: true };
}
