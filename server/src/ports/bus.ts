/** @module Bus port: durable queues with publish-after-confirm, manual ack and delayed delivery. */
import { WeftError } from '@weft/connector-kit';

/** What travels on the Bus. `id` is the engine's deterministic message id; `body` is JSON. */
export interface BusMessage {
  id: string;
  body: unknown;
  /** 0 (default) … 9; adapters that cannot prioritise ignore it. */
  priority?: number;
}

/**
 * A body as JSON text, or `bus.unserializable` (never retried: the same body fails every time) for
 * a cycle, a BigInt, or a value nested so deep that JSON.stringify overflows the stack. Adapters
 * serialise a whole batch before publishing any of it, so one such body fails its publish alone.
 */
export function serializeBody(body: unknown): string {
  try {
    return JSON.stringify(body ?? null);
  } catch (cause) {
    const tooDeep = cause instanceof RangeError && /call stack/i.test(cause.message);
    const message = tooDeep ? 'A message nests arrays and objects too deeply to be sent on' : 'A message body is not JSON-serialisable';
    throw new WeftError('bus.unserializable', message, { retry: 'never', status: 400, cause });
  }
}

export interface PublishOptions {
  /** Deliver no earlier than this many milliseconds from now (retries, Wait, quotas). */
  delayMs?: number;
}

/** Messages for one queue. */
export interface PublishBatch {
  queue: string;
  messages: readonly BusMessage[];
  options?: PublishOptions;
}

/** Everything a delivery's handler leaves done: what it publishes and the message ids it processed. */
export interface DeliveryCommit {
  publishes: readonly PublishBatch[];
  /** Ids to record as processed in the Store (its `markProcessed`), at time `at`. */
  processed: { ids: readonly string[]; at: number };
}

export interface NackOptions {
  delayMs?: number;
  uncounted?: boolean;
}

export interface Delivery {
  readonly message: BusMessage;
  /**
   * 1 on first delivery; more when the adapter redelivers after a crash, a lease that ran out or a
   * counted nack. The dispatcher parks a message delivered too many times (a poison message).
   */
  readonly deliveryCount: number;
  /** Remove the message for good. Call only after everything it caused is published. */
  ack(): Promise<void>;
  /**
   * Give the message back for redelivery (to any consumer), after `delayMs` if given. With
   * `uncounted`, this delivery does not add to the next one's `deliveryCount`: the handler gave the
   * message back on purpose (its store was down, its user is over a cap), it did not die on it.
   */
  nack(options?: NackOptions): Promise<void>;
  /**
   * Optional: publish, mark processed and ack in one atomic step (an adapter sharing its database
   * with the Store: one transaction). Absent, the caller publishes, marks, then acks.
   */
  readonly commit?: (work: DeliveryCommit) => Promise<void>;
  /**
   * Optional: the message was made for this delivery and never stored (a webhook call run in its
   * request, engine/inline-delivery.ts), so no earlier run of it can exist to be deduplicated.
   */
  readonly isNew?: boolean;
  /**
   * Optional: wait until `at` (epoch ms) without taking one of the consumer's prefetch slots, the
   * message still leased to this delivery. A timer's message published ahead of its due time
   * waits here, its run prepared, so that thousands of fires due at once all start on time
   * (engine/scheduler.ts, "Timers ahead of time" in the engine README). Resolves true once due,
   * false if the consumer is stopping first: the handler should then give the message back (nack).
   */
  holdUntil?(at: number): Promise<boolean>;
}

export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export interface ConsumeOptions {
  /** Deliveries in flight at once for this consumer (default 16). */
  prefetch?: number;
  /**
   * The queue's messages are worth nothing once this consumer is gone (the answers to the requests
   * an API process holds): an adapter may remove each as it delivers it (RabbitMQ: `noAck`), so
   * `ack` and `nack` may do nothing and a message whose handler was running when the process died
   * is lost. Never for work that must survive a crash.
   */
  disposable?: boolean;
}

export interface Subscription {
  /** Stop taking new deliveries; resolves when in-flight handlers have finished. */
  cancel(): Promise<void>;
}

export interface Bus {
  /**
   * Resolves only once every message is durably stored (embedded: committed; RabbitMQ: confirmed).
   * Rejects if any was not; the caller must then treat the publish as failed. The one exception is
   * RabbitMQ's reply queues (`replies.*`, answers to held requests): in memory, and resolved once
   * written (adapters/rabbitmq/bus.ts, `#publishDisposable`).
   */
  publish(queue: string, messages: readonly BusMessage[], options?: PublishOptions): Promise<void>;
  consume(queue: string, handler: DeliveryHandler, options?: ConsumeOptions): Promise<Subscription>;
  /** Messages waiting (ready or delayed) in a queue, for tests, health and drain. */
  depth(queue: string): Promise<number>;
  /** Delete every message of a queue (tests and admin). */
  purge(queue: string): Promise<void>;
  close(): Promise<void>;
  /** Its deliveries can `holdUntil`: the scheduler may then publish timers ahead of their due time. */
  readonly holdsDeliveries?: boolean;
}
