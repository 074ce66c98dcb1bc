/** @module AMQP connections: the account's URL, readable broker errors, and one shared publisher connection per URL. */
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { AccountAuth } from '@weft/connector-kit';
import { SharedClients } from '@weft/messaging-kit';

/**
 * amqplib, loaded on the first connection rather than with this package: a process that never
 * talks to RabbitMQ (the engine loads every first-party connector at start-up) keeps its heap.
 */
export const amqplib = (): Promise<typeof import('amqplib')> => import('amqplib');

/** The account's AMQP URL, or a sentence saying what to fix. */
export function amqpUrl(auth: AccountAuth | undefined): string {
  const url = auth?.fields.url?.trim();
  if (!url) throw new Error('Choose a RabbitMQ account (its AMQP URL, e.g. amqp://user:password@host:5672/vhost) in the component\'s "Account" property.');
  if (!/^amqps?:\/\//.test(url)) throw new Error('The account\'s AMQP URL must start with amqp:// or amqps://.');
  return url;
}

/** Socket options naming the connection in the broker's management UI. */
export function namedConnection(name: string): { clientProperties: { connection_name: string } } {
  return { clientProperties: { connection_name: name } };
}

/** Rewords the broker's replies people meet most (a missing queue or exchange, refused login). */
export function explainAmqpError(error: unknown, what: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/404|NOT[_-]FOUND/.test(message)) return new Error(`${what} does not exist on the broker: declare it first or fix the name (${message}).`);
  if (/403|ACCESS[_-]REFUSED/.test(message)) return new Error(`The broker refused the account's user (${message}); check the AMQP URL's user, password and virtual host.`);
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(message)) return new Error(`Cannot reach the broker (${message}); check the AMQP URL's host and port.`);
  return error instanceof Error ? error : new Error(message);
}

/** How long a queue or exchange found by a check is trusted before it is checked again. */
export const CHECK_TTL_MS = 10_000;

interface Publisher {
  model: ChannelModel;
  channel: ConfirmChannel;
  /** Queues (`q:name`) and exchanges (`x:name`) found on the broker, with when: a check is a round trip every publish would wait for. */
  checked: Map<string, number>;
  /** The connection or the channel closed (a failed check closes the channel): open a new one. */
  isBroken: boolean;
}

/** Publisher connections with a confirm channel, one per URL, closed after 30 s unused. */
export const publishers = new SharedClients<Publisher>(
  async (url) => {
    const model = await (await amqplib()).connect(url, namedConnection('weft publisher'));
    // 'error' is followed by 'close'; without a listener it would crash the process.
    model.on('error', () => {});
    const channel = await model.createConfirmChannel().catch(async (error: unknown) => {
      await model.close().catch(() => {});
      throw error;
    });
    const publisher: Publisher = { model, channel, checked: new Map(), isBroken: false };
    channel.on('error', () => {});
    channel.on('close', () => (publisher.isBroken = true));
    model.on('close', () => (publisher.isBroken = true));
    return publisher;
  },
  async ({ model }) => model.close(),
  30_000,
  (publisher) => !publisher.isBroken,
);
