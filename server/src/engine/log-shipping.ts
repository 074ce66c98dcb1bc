/** @module Log shipping: workers send log batches over the Bus; the indexer role appends them to the LogIndex. */
import type { Bus, Subscription } from '../ports/bus.ts';
import type { LogIndex, LogRecord } from '../ports/log-index.ts';
import type { LogSink } from './log-writer.ts';

export const LOGS_QUEUE = 'logs';

/** A sink that publishes each batch as one Bus message, so a slow index never slows the flows. */
export function busLogSink(bus: Bus): LogSink {
  return {
    async append(records) {
      if (records.length === 0) return;
      await bus.publish(LOGS_QUEUE, [{ id: `logs:${records[0]!.id}:${records.length}`, body: records }]);
    },
  };
}

/** Indexer role: append every shipped batch; a failed append is retried after a pause. */
export function startLogIndexer(bus: Bus, logIndex: LogIndex, onError: (error: unknown) => void): Promise<Subscription> {
  return bus.consume(LOGS_QUEUE, async (delivery) => {
    const records = Array.isArray(delivery.message.body) ? (delivery.message.body as LogRecord[]) : [];
    try {
      await logIndex.append(records);
      await delivery.ack();
    } catch (error) {
      onError(error);
      await delivery.nack({ delayMs: 5000 });
    }
  }, { prefetch: 8 });
}
