/** @module RabbitMQ Bus: durable queues, confirmed publishes, broker-paced delays and reconnects. */
import { connect as amqpConnect } from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { WeftError } from '@weft/connector-kit';
import { serializeBody, type Bus, type BusMessage, type ConsumeOptions, type Delivery, type DeliveryHandler, type PublishOptions, type Subscription } from '../../ports/bus.ts';
import { writeFileSync } from 'node:fs';
import { DELAY_LADDER_MS, planDelayHop } from './delay-ladder.ts';

export interface RabbitBusOptions {
  /** Default `amqp://guest:guest@127.0.0.1:5672`. */
  url?: string;
  /** Prefix of every queue and exchange this bus declares (default `weft`). */
  prefix?: string;
  /** `quorum` (default) replicates and counts deliveries; `classic` honours message priorities. */
  queueType?: 'quorum' | 'classic';
  /** Most publishes awaiting a broker confirm at once (default 1000). */
  publishWindow?: number;
  /** How long an operation waits for a lost connection to come back before failing (default 15 s). */
  reconnectWaitMs?: number;
  /** Backoff between reconnect attempts: doubles from `initial` up to `max` (default 100 ms … 5 s). */
  reconnectDelayMs?: { initial: number; max: number };
  /** AMQP heartbeat in seconds; how soon a silently dropped connection is noticed (default 10). */
  heartbeatSeconds?: number;
  /** Rewrite `stats` as JSON to this file every second (`WEFT_AMQP_STATS_FILE`, for `npm run bench`). */
  statsFile?: string | undefined;
}

/** What this bus has sent and heard since it connected (counted in this process). */
export interface RabbitBusStats {
  /** `publish` calls (a delivery's sends to one queue are one call). */
  publishCalls: number;
  /** Messages handed to the broker, republished delays included. */
  published: number;
  /** Basic.Ack/Nack frames the broker sent for them (one may confirm many with `multiple`). */
  confirmFrames: number;
  /** Messages delivered to this process's consumers. */
  delivered: number;
  /** Basic.Ack frames this process sent for deliveries (one may settle many with `multiple`). */
  ackFrames: number;
}

const DEFAULT_URL = 'amqp://guest:guest@127.0.0.1:5672';
const DEFAULT_PREFETCH = 16;
/** A delay queue unused (no publish from us) for its TTL twice plus this long is deleted by the broker. */
const DELAY_QUEUE_IDLE_MS = 5 * 60_000;
/** Deliveries made before this copy of the message was published (nack with delay republishes). */
const ATTEMPTS_HEADER = 'x-weft-attempts';
/** Delay still owed after the current hop through a delay queue. */
const DELAY_REST_HEADER = 'x-weft-delay-rest';

interface Link {
  readonly model: ChannelModel;
  publisher: ConfirmChannel | undefined;
  /** Publishes to reply queues: no confirms (see `#publishDisposable`). */
  plain: Channel | undefined;
  admin: Channel | undefined;
  /** Port-level queue names whose topology is declared on this connection. */
  readonly declared: Map<string, Promise<void>>;
  /** Delay queues declared on this connection, with when, since they expire when unused. */
  readonly delayDeclared: Map<string, { at: number; declaring: Promise<void> }>;
}

/** What a subscription may use of its bus. */
interface SubscriptionHost {
  queueName(queue: string): string;
  currentLink(): Link | undefined;
  ensureQueue(link: Link, queue: string): Promise<void>;
  republish(queue: string, raw: ConsumeMessage, attempts: number, delayMs: number): Promise<void>;
  countDelivery(): void;
  countAckFrame(): void;
}

interface Waiter {
  resolve: (link: Link) => void;
  reject: (error: Error) => void;
}

/** Channels that have emitted `close`; amqplib throws on any use after that. */
const closedChannels = new WeakSet<Channel>();

function watchChannel<C extends Channel>(channel: C): C {
  // Channel errors also close the channel; the `close` handler is where we react.
  channel.on('error', () => undefined);
  channel.on('close', () => closedChannels.add(channel));
  return channel;
}

function isOpen(channel: Channel | undefined): channel is Channel {
  return channel !== undefined && !closedChannels.has(channel);
}

function unavailable(message: string, cause?: unknown): WeftError {
  return new WeftError('bus.unavailable', message, { retry: 'retry', status: 503, cause });
}

/** A publish to `routingKey` that failed before the broker could confirm it (a closed channel, no connection). */
function cannotPublish(routingKey: string, cause: unknown): WeftError {
  return new WeftError('bus.publish_failed', `Cannot publish to ${routingKey}: ${errorMessage(cause)}`, { retry: 'retry', status: 503, cause });
}

/** How long an unused reply queue of a gone API process stays on the broker. */
const REPLY_QUEUE_EXPIRES_MS = 10 * 60_000;

/**
 * Reply queues carry answers to held HTTP requests, not work: losing one to a broker restart
 * costs a 504 to a caller whose run still completes. They are the only queues kept in memory.
 */
function isTransient(queue: string): boolean {
  return queue.startsWith('replies.');
}

/** A RabbitMQ-backed Bus. Every name it declares starts with `prefix.`; see the README beside it. */

export class RabbitBus implements Bus {
  readonly #url: string;
  readonly #prefix: string;
  readonly #queueType: 'quorum' | 'classic';
  readonly #window: number;
  readonly #reconnectWaitMs: number;
  readonly #reconnectDelay: { initial: number; max: number };
  readonly #heartbeat: number;

  #link: Link | undefined;
  #waiters: Waiter[] = [];
  #closing = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #reconnectAttempt = 0;
  #unconfirmed = 0;
  #slotWaiters: (() => void)[] = [];
  readonly #pendingPublishes = new Set<Promise<void>>();
  readonly #subscriptions = new Set<RabbitSubscription>();
  readonly #declaredQueues = new Set<string>();
  readonly #stats: RabbitBusStats = { publishCalls: 0, published: 0, confirmFrames: 0, delivered: 0, ackFrames: 0 };
  #statsTimer: NodeJS.Timeout | undefined;

  private constructor(options: RabbitBusOptions) {
    this.#url = options.url ?? DEFAULT_URL;
    this.#prefix = options.prefix ?? 'weft';
    this.#queueType = options.queueType ?? 'quorum';
    this.#window = Math.max(1, options.publishWindow ?? 1000);
    this.#reconnectWaitMs = options.reconnectWaitMs ?? 15_000;
    this.#reconnectDelay = options.reconnectDelayMs ?? { initial: 100, max: 5_000 };
    this.#heartbeat = options.heartbeatSeconds ?? 10;
  }

  /** Connects once; rejects with `bus.unavailable` if the broker cannot be reached now. */
  static async connect(options: RabbitBusOptions = {}): Promise<RabbitBus> {
    const bus = new RabbitBus(options);
    bus.#link = await bus.#open();
    const file = options.statsFile;
    if (file !== undefined && file !== '') {
      bus.#statsTimer = setInterval(() => {
        try {
          writeFileSync(file, JSON.stringify(bus.#stats));
        } catch {
          // A figure for the bench, never a reason to fail.
        }
      }, 1000).unref();
    }
    return bus;
  }

  /** Counters of this process's traffic with the broker (a copy). */
  get stats(): RabbitBusStats {
    return { ...this.#stats };
  }

  /** Port-level names of the queues this bus has declared (for cleanup in tests and tools). */
  get declaredQueues(): ReadonlySet<string> {
    return this.#declaredQueues;
  }

  /** True while a connection is up (health checks). */
  get isConnected(): boolean {
    return this.#link !== undefined;
  }

  async publish(queue: string, messages: readonly BusMessage[], options: PublishOptions = {}): Promise<void> {
    this.#assertOpen();
    if (messages.length === 0) return;
    const publishing = this.#publishAll(queue, messages, options.delayMs ?? 0);
    this.#pendingPublishes.add(publishing);
    try {
      await publishing;
    } finally {
      this.#pendingPublishes.delete(publishing);
    }
  }

  async consume(queue: string, handler: DeliveryHandler, options: ConsumeOptions = {}): Promise<Subscription> {
    this.#assertOpen();
    const subscription = new RabbitSubscription(this.#host(), queue, handler, Math.max(1, options.prefetch ?? DEFAULT_PREFETCH), options.disposable === true);
    this.#subscriptions.add(subscription);
    try {
      await subscription.attach(await this.#whenLinked());
    } catch (error) {
      this.#subscriptions.delete(subscription);
      throw error;
    }
    return subscription;
  }

  async depth(queue: string): Promise<number> {
    this.#assertOpen();
    const link = await this.#whenLinked();
    await this.#ensureQueue(link, queue);
    let total = 0;
    for (const name of [this.#queueName(queue), ...this.#delayQueueNames(queue)]) {
      total += (await this.#onExistingQueue(link, name, (admin) => admin.checkQueue(name)))?.messageCount ?? 0;
    }
    return total;
  }

  async purge(queue: string): Promise<void> {
    this.#assertOpen();
    const link = await this.#whenLinked();
    await this.#ensureQueue(link, queue);
    for (const name of [this.#queueName(queue), ...this.#delayQueueNames(queue)]) {
      await this.#onExistingQueue(link, name, (admin) => admin.purgeQueue(name));
    }
  }

  /** Admin: delete a queue and its delay queues, with whatever they hold. */
  async deleteQueue(queue: string): Promise<void> {
    this.#assertOpen();
    const link = await this.#whenLinked();
    for (const name of [this.#queueName(queue), ...this.#delayQueueNames(queue)]) {
      await this.#onExistingQueue(link, name, (admin) => admin.deleteQueue(name));
      link.delayDeclared.delete(name);
    }
    link.declared.delete(queue);
    this.#declaredQueues.delete(queue);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#statsTimer);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new WeftError('bus.closed', 'The bus is closed'));
    await Promise.allSettled([...this.#subscriptions].map((s) => s.cancel()));
    await Promise.allSettled([...this.#pendingPublishes]);
    const link = this.#link;
    this.#link = undefined;
    if (link !== undefined) await link.model.close().catch(() => undefined);
  }

  /** Broker name of a port-level queue. */
  #queueName(queue: string): string {
    return `${this.#prefix}.${queue}`;
  }

  /** What a subscription may use of its bus. */
  #host(): SubscriptionHost {
    return {
      queueName: (queue) => this.#queueName(queue),
      currentLink: () => this.#link,
      ensureQueue: (link, queue) => this.#ensureQueue(link, queue),
      republish: (queue, raw, attempts, delayMs) => this.#republish(queue, raw, attempts, delayMs),
      countDelivery: () => {
        this.#stats.delivered += 1;
      },
      countAckFrame: () => {
        this.#stats.ackFrames += 1;
      },
    };
  }

  /** Re-publishes a delivered message into `queue` after `delayMs` (nack with delay, next hop). */
  async #republish(queue: string, raw: ConsumeMessage, attempts: number, delayMs: number): Promise<void> {
    const hop = planDelayHop(delayMs);
    const properties = raw.properties;
    const options: Options.Publish = {
      persistent: true,
      headers: { [ATTEMPTS_HEADER]: attempts, [DELAY_REST_HEADER]: hop?.restMs ?? 0 },
    };
    if (typeof properties.messageId === 'string') options.messageId = properties.messageId;
    if (typeof properties.priority === 'number') options.priority = properties.priority;
    await this.#publishOne(queue, hop?.stepMs, raw.content, options);
  }

  /** Declares the queue's topology on `link` once per connection. */
  #ensureQueue(link: Link, queue: string): Promise<void> {
    let declared = link.declared.get(queue);
    if (declared === undefined) {
      declared = this.#declare(link, queue);
      link.declared.set(queue, declared);
      declared.catch(() => link.declared.delete(queue)).catch(() => undefined);
    }
    return declared;
  }

  // ─── connection ─────────────────────────────────────────────────────────

  async #open(): Promise<Link> {
    let model: ChannelModel;
    try {
      model = await amqpConnect(withHeartbeat(this.#url, this.#heartbeat), {
        timeout: 5_000,
        // amqplib leaves Nagle on: an ack followed by a publish would then wait for a TCP ack.
        noDelay: true,
        clientProperties: { connection_name: `weft-bus ${this.#prefix}` },
      });
    } catch (error) {
      throw unavailable(`Cannot reach RabbitMQ at ${redact(this.#url)}`, error);
    }
    coalesceWrites(model);
    const link: Link = { model, publisher: undefined, plain: undefined, admin: undefined, declared: new Map(), delayDeclared: new Map() };
    model.on('error', () => undefined);
    model.on('close', () => this.#onDisconnect(link));
    try {
      link.publisher = this.#countConfirms(watchChannel(await model.createConfirmChannel()));
    } catch (error) {
      await model.close().catch(() => undefined);
      throw unavailable('Cannot open a confirm channel', error);
    }
    return link;
  }

  #onDisconnect(link: Link): void {
    if (this.#link !== link) return;
    this.#link = undefined;
    for (const subscription of this.#subscriptions) subscription.detach();
    if (!this.#closing) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const { initial, max } = this.#reconnectDelay;
    const base = Math.min(max, initial * 2 ** this.#reconnectAttempt);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.#reconnectAttempt += 1;
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(), delay);
  }

  async #reconnect(): Promise<void> {
    if (this.#closing) return;
    let link: Link;
    try {
      link = await this.#open();
    } catch {
      if (!this.#closing) this.#scheduleReconnect();
      return;
    }
    if (this.#closing) {
      await link.model.close().catch(() => undefined);
      return;
    }
    this.#reconnectAttempt = 0;
    this.#link = link;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(link);
    for (const subscription of this.#subscriptions) subscription.reattach(link);
  }

  #whenLinked(): Promise<Link> {
    if (this.#closing) return Promise.reject(new WeftError('bus.closed', 'The bus is closed'));
    if (this.#link !== undefined) return Promise.resolve(this.#link);
    return new Promise<Link>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(unavailable(`RabbitMQ did not come back within ${this.#reconnectWaitMs} ms`));
      }, this.#reconnectWaitMs);
      const waiter: Waiter = {
        resolve: (link) => {
          clearTimeout(timer);
          resolve(link);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  #assertOpen(): void {
    if (this.#closing) throw new WeftError('bus.closed', 'The bus is closed');
  }

  #countConfirms(channel: ConfirmChannel): ConfirmChannel {
    const count = (): void => {
      this.#stats.confirmFrames += 1;
    };
    channel.on('ack', count);
    channel.on('nack', count);
    return channel;
  }

  async #publisher(link: Link): Promise<ConfirmChannel> {
    if (!isOpen(link.publisher)) link.publisher = this.#countConfirms(watchChannel(await link.model.createConfirmChannel()));
    return link.publisher;
  }

  /** Topology operations run on their own channel: a failed declare must not kill publishes. */
  async #admin(link: Link): Promise<Channel> {
    if (!isOpen(link.admin)) link.admin = watchChannel(await link.model.createChannel());
    return link.admin;
  }

  /** Runs `operation` on the admin channel; undefined if the queue does not exist (404). */
  async #onExistingQueue<T>(link: Link, name: string, operation: (admin: Channel) => Promise<T>): Promise<T | undefined> {
    const admin = await this.#admin(link);
    try {
      return await operation(admin);
    } catch (error) {
      // The broker closes a channel on any error; open a fresh one next time.
      if (link.admin === admin) link.admin = undefined;
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async #declare(link: Link, queue: string): Promise<void> {
    const admin = await this.#admin(link);
    const target = this.#queueName(queue);
    const deadLetter = `${this.#prefix}.dead-letter`;
    const quorum = this.#queueType === 'quorum';
    try {
      // Messages a consumer cannot decode are rejected into this queue instead of looping.
      await admin.assertExchange(deadLetter, 'fanout', { durable: true });
      await admin.assertQueue(deadLetter, { durable: true, arguments: { 'x-queue-type': this.#queueType } });
      await admin.bindQueue(deadLetter, deadLetter, '');
      if (isTransient(queue)) {
        // A per-process queue (`replies.<api instance>`): the answers to the webhook requests
        // that process holds, worthless once it is gone. Classic and in memory (no replication,
        // no disk), and the broker deletes it once nobody has consumed from it for a while.
        await admin.assertQueue(target, { durable: false, arguments: { 'x-queue-type': 'classic', 'x-expires': REPLY_QUEUE_EXPIRES_MS } });
      } else {
        await admin.assertQueue(target, {
          durable: true,
          arguments: quorum
            ? { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': deadLetter }
            : { 'x-queue-type': 'classic', 'x-max-priority': 9, 'x-dead-letter-exchange': deadLetter },
        });
      }
    } catch (error) {
      throw new WeftError('bus.queue_mismatch', `Cannot declare queue ${target}: ${errorMessage(error)}`, {
        retry: 'never',
        cause: error,
      });
    }
    this.#declaredQueues.add(queue);
  }

  /**
   * Delay queues are declared on first use and expire after a while unused, so the broker holds
   * only the steps in use. Publishing does not count as use, so we re-declare before the queue
   * could expire under a message we are about to put in it.
   */
  #ensureDelayQueue(link: Link, queue: string, stepMs: number): Promise<void> {
    const name = this.#delayQueueName(queue, stepMs);
    const expiresMs = 2 * stepMs + DELAY_QUEUE_IDLE_MS;
    const known = link.delayDeclared.get(name);
    if (known !== undefined && Date.now() - known.at < stepMs + DELAY_QUEUE_IDLE_MS / 2) return known.declaring;
    const quorum = this.#queueType === 'quorum';
    const declaring = (async () => {
      const admin = await this.#admin(link);
      try {
        await admin.assertQueue(name, {
          durable: true,
          arguments: {
            'x-queue-type': this.#queueType,
            'x-message-ttl': stepMs,
            'x-expires': expiresMs,
            // An expired message is dead-lettered through the default exchange straight into its target.
            'x-dead-letter-exchange': '',
            'x-dead-letter-routing-key': this.#queueName(queue),
            // Quorum queues can dead-letter at least once (the default is at most once).
            ...(quorum ? { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' } : {}),
          },
        });
      } catch (error) {
        link.delayDeclared.delete(name);
        throw new WeftError('bus.queue_mismatch', `Cannot declare delay queue ${name}: ${errorMessage(error)}`, { retry: 'never', cause: error });
      }
    })();
    link.delayDeclared.set(name, { at: Date.now(), declaring });
    return declaring;
  }

  #delayQueueName(queue: string, stepMs: number): string {
    return `${this.#queueName(queue)}.delay.${stepMs}`;
  }

  #delayQueueNames(queue: string): string[] {
    return DELAY_LADDER_MS.map((step) => this.#delayQueueName(queue, step));
  }

  // ─── publishing ─────────────────────────────────────────────────────────

  async #publishAll(queue: string, messages: readonly BusMessage[], delayMs: number): Promise<void> {
    this.#stats.publishCalls += 1;
    const hop = planDelayHop(delayMs);
    if (hop === undefined && isTransient(queue)) return this.#publishDisposable(queue, messages);
    // Every body first: one that cannot be serialised fails the publish before any of it is sent.
    const bodies = messages.map((message) => serializeBody(message.body));
    let failure: unknown;
    const confirms: Promise<void>[] = [];
    for (const [index, message] of messages.entries()) {
      if (failure !== undefined) break;
      // The fewest properties: every body is JSON (the port says so), and amqplib encodes even an
      // empty header table; without both, a message costs this process ~14 % less to send and
      // receive (scratch micro-bench, quorum queue) and the broker a little less to parse.
      const options: Options.Publish = { persistent: !isTransient(queue), messageId: message.id };
      if (hop !== undefined) options.headers = { [DELAY_REST_HEADER]: hop.restMs };
      if (message.priority !== undefined) options.priority = Math.max(0, Math.min(9, Math.round(message.priority)));
      const content = Buffer.from(bodies[index] ?? 'null');
      try {
        const { confirmed } = await this.#dispatch(queue, hop?.stepMs, content, options);
        confirms.push(
          confirmed.catch((error: unknown) => {
            failure ??= error;
          }),
        );
      } catch (error) {
        failure ??= error;
      }
    }
    await Promise.all(confirms);
    if (failure !== undefined) throw failure;
  }

  /**
   * A reply queue's messages go out on a channel without publisher confirms and the publish resolves
   * once they are written. Such a queue is kept in memory only (`isTransient`) and the api consumes
   * it without acks (ConsumeOptions.disposable): a confirm would promise nothing a broker restart keeps, and cost the broker a
   * confirm and this process its bookkeeping for every answer (scratch micro-bench of a run's
   * traffic: ~15 % of the broker's CPU and of the client's). What it gives up: an answer written just
   * as the connection drops is lost (a 504 for a run that completes), as one is on a broker restart;
   * a publish on a channel already closed still fails, so the step that answers is retried as before.
   */
  async #publishDisposable(queue: string, messages: readonly BusMessage[]): Promise<void> {
    const bodies = messages.map((message) => serializeBody(message.body));
    const routingKey = this.#queueName(queue);
    try {
      const link = await this.#whenLinked();
      await this.#ensureQueue(link, queue);
      if (!isOpen(link.plain)) link.plain = watchChannel(await link.model.createChannel());
      const channel = link.plain;
      let hasRoom = true;
      for (const [index, message] of messages.entries()) {
        hasRoom = channel.sendToQueue(routingKey, Buffer.from(bodies[index] ?? 'null'), { persistent: false, messageId: message.id });
        this.#stats.published += 1;
      }
      if (!hasRoom) await waitForDrain(channel);
    } catch (error) {
      if (error instanceof WeftError) throw error;
      // amqplib throws synchronously once the channel has closed.
      throw cannotPublish(routingKey, error);
    }
  }

  /** Publishes one message, waiting for a window slot; `confirmed` settles on the broker's answer. */
  async #publishOne(queue: string, delayStepMs: number | undefined, content: Buffer, options: Options.Publish): Promise<void> {
    const { confirmed } = await this.#dispatch(queue, delayStepMs, content, options);
    await confirmed;
  }

  /**
   * Hands one message to the confirm channel once the window has room and resolves as soon as it
   * is written, so a batch streams; the returned `confirmed` rejects on a nack or a lost channel.
   */
  async #dispatch(
    queue: string,
    delayStepMs: number | undefined,
    content: Buffer,
    options: Options.Publish,
  ): Promise<{ confirmed: Promise<void> }> {
    await this.#acquireSlot();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.#releaseSlot();
    };
    try {
      const link = await this.#whenLinked();
      await this.#ensureQueue(link, queue);
      if (delayStepMs !== undefined) await this.#ensureDelayQueue(link, queue, delayStepMs);
      const channel = await this.#publisher(link);
      const routingKey = delayStepMs === undefined ? this.#queueName(queue) : this.#delayQueueName(queue, delayStepMs);
      let hasRoom = true;
      const confirmed = new Promise<void>((resolve, reject) => {
        try {
          this.#stats.published += 1;
          hasRoom = channel.sendToQueue(routingKey, content, options, (error: unknown) => {
            release();
            if (error === null || error === undefined) resolve();
            else reject(new WeftError('bus.publish_failed', `RabbitMQ did not confirm message ${String(options.messageId)}`, { retry: 'retry', status: 503, cause: error }));
          });
        } catch (error) {
          // amqplib throws synchronously once the channel has closed.
          release();
          reject(cannotPublish(routingKey, error));
        }
      });
      if (!hasRoom) await waitForDrain(channel);
      return { confirmed };
    } catch (error) {
      release();
      if (error instanceof WeftError) throw error;
      throw cannotPublish(this.#queueName(queue), error);
    }
  }

  async #acquireSlot(): Promise<void> {
    while (this.#unconfirmed >= this.#window) await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
    this.#unconfirmed += 1;
  }

  #releaseSlot(): void {
    this.#unconfirmed -= 1;
    this.#slotWaiters.shift()?.();
  }
}

/** One consumer; survives reconnects by consuming again on the new connection. */
class RabbitSubscription implements Subscription {
  readonly #bus: SubscriptionHost;
  readonly #queue: string;
  readonly #handler: DeliveryHandler;
  readonly #prefetch: number;
  /** Consumed with `noAck`: the broker forgets each message as it sends it (ConsumeOptions.disposable). */
  readonly #noAck: boolean;
  #channel: Channel | undefined;
  #acks: AckBatch | undefined;
  #consumerTag: string | undefined;
  #cancelled = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(bus: SubscriptionHost, queue: string, handler: DeliveryHandler, prefetch: number, noAck: boolean) {
    this.#bus = bus;
    this.#queue = queue;
    this.#handler = handler;
    this.#prefetch = prefetch;
    this.#noAck = noAck;
  }

  async attach(link: Link): Promise<void> {
    await this.#bus.ensureQueue(link, this.#queue);
    const channel = watchChannel(await link.model.createChannel());
    const acks = new AckBatch(channel, () => this.#bus.countAckFrame(), this.#noAck);
    try {
      await channel.prefetch(this.#prefetch, false);
      const { consumerTag } = await channel.consume(this.#bus.queueName(this.#queue), (raw) => this.#onMessage(channel, acks, raw), { noAck: this.#noAck });
      this.#channel = channel;
      this.#acks = acks;
      this.#consumerTag = consumerTag;
    } catch (error) {
      await channel.close().catch(() => undefined);
      throw error;
    }
    if (this.#cancelled) await this.#stop();
  }

  /** The connection is gone: in-flight handlers finish, but their acks will fail. */
  detach(): void {
    this.#channel = undefined;
    this.#acks = undefined;
    this.#consumerTag = undefined;
  }

  /** Consume again on a new connection, retrying while the queue or channel refuses. */
  reattach(link: Link): void {
    if (this.#cancelled) return;
    this.attach(link).catch(() => {
      setTimeout(() => {
        const current = this.#bus.currentLink();
        if (current !== undefined && !this.#cancelled && this.#channel === undefined) this.reattach(current);
      }, 1_000);
    });
  }

  async cancel(): Promise<void> {
    if (this.#cancelled) return;
    this.#cancelled = true;
    await this.#stop();
  }

  async #stop(): Promise<void> {
    const channel = this.#channel;
    const acks = this.#acks;
    const tag = this.#consumerTag;
    if (isOpen(channel) && tag !== undefined) await channel.cancel(tag).catch(() => undefined);
    await Promise.allSettled([...this.#inFlight]);
    // The last handlers' acks are still waiting for the end of the turn: send them before closing.
    acks?.flush();
    this.detach();
    if (isOpen(channel)) await channel.close().catch(() => undefined);
  }

  #onMessage(channel: Channel, acks: AckBatch, raw: ConsumeMessage | null): void {
    if (raw === null) {
      // The broker cancelled us (queue deleted or failed over): consume again if we can.
      if (this.#channel === channel) this.detach();
      const link = this.#bus.currentLink();
      if (link !== undefined && !this.#cancelled) {
        link.declared.delete(this.#queue);
        this.reattach(link);
      }
      return;
    }
    this.#bus.countDelivery();
    acks.delivered(raw);
    const handling = this.#handle(channel, acks, raw);
    this.#inFlight.add(handling);
    void handling.finally(() => this.#inFlight.delete(handling));
  }

  async #handle(channel: Channel, acks: AckBatch, raw: ConsumeMessage): Promise<void> {
    const headers: Record<string, unknown> = raw.properties.headers ?? {};
    const message = decode(raw);
    if (message === undefined) {
      // Not ours to interpret: park it in the dead-letter queue instead of redelivering forever.
      acks.nack(raw, false);
      return;
    }
    const attempts = numberHeader(headers[ATTEMPTS_HEADER]);
    const rest = numberHeader(headers[DELAY_REST_HEADER]);
    if (rest > 0) {
      // Still owed some delay: send it through the next delay queue without waking the handler.
      try {
        await this.#bus.republish(this.#queue, raw, attempts, rest);
        acks.ack(raw);
      } catch {
        acks.nack(raw, true);
      }
      return;
    }
    const brokerCount = typeof headers['x-delivery-count'] === 'number' ? headers['x-delivery-count'] : raw.fields.redelivered ? 1 : 0;
    let settled = false;
    const bus = this.#bus;
    const queue = this.#queue;
    const settle = (what: string, action: () => void): void => {
      if (!isOpen(channel)) {
        throw new WeftError('bus.channel_closed', `Cannot ${what} message ${message.id}: its channel closed; it will be redelivered`, { retry: 'never', status: 503 });
      }
      action();
    };
    const delivery: Delivery = {
      message,
      deliveryCount: attempts + brokerCount + 1,
      async ack() {
        if (settled) return;
        settled = true;
        settle('ack', () => acks.ack(raw));
      },
      async nack(options = {}) {
        if (settled) return;
        settled = true;
        const delayMs = options.delayMs ?? 0;
        const uncounted = options.uncounted === true;
        if (delayMs > 0 || uncounted) {
          // Broker-paced retry: a copy waits in a delay queue (or goes straight back, when the
          // delivery must not count), then the original is removed.
          try {
            await bus.republish(queue, raw, attempts + brokerCount + (uncounted ? 0 : 1), delayMs);
          } catch (error) {
            // No delayed copy: give the original back now rather than leave it in limbo.
            acks.nack(raw, true);
            throw error;
          }
          settle('ack', () => acks.ack(raw));
        } else {
          settle('nack', () => acks.nack(raw, true));
        }
      },
    };
    try {
      await this.#handler(delivery);
    } catch {
      // A throwing handler gets its message back, like an explicit nack.
    }
    if (!settled) {
      settled = true;
      acks.nack(raw, true);
    }
  }
}

/**
 * The settling of one consumer channel's deliveries. A nack goes out at once; acks wait for the end
 * of the event loop's turn, and then the longest run of acked deliveries at the head of those still
 * open (delivered, not yet settled) goes out as one Basic.Ack with `multiple`: a worker finishing a
 * group commit's deliveries together sends one frame, and the broker (a quorum queue: one Raft
 * command per settle) settles them in one step, instead of one of each per message. An acked
 * delivery behind one still running is acked alone in the same turn, as before: `multiple` never
 * covers a delivery its handler has not settled, and no ack waits on a slow handler. On a `noAck`
 * consumer (ConsumeOptions.disposable) the broker settled each message as it sent it: nothing to send.
 */
class AckBatch {
  /** Open deliveries by tag, in delivery order (tags only grow on a channel); true once acked. */
  readonly #open = new Map<number, { raw: ConsumeMessage; acked: boolean }>();
  #isScheduled = false;

  constructor(
    private readonly channel: Channel,
    private readonly countFrame: () => void,
    private readonly noAck: boolean,
  ) {}

  delivered(raw: ConsumeMessage): void {
    if (this.noAck) return;
    this.#open.set(raw.fields.deliveryTag, { raw, acked: false });
  }

  ack(raw: ConsumeMessage): void {
    const entry = this.#open.get(raw.fields.deliveryTag);
    if (entry === undefined) return;
    entry.acked = true;
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Gives the message back (`requeue`) or to the dead-letter queue, now. */
  nack(raw: ConsumeMessage, requeue: boolean): void {
    if (this.noAck) return;
    this.#open.delete(raw.fields.deliveryTag);
    settleQuietly(() => this.channel.nack(raw, false, requeue));
  }

  /** Sends the acks made so far (at the end of each turn, and before the channel closes). */
  flush(): void {
    this.#isScheduled = false;
    let head: ConsumeMessage | undefined;
    let headCount = 0;
    let isHead = true;
    for (const [tag, entry] of this.#open) {
      if (!entry.acked) {
        isHead = false;
        continue;
      }
      this.#open.delete(tag);
      if (isHead) {
        head = entry.raw;
        headCount += 1;
      } else {
        this.#send(entry.raw, false);
      }
    }
    if (head !== undefined) this.#send(head, headCount > 1);
  }

  #send(raw: ConsumeMessage, multiple: boolean): void {
    // On a closed channel this throws; the broker redelivers those messages anyway.
    settleQuietly(() => {
      this.channel.ack(raw, multiple);
      this.countFrame();
    });
  }
}

/**
 * amqplib's muxer hands the socket every frame of a turn separately: a write system call per
 * publish and per ack, and on loopback often a TCP segment each, which the broker then reads one
 * by one. Corking the socket for the muxer's turn sends them as one writev. The muxer is internal
 * to amqplib (pinned by the lockfile); if its shape changes this does nothing, and the bus tests'
 * write counter fails.
 */
export function coalesceWrites(model: ChannelModel): void {
  const connection = (model as unknown as { connection?: { muxer?: { _readIncoming?: unknown }; stream?: { cork?: unknown; uncork?: unknown } } }).connection;
  const muxer = connection?.muxer;
  const stream = connection?.stream as { cork(): void; uncork(): void } | undefined;
  if (muxer === undefined || typeof muxer._readIncoming !== 'function' || typeof stream?.cork !== 'function') return;
  const readIncoming = (muxer._readIncoming as () => void).bind(muxer);
  muxer._readIncoming = () => {
    stream.cork();
    try {
      readIncoming();
    } finally {
      stream.uncork();
    }
  };
}

function decode(raw: ConsumeMessage): BusMessage | undefined {
  const id: unknown = raw.properties.messageId;
  if (typeof id !== 'string') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(raw.content.toString('utf8'));
  } catch {
    return undefined;
  }
  const message: BusMessage = { id, body };
  if (typeof raw.properties.priority === 'number') message.priority = raw.properties.priority;
  return message;
}

function numberHeader(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Acks and nacks on a closed channel throw; the broker redelivers those messages anyway. */
function settleQuietly(action: () => void): void {
  try {
    action();
  } catch {
    // The channel is gone; the message is redelivered elsewhere.
  }
}

function waitForDrain(channel: Channel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    channel.on('drain', done);
    channel.on('close', done);
  });
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 404;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The heartbeat is a URL parameter in amqplib; an explicit one in `url` wins. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
