/**
 * @module WAL checkpoint loop: runs in a worker thread (the log index's, or one of its own) and
 * copies the committed pages of the shared SQLite file's WAL into the file from a connection of
 * its own, so that the engine's commits never do it on the event loop (see wal-checkpoints.ts).
 */
import Database from 'better-sqlite3';
import { walFramesBehind, type WalCheckpointData } from './wal-checkpoints.ts';

/** Starts checkpointing `data.file`; the returned function stops and closes the connection. */
export function startCheckpointLoop({ file, durability, pollMs, pages }: WalCheckpointData): () => void {
  const db = new Database(file, { timeout: 5000, fileMustExist: true });
  // The checkpointing connection's setting decides the syncs of the checkpoints it runs.
  db.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  // PASSIVE: copies what no reader still needs and never waits for, nor blocks, a writer or reader.
  const timer = setInterval(() => {
    if (walFramesBehind(file) < pages) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy (another process's checkpoint): the next tick looks again.
    }
  }, pollMs);
  return () => {
    clearInterval(timer);
    db.close();
  };
}
