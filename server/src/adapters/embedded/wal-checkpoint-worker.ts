/**
 * @module WAL checkpoint thread: copies the committed pages of the shared SQLite file's WAL into
 * the file from a connection of its own, so that the engine's commits never do it on the event
 * loop (see wal-checkpoints.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { walFramesBehind, type WalCheckpointData } from './wal-checkpoints.ts';

if (parentPort === null) throw new Error('the WAL checkpoint worker must run in a worker thread');
const port = parentPort;
const { file, durability, pollMs, pages } = workerData as WalCheckpointData;
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

port.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  port.postMessage('closed');
});
