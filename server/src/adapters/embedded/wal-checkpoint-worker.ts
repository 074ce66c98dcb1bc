/**
 * @module WAL checkpoint thread: the checkpoint loop (wal-checkpoint-loop.ts) in a thread of its
 * own, where no log index thread can host it (see wal-checkpoints.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startCheckpointLoop } from './wal-checkpoint-loop.ts';
import type { WalCheckpointData } from './wal-checkpoints.ts';

if (parentPort === null) throw new Error('the WAL checkpoint worker must run in a worker thread');
const port = parentPort;
const stop = startCheckpointLoop(workerData as WalCheckpointData);

port.on('message', (message: 'close') => {
  if (message !== 'close') return;
  stop();
  port.postMessage('closed');
});
