/**
 * @module Consume: a listen trigger that starts a run for every message of a queue, and acks it only
 * once the run is accepted by the engine (on its Bus); a message not accepted goes back to the queue.
 */
import type { ConsumeMessage } from 'amqplib';
import { accountInput, accountOptions, defineComponent, isWeftError } from '@weft/connector-kit';
import { decodePayload, readFormatOf, readFormatInput, REQUEUE_DELAY_MS } from '@weft/messaging-kit';
import { amqplib, amqpUrl, explainAmqpError, namedConnection } from './connection.ts';

/** On close, how long messages already taken may take to be accepted before the connection goes. */
const DRAIN_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const Consume = defineComponent(
  {
    name: 'weft.rabbitmq.Consume',
    label: 'Consume queue',
    description: 'Starts a run for every message of a queue. The message is acknowledged once the run is accepted; if it is not, it goes back to the queue.',
    category: 'rabbitmq',
    trigger: true,
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          message: { type: 'any', title: 'Message' },
          queue: { type: 'string', title: 'Queue' },
          exchange: { type: 'string', title: 'Exchange' },
          routingKey: { type: 'string', title: 'Routing key' },
          redelivered: { type: 'boolean', title: 'Redelivered' },
          headers: { type: 'object', title: 'Headers' },
          messageId: { type: 'string', title: 'Message id' },
          correlationId: { type: 'string', title: 'Correlation id' },
          contentType: { type: 'string', title: 'Content type' },
        },
      },
    }],
    properties: {
      schema: {
        type: 'object',
        properties: { account: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string' }, prefetch: { type: 'number' } },
        required: ['account', 'queue'],
      },
      inspector: {
        inputs: {
          account: accountInput(),
          queue: { type: 'text', label: 'Queue', index: 1, variables: false, tooltip: 'The queue to consume; it must exist.' },
          format: { ...readFormatInput, index: 2 },
          prefetch: { type: 'number', label: 'Messages in flight', defaultValue: 50, index: 3, variables: false, tooltip: 'How many messages the broker hands over before earlier ones are acknowledged (1–1000).' },
        },
      },
    },
  },
  {
    options: accountOptions('weft.rabbitmq'),

    async listen(context, emit) {
      const url = amqpUrl(context.auth);
      const queue = typeof context.properties.queue === 'string' ? context.properties.queue.trim() : '';
      if (queue === '') throw new Error('Set the queue to consume in the component\'s properties.');
      const format = readFormatOf(context.properties.format);
      const prefetch = Math.min(1000, Math.max(1, Math.floor(Number(context.properties.prefetch) || 50)));

      let isClosing = false;
      const model = await (await amqplib()).connect(url, namedConnection(`weft ${context.flowId}/${context.componentId}`)).catch((error: unknown) => {
        throw explainAmqpError(error, 'The virtual host');
      });
      // 'error' is followed by 'close'; without a listener it would crash the engine.
      model.on('error', () => {});
      model.on('close', (error?: Error) => {
        if (!isClosing) context.lost(error ?? new Error('The connection to RabbitMQ closed.'));
      });
      const inFlight = new Set<Promise<void>>();
      let consumerTag: string;
      const channel = await model.createChannel();
      try {
        channel.on('error', () => {});
        channel.on('close', () => {
          if (!isClosing) context.lost(new Error(`The channel consuming "${queue}" closed (was the queue deleted?).`));
        });
        try {
          await channel.checkQueue(queue);
        } catch (error) {
          throw explainAmqpError(error, `The queue "${queue}"`);
        }
        await channel.prefetch(prefetch);

        const handle = async (raw: ConsumeMessage) => {
          const decoded = decodePayload(raw.content, format);
          if (!decoded.ok) {
            context.log('error', `A message of "${queue}" was refused: ${decoded.error}`, { messageId: raw.properties.messageId as unknown });
            // Not requeued: it would come back forever. A dead-letter exchange on the queue keeps it.
            settle(() => channel.nack(raw, false, false));
            return;
          }
          const { properties, fields } = raw;
          const data = {
            message: decoded.value, queue, exchange: fields.exchange, routingKey: fields.routingKey, redelivered: fields.redelivered,
            headers: (properties.headers ?? {}) as Record<string, unknown>,
            ...(typeof properties.messageId === 'string' ? { messageId: properties.messageId } : {}),
            ...(typeof properties.correlationId === 'string' ? { correlationId: properties.correlationId } : {}),
            ...(typeof properties.contentType === 'string' ? { contentType: properties.contentType } : {}),
          };
          try {
            await emit(data);
            settle(() => channel.ack(raw));
          } catch (error) {
            const requeue = !(isWeftError(error) && error.retry === 'never');
            if (requeue) await sleep(REQUEUE_DELAY_MS);
            else context.log('error', `A message of "${queue}" was not accepted and is not requeued: ${(error as Error).message}`);
            settle(() => channel.nack(raw, false, requeue));
          }
        };
        // After the channel closed, the broker has already put unacknowledged messages back.
        const settle = (action: () => void) => {
          try {
            action();
          } catch {
            // channel closed: the broker redelivers
          }
        };
        ({ consumerTag } = await channel.consume(queue, (raw) => {
          if (raw === null) {
            if (!isClosing) context.lost(new Error(`The broker cancelled the consumer of "${queue}" (queue deleted?).`));
            return;
          }
          const handling = handle(raw);
          inFlight.add(handling);
          void handling.finally(() => inFlight.delete(handling));
        }, { noAck: false }));
      } catch (error) {
        isClosing = true;
        await model.close().catch(() => {});
        throw error;
      }

      return async () => {
        isClosing = true;
        await channel.cancel(consumerTag).catch(() => {});
        // Let the runs already taken be accepted and acked, rather than delivered twice.
        await Promise.race([Promise.allSettled([...inFlight]), sleep(DRAIN_MS)]);
        await model.close().catch(() => {});
      };
    },
  },
);
