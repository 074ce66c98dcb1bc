/** @module Queue routing: which Bus queue carries the messages of each component type. */
import { MESSAGES_QUEUE } from './message.ts';

/** Messages for component types matching one of `patterns` travel on `queue`. */
export interface QueueRoute {
  queue: string;
  /** Exact type names or globs where `*` matches any run of characters: `acme.*`. */
  patterns: readonly string[];
}

/** What a worker consumes: a queue and how many of its deliveries it holds at once. */
export interface QueueConsumer {
  queue: string;
  prefetch?: number;
}

/**
 * Routes are tried in order and the first match wins; a type no route matches stays on
 * `messages`, so with no routes at all every message travels on `messages`, as before.
 */
export class QueueRouting {
  readonly #routes: { queue: string; matches: RegExp }[];
  /** Component types are few and looked up per message: remember each answer. */
  readonly #byType = new Map<string, string>();

  constructor(routes: readonly QueueRoute[] = []) {
    this.#routes = routes.flatMap(({ queue, patterns }) => patterns.map((pattern) => ({ queue, matches: typePattern(pattern) })));
  }

  /** Every queue a message may travel on: `messages` first, then the routed ones in order. */
  get queues(): string[] {
    return [...new Set([MESSAGES_QUEUE, ...this.#routes.map((route) => route.queue)])];
  }

  /** The queue for a message to a component of `componentType` (unknown type: `messages`). */
  queueFor(componentType: string | undefined): string {
    if (componentType === undefined || this.#routes.length === 0) return MESSAGES_QUEUE;
    let queue = this.#byType.get(componentType);
    if (queue === undefined) {
      queue = this.#routes.find((route) => route.matches.test(componentType))?.queue ?? MESSAGES_QUEUE;
      this.#byType.set(componentType, queue);
    }
    return queue;
  }
}

function typePattern(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/** A queue name Weft may declare: short, and never one of its own non-message queues. */
export const QUEUE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const RESERVED = new Set(['logs', 'replies', 'dead-letter']);

/**
 * Parses `WEFT_QUEUES`: `http=weft.utils.http.Request;slow=acme.*,other.Slow`. Returns the
 * routes, or the first problem in words.
 */
export function parseQueueRoutes(spec: string): { ok: true; value: QueueRoute[] } | { ok: false; error: string } {
  const routes: QueueRoute[] = [];
  for (const entry of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name = '', patterns = '', ...extra] = entry.split('=').map((s) => s.trim());
    const list = patterns.split(',').map((s) => s.trim()).filter(Boolean);
    if (extra.length > 0 || list.length === 0) return { ok: false, error: `"${entry}" is not queue=type-pattern[,type-pattern…]` };
    if (!QUEUE_NAME.test(name) || RESERVED.has(name)) return { ok: false, error: `"${name}" is not a usable queue name (a-z, 0-9, _ and -; not logs, replies or dead-letter)` };
    if (name === MESSAGES_QUEUE) return { ok: false, error: `"${MESSAGES_QUEUE}" already takes every type no route names; route types to another queue` };
    if (routes.some((route) => route.queue === name)) return { ok: false, error: `queue "${name}" is named twice; list its patterns once, separated by commas` };
    routes.push({ queue: name, patterns: list });
  }
  return { ok: true, value: routes };
}

/** Parses `WEFT_WORKER_QUEUES`: `messages:64,http:8` (a queue without `:n` takes the default prefetch). */
export function parseQueueConsumers(spec: string): { ok: true; value: QueueConsumer[] } | { ok: false; error: string } {
  const consumers: QueueConsumer[] = [];
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [queue = '', prefetch, ...extra] = entry.split(':').map((s) => s.trim());
    const count = prefetch === undefined ? undefined : Number(prefetch);
    if (extra.length > 0 || !QUEUE_NAME.test(queue) || (count !== undefined && !(Number.isInteger(count) && count > 0))) {
      return { ok: false, error: `"${entry}" is not queue or queue:prefetch (a positive whole number)` };
    }
    consumers.push(count === undefined ? { queue } : { queue, prefetch: count });
  }
  return { ok: true, value: consumers };
}
