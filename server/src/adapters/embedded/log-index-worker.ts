/**
 * @module Log index thread: owns an EmbeddedLogIndex on its own SQLite file and answers the
 * ThreadedLogIndex's calls one at a time, so inserting into the FTS5 index never takes the
 * engine's event loop; given `checkpoint`, it also checkpoints the engine's shared file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isWeftError } from '@weft/connector-kit';
import { unpackRecords } from './log-batch.ts';
import { EmbeddedLogIndex } from './log-index.ts';
import type { FromLogThread, LogThreadData, ToLogThread } from './log-index-thread.ts';
import { startCheckpointLoop } from './wal-checkpoint-loop.ts';

if (parentPort === null) throw new Error('the log index worker must run in a worker thread');
const port = parentPort;
const { checkpoint, ...indexData } = workerData as LogThreadData;
const index = new EmbeddedLogIndex(indexData);
// The engine's shared file's WAL, checkpointed off its event loop (wal-checkpoints.ts).
const stopCheckpoints = checkpoint === undefined ? undefined : startCheckpointLoop(checkpoint);

async function answer(call: ToLogThread): Promise<unknown> {
  switch (call.method) {
    case 'append':
      return index.append(unpackRecords(call.batch));
    case 'query':
      return index.query(call.query);
    case 'histogram':
      return index.histogram(call.query, call.intervalMs);
    case 'runs':
      return index.runs(call.query);
    case 'run':
      return index.run(call.userId, call.correlationId);
    case 'deleteBefore':
      return index.deleteBefore(call.time);
    case 'close':
      stopCheckpoints?.();
      return index.close();
  }
}

port.on('message', (call: ToLogThread) => {
  answer(call).then(
    (value) => port.postMessage({ id: call.id, ok: true, value } satisfies FromLogThread),
    (error: unknown) => {
      const reply: FromLogThread = isWeftError(error)
        ? { id: call.id, ok: false, error: { code: error.code, message: error.message, status: error.status, ...(error.path === undefined ? {} : { path: error.path }) } }
        : { id: call.id, ok: false, error: { code: 'log.failed', message: error instanceof Error ? error.message : String(error), status: 500 } };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies FromLogThread);
