/** @module Publish: sends the mapped message to an exchange (with a routing key) or straight to a queue, confirmed by the broker. */
import { accountInput, accountOptions, defineComponent } from '@weft/connector-kit';
import { encodePayload, writeFormatOf, writeFormatInput } from '@weft/messaging-kit';
import { amqpUrl, CHECK_TTL_MS, explainAmqpError, publishers } from './connection.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

export const Publish = defineComponent(
  {
    name: 'weft.rabbitmq.Publish',
    label: 'Publish message',
    description: 'Publishes a message to an exchange with a routing key, or to a queue; done once the broker confirms it.',
    category: 'rabbitmq',
    inPorts: [{
      name: 'in',
      schema: {
        type: 'object',
        properties: {
          queue: { type: 'string', title: 'Queue', description: 'Send straight to this queue (through the default exchange).' },
          exchange: { type: 'string', title: 'Exchange', description: 'Or publish to this exchange…' },
          routingKey: { type: 'string', title: 'Routing key', description: '…with this routing key.' },
          message: { type: 'any', title: 'Message' },
          headers: { type: 'object', title: 'Headers' },
        },
        required: ['message'],
      },
      inspector: {
        inputs: {
          queue: { type: 'text', label: 'Queue', index: 1, tooltip: 'Send straight to this queue. Leave empty to publish to an exchange instead.' },
          exchange: { type: 'text', label: 'Exchange', index: 2, tooltip: 'The exchange to publish to (when no queue is given).' },
          routingKey: { type: 'text', label: 'Routing key', index: 3 },
          message: { type: 'textarea', label: 'Message', index: 4 },
          headers: { type: 'key-value', label: 'Headers', index: 5 },
        },
      },
    }],
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          exchange: { type: 'string', title: 'Exchange' },
          routingKey: { type: 'string', title: 'Routing key' },
          messageId: { type: 'string', title: 'Message id' },
          bytes: { type: 'number', title: 'Size in bytes' },
        },
      },
    }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, format: { type: 'string' }, persistent: { type: 'boolean' } }, required: ['account'] },
      inspector: {
        inputs: {
          account: accountInput(),
          format: { ...writeFormatInput, index: 1 },
          persistent: { type: 'toggle', label: 'Persistent', defaultValue: true, index: 2, tooltip: 'The broker writes the message to disk (survives a broker restart on a durable queue).' },
        },
      },
    },
  },
  {
    options: accountOptions('weft.rabbitmq'),

    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const url = amqpUrl(context.auth);
      const format = writeFormatOf(context.properties.format, (message) => new context.CancelError(message));
      const queue = text(content.queue);
      const exchange = queue === '' ? text(content.exchange) : '';
      const routingKey = queue === '' ? text(content.routingKey) : queue;
      if (queue === '' && exchange === '' && routingKey === '') {
        throw new context.CancelError('Say where to publish: map a queue, or an exchange and a routing key.');
      }
      let body: Buffer;
      try {
        body = encodePayload(content.message, format);
      } catch (error) {
        throw new context.CancelError((error as Error).message);
      }
      const headers = content.headers !== null && typeof content.headers === 'object' && !Array.isArray(content.headers) ? (content.headers as Record<string, unknown>) : {};
      // The id of the Weft message: a consumer can recognise a redelivered publish.
      const messageId = context.messages.in?.messageId ?? context.correlationId;
      const { channel, checked } = await publishers.use(url);
      // A missing queue or exchange would swallow the message silently; a failed check closes the channel instead.
      const target = queue !== '' ? `q:${queue}` : exchange !== '' ? `x:${exchange}` : undefined;
      const checkedAt = target === undefined ? undefined : checked.get(target);
      if (target !== undefined && (checkedAt === undefined || Date.now() - checkedAt > CHECK_TTL_MS)) {
        try {
          if (queue !== '') await channel.checkQueue(queue);
          else await channel.checkExchange(exchange);
          checked.set(target, Date.now());
        } catch (error) {
          throw explainAmqpError(error, queue !== '' ? `The queue "${queue}"` : `The exchange "${exchange}"`);
        }
      }
      await new Promise<void>((resolve, reject) => {
        channel.publish(exchange, routingKey, body, {
          persistent: context.properties.persistent !== false,
          contentType: format === 'json' ? 'application/json' : format === 'text' ? 'text/plain' : 'application/octet-stream',
          headers, messageId, correlationId: context.correlationId,
        }, (error: unknown) => (error ? reject(new Error('The broker did not confirm the message (nack); it may not have been stored.')) : resolve()));
      });
      await context.sendJson({ exchange, routingKey, messageId, bytes: body.byteLength }, 'out');
    },
  },
);
