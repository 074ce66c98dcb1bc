/** @module AMQP connections: one shared connection and confirm channel per account URL for publishing, closed when idle. */
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { AccountAuth } from '@weft/connector-kit';

/** A publisher connection unused this long is closed (the next publish opens a new one). */
const IDLE_MS = 30_000;

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

interface Link {
  model: ChannelModel;
  channel: Promise<ConfirmChannel> | undefined;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/** Publisher connections by URL. A closed connection or channel is dropped and reopened on next use. */
export class PublisherPool {
  readonly #links = new Map<string, Promise<Link>>();

  async channel(url: string): Promise<ConfirmChannel> {
    const link = await this.#link(url);
    if (link.idle) clearTimeout(link.idle);
    link.idle = setTimeout(() => void this.#drop(url, link), IDLE_MS);
    link.idle.unref();
    link.channel ??= link.model.createConfirmChannel().then((channel) => {
      channel.on('error', () => {});
      channel.on('close', () => {
        if (link.channel !== undefined) link.channel = undefined;
      });
      return channel;
    });
    try {
      return await link.channel;
    } catch (error) {
      link.channel = undefined;
      throw error;
    }
  }

  /** Close every connection (tests, shutdown). */
  async close(): Promise<void> {
    const links = [...this.#links.entries()];
    await Promise.all(links.map(async ([url, pending]) => this.#drop(url, await pending.catch(() => undefined))));
  }

  #link(url: string): Promise<Link> {
    let pending = this.#links.get(url);
    if (!pending) {
      pending = connect(url, namedConnection('weft publisher')).then((model) => {
        const link: Link = { model, channel: undefined, idle: undefined };
        // 'error' is followed by 'close'; without a listener it would crash the process.
        model.on('error', () => {});
        model.on('close', () => {
          if (this.#links.get(url) === pending) this.#links.delete(url);
        });
        return link;
      });
      this.#links.set(url, pending);
      pending.catch(() => this.#links.delete(url));
    }
    return pending;
  }

  async #drop(url: string, link: Link | undefined): Promise<void> {
    this.#links.delete(url);
    if (!link) return;
    if (link.idle) clearTimeout(link.idle);
    await link.model.close().catch(() => {});
  }
}

export const publishers = new PublisherPool();
