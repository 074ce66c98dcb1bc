/**
 * @module Broker ceiling: what the RabbitMQ under test moves on its own, with raw amqplib and
 * the same guarantees Weft asks for (durable quorum queue, publisher confirms, manual acks).
 */
import { connect } from 'amqplib';

export interface BrokerCeiling {
  messages: number;
  /** Published and confirmed per second, at most `window` unconfirmed at once. */
  publishPerSec: number;
  /** Consumed and acked per second from a full queue. */
  consumePerSec: number;
}

export async function measureBrokerCeiling(url: string, queue: string, options: { messages?: number; window?: number; bytes?: number } = {}): Promise<BrokerCeiling> {
  const messages = options.messages ?? 50_000;
  const window = options.window ?? 1000;
  const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(Math.max(0, (options.bytes ?? 1200) - 12)) }));
  const connection = await connect(url);
  try {
    const publisher = await connection.createConfirmChannel();
    await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await publisher.purgeQueue(queue);

    let unconfirmed = 0;
    let wake: (() => void) | undefined;
    let failed: unknown;
    const published = performance.now();
    for (let i = 0; i < messages; i++) {
      while (unconfirmed >= window) await new Promise<void>((resolve) => (wake = resolve));
      unconfirmed += 1;
      const hasRoom = publisher.sendToQueue(queue, body, { persistent: true, messageId: `m${i}`, contentType: 'application/json' }, (error: unknown) => {
        if (error) failed ??= error;
        unconfirmed -= 1;
        wake?.();
        wake = undefined;
      });
      if (!hasRoom) await new Promise<void>((resolve) => publisher.once('drain', resolve));
    }
    await publisher.waitForConfirms();
    if (failed !== undefined) throw new Error('the broker refused a publish', { cause: failed });
    const publishPerSec = messages / ((performance.now() - published) / 1000);

    const consumer = await connection.createChannel();
    await consumer.prefetch(window);
    const consumed = performance.now();
    await new Promise<void>((resolve) => {
      let seen = 0;
      void consumer.consume(queue, (message) => {
        if (!message) return;
        consumer.ack(message);
        if (++seen === messages) resolve();
      }, { noAck: false });
    });
    const consumePerSec = messages / ((performance.now() - consumed) / 1000);
    await consumer.close();
    await publisher.deleteQueue(queue);
    await publisher.close();
    return { messages, publishPerSec, consumePerSec };
  } finally {
    await connection.close();
  }
}
