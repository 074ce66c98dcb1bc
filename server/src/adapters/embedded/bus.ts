/**
 * @module EmbeddedBus: the Bus port on a SQLite table, with group commit, visibility timeouts and
 * delayed, prioritised delivery; several processes may share the file.
 *
 * A delivery is a lease: claiming a message pushes its `available_at` one visibility timeout
 * ahead and stamps it with this instance's id. Ack deletes the row; nack clears the lease and
 * sets `available_at` to now + delay. While a handler runs, a heartbeat keeps pushing the lease
 * ahead; if the process dies the heartbeat stops, the lease runs out and any consumer (this file,
 * another process, or the next start) claims the message again, with its delivery count raised.
 */
import { randomUUID } from 'node:crypto';
import { WeftError } from '@weft/connector-kit';
import { serializeBody, type Bus, type BusMessage, type ConsumeOptions, type Delivery, type DeliveryCommit, type DeliveryHandler, type NackOptions, type PublishOptions, type Subscription } from '../../ports/bus.ts';
import { printError } from '../../engine/stderr-lines.ts';
import { resolveDatabase, type DatabaseSource, type SqliteDatabase } from './open-database.ts';

export type EmbeddedBusOptions = DatabaseSource & {
  /** How long a delivered, unsettled message stays invisible if its process stops (default 30 s). */
  visibilityTimeoutMs?: number;
  /** How often an idle consumer looks for messages written by other processes or coming due (default 100 ms). */
  pollIntervalMs?: number;
  /** Called when a background poll or heartbeat fails; the consumer retries at the next poll. */
  onError?: (error: unknown) => void;
  /**
   * Records processed message ids, synchronously, on this bus's connection: given when the Store
   * shares the database (`openEmbedded`), it gives deliveries a `commit` that publishes, marks
   * processed and acks in one transaction. Without it deliveries have no `commit`.
   */
  markProcessed?: (ids: readonly string[], at: number) => void;
};

export interface EmbeddedBusStats {
  /** Write transactions committed (publishes, acks and nacks of one tick share one). */
  commits: number;
  /** Publish, ack and nack calls those transactions carried. */
  writes: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bus_messages (
    seq INTEGER PRIMARY KEY,
    queue TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    available_at INTEGER NOT NULL,
    delivery_count INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT
  );
  -- Ready messages come first within each priority (available_at ascending), so a claim stops
  -- after reading the rows it takes.
  CREATE INDEX IF NOT EXISTS bus_messages_ready ON bus_messages (queue, priority DESC, available_at, seq);
  CREATE INDEX IF NOT EXISTS bus_messages_lease ON bus_messages (lease_owner) WHERE lease_owner IS NOT NULL;
`;

interface ClaimedRow {
  seq: number;
  id: string;
  body: string;
  priority: number;
  delivery_count: number;
}

/** queue, id, body, priority, available_at */
type Row = readonly [string, string, string, number, number];

interface PendingWrite {
  apply: () => void;
  /** Queues whose consumers should look again once this commits. */
  wakes: string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class EmbeddedBus implements Bus {
  readonly #db: SqliteDatabase;
  readonly #isOwned: boolean;
  readonly #owner = randomUUID();
  readonly #visibilityTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #markProcessed: ((ids: readonly string[], at: number) => void) | undefined;
  readonly #consumers = new Map<string, Set<Consumer>>();
  readonly #statements;
  #pending: PendingWrite[] = [];
  #flushScheduled = false;
  #flushed: Promise<void> = Promise.resolve();
  #heartbeat: NodeJS.Timeout | undefined;
  #inFlight = 0;
  #isAccepting = true;
  #isOpen = true;
  #closing: Promise<void> | undefined;
  #stats: EmbeddedBusStats = { commits: 0, writes: 0 };

  constructor(options: EmbeddedBusOptions) {
    const { db, isOwned } = resolveDatabase(options);
    this.#db = db;
    this.#isOwned = isOwned;
    this.#visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#onError = options.onError ?? ((error) => printError('EmbeddedBus:', error));
    this.#markProcessed = options.markProcessed;
    db.exec(SCHEMA);
    this.#statements = {
      insert: db.prepare<[string, string, string, number, number]>('INSERT INTO bus_messages (queue, id, body, priority, available_at) VALUES (?, ?, ?, ?, ?)'),
      // An ack deletes even if the lease ran out and another consumer holds the message now: the
      // work is done, and that consumer's own ack becomes a no-op (delivery is at least once).
      remove: db.prepare<[number]>('DELETE FROM bus_messages WHERE seq = ?'),
      // Only the lease holder of this very delivery may give it back: a stale nack must not
      // make visible a message that another consumer has claimed since.
      release: db.prepare<[number, number, number, string, number]>(
        'UPDATE bus_messages SET available_at = ?, lease_owner = NULL, delivery_count = delivery_count - ? WHERE seq = ? AND lease_owner = ? AND delivery_count = ?',
      ),
      claim: db.prepare<{ queue: string; now: number; leaseUntil: number; owner: string; limit: number }, ClaimedRow>(`
        UPDATE bus_messages
        SET available_at = @leaseUntil, delivery_count = delivery_count + 1, lease_owner = @owner
        WHERE seq IN (
          SELECT seq FROM bus_messages
          WHERE queue = @queue AND available_at <= @now
          ORDER BY priority DESC, available_at, seq
          LIMIT @limit
        )
        RETURNING seq, id, body, priority, delivery_count`),
      extendLeases: db.prepare<[number, string]>('UPDATE bus_messages SET available_at = ? WHERE lease_owner = ?'),
      depth: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM bus_messages WHERE queue = ? AND (lease_owner IS NULL OR available_at <= ?)'),
      purge: db.prepare<[string, number]>('DELETE FROM bus_messages WHERE queue = ? AND (lease_owner IS NULL OR available_at <= ?)'),
    };
  }

  publish(queue: string, messages: readonly BusMessage[], options: PublishOptions = {}): Promise<void> {
    if (!this.#isAccepting) return Promise.reject(closedError());
    if (messages.length === 0) return Promise.resolve();
    let rows: Row[];
    try {
      rows = this.#rows(queue, messages, options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.#write(() => {
      for (const row of rows) this.#statements.insert.run(...row);
    }, (options.delayMs ?? 0) > 0 ? [] : [queue]);
  }

  /** Serialise now, so a body that cannot be stored (a cycle, a BigInt, too deep) fails its own publish alone. */
  #rows(queue: string, messages: readonly BusMessage[], options: PublishOptions): Row[] {
    const availableAt = Date.now() + Math.max(0, options.delayMs ?? 0);
    return messages.map((m) => [queue, m.id, serializeBody(m.body), clampPriority(m.priority), availableAt] as const);
  }

  /** Deliveries can `holdUntil` (see the Bus port). */
  readonly holdsDeliveries = true;

  /** Whether deliveries may `commit` (the Store shares this database). */
  get canCommit(): boolean {
    return this.#markProcessed !== undefined;
  }

  /** A delivery's publishes, processed ids and ack, in one transaction (one group commit). */
  commit(seq: number, work: DeliveryCommit): Promise<void> {
    const markProcessed = this.#markProcessed;
    if (!this.#isOpen || markProcessed === undefined) return Promise.reject(closedError());
    let rows: Row[];
    try {
      rows = work.publishes.flatMap((batch) => this.#rows(batch.queue, batch.messages, batch.options ?? {}));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const wakes = work.publishes.filter((batch) => (batch.options?.delayMs ?? 0) <= 0).map((batch) => batch.queue);
    return this.#write(() => {
      for (const row of rows) this.#statements.insert.run(...row);
      if (work.processed.ids.length > 0) markProcessed(work.processed.ids, work.processed.at);
      this.#statements.remove.run(seq);
    }, wakes);
  }

  /**
   * A write of another adapter on this connection (the Store's timers and component state), made
   * in the transaction of this tick's group commit; settles once that has committed. Undefined once
   * the Bus is closed: the caller then writes on its own.
   */
  join(apply: () => void): Promise<void> | undefined {
    return this.#isOpen ? this.#write(apply, []) : undefined;
  }

  async consume(queue: string, handler: DeliveryHandler, options: ConsumeOptions = {}): Promise<Subscription> {
    if (!this.#isAccepting) throw closedError();
    const consumer = new Consumer(this, queue, handler, Math.max(1, options.prefetch ?? 16));
    let set = this.#consumers.get(queue);
    if (set === undefined) this.#consumers.set(queue, (set = new Set()));
    set.add(consumer);
    consumer.wake();
    return consumer;
  }

  async depth(queue: string): Promise<number> {
    this.#assertOpen();
    return this.#statements.depth.get(queue, Date.now())?.n ?? 0;
  }

  async purge(queue: string): Promise<void> {
    this.#assertOpen();
    this.#statements.purge.run(queue, Date.now());
  }

  /** Counters for health pages and tests. */
  stats(): EmbeddedBusStats {
    return { ...this.#stats };
  }

  /** Stops consuming, waits for in-flight handlers and pending writes, then closes the file if it opened it. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#isAccepting = false;
    const consumers = [...this.#consumers.values()].flatMap((set) => [...set]);
    await Promise.all(consumers.map((c) => c.cancel()));
    await this.#flushed;
    if (this.#pending.length > 0) this.#flush();
    this.#isOpen = false;
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    if (this.#isOwned) this.#db.close();
  }

  // The consumer side, used by Consumer and EmbeddedDelivery.

  claim(queue: string, limit: number): ClaimedRow[] {
    const now = Date.now();
    const rows = this.#statements.claim.all({ queue, now, leaseUntil: now + this.#visibilityTimeoutMs, owner: this.#owner, limit });
    // RETURNING does not keep the subquery's order.
    return rows.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
  }

  ack(seq: number): Promise<void> {
    if (!this.#isOpen) return Promise.reject(closedError());
    return this.#write(() => this.#statements.remove.run(seq), []);
  }

  nack(queue: string, seq: number, deliveryCount: number, delayMs: number, uncounted = false): Promise<void> {
    if (!this.#isOpen) return Promise.reject(closedError());
    const availableAt = Date.now() + Math.max(0, delayMs);
    return this.#write(() => this.#statements.release.run(availableAt, uncounted ? 1 : 0, seq, this.#owner, deliveryCount), delayMs > 0 ? [] : [queue]);
  }

  forget(queue: string, consumer: Consumer): void {
    this.#consumers.get(queue)?.delete(consumer);
  }

  handlerStarted(): void {
    this.#inFlight += 1;
    if (this.#heartbeat === undefined) {
      this.#heartbeat = setInterval(() => this.#extendLeases(), Math.max(10, Math.floor(this.#visibilityTimeoutMs / 3)));
    }
  }

  handlerFinished(): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0 && this.#heartbeat !== undefined) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  get pollIntervalMs(): number {
    return this.#pollIntervalMs;
  }

  get isConsuming(): boolean {
    return this.#isOpen;
  }

  reportError(error: unknown): void {
    this.#onError(error);
  }

  #extendLeases(): void {
    if (!this.#isOpen) return;
    try {
      this.#statements.extendLeases.run(Date.now() + this.#visibilityTimeoutMs, this.#owner);
    } catch (error) {
      this.#onError(error);
    }
  }

  /**
   * Group commit: every write asked for in the same tick goes into one transaction, and each
   * caller's promise settles once that transaction has committed (or failed).
   */
  #write(apply: () => void, wakes: string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ apply, wakes, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        this.#flushed = new Promise((done) =>
          setImmediate(() => {
            this.#flush();
            done();
          }),
        );
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    try {
      this.#db.transaction(() => {
        for (const write of batch) write.apply();
      })();
    } catch (cause) {
      const error = new WeftError('bus.write_failed', 'The embedded bus could not commit a write', { cause, status: 503 });
      for (const write of batch) write.reject(error);
      return;
    }
    this.#stats.commits += 1;
    this.#stats.writes += batch.length;
    for (const write of batch) write.resolve();
    // Consumers look only after the callers' promises have resolved (they pump in a later
    // macrotask): nothing is delivered before its publish resolves.
    const woken = new Set(batch.flatMap((w) => w.wakes));
    for (const queue of woken) for (const consumer of this.#consumers.get(queue) ?? []) consumer.wake();
  }

  #assertOpen(): void {
    if (!this.#isOpen) throw closedError();
  }
}

class Consumer implements Subscription {
  readonly #bus: EmbeddedBus;
  readonly #queue: string;
  readonly #handler: DeliveryHandler;
  readonly #prefetch: number;
  readonly #running = new Set<Promise<void>>();
  /** Deliveries of `#running` waiting in `holdUntil`: they hold no prefetch slot meanwhile. */
  #held = 0;
  /**
   * Those deliveries by the time they wait for: one promise for all that wait for the same time,
   * so that 10,000 fires held until the same minute cost a count, not a promise chain each.
   */
  readonly #holds = new Map<number, HeldGroup>();
  #isStopped = false;
  #isPumpScheduled = false;
  #poll: NodeJS.Timeout | undefined;
  #cancelled: Promise<void> | undefined;

  constructor(bus: EmbeddedBus, queue: string, handler: DeliveryHandler, prefetch: number) {
    this.#bus = bus;
    this.#queue = queue;
    this.#handler = handler;
    this.#prefetch = prefetch;
  }

  /** Look for messages in a later macrotask, coalescing every wake of this tick into one claim. */
  wake(): void {
    if (this.#isPumpScheduled || this.#isStopped) return;
    this.#isPumpScheduled = true;
    setImmediate(() => {
      this.#isPumpScheduled = false;
      this.#pump();
    });
  }

  cancel(): Promise<void> {
    this.#cancelled ??= this.#stop();
    return this.#cancelled;
  }

  async #stop(): Promise<void> {
    this.#isStopped = true;
    for (const [at, group] of this.#holds) this.#endHold(at, group, false);
    if (this.#poll !== undefined) clearTimeout(this.#poll);
    this.#bus.forget(this.#queue, this);
    await Promise.all(this.#running);
  }

  #pump(): void {
    if (this.#isStopped || !this.#bus.isConsuming) return;
    const room = this.#prefetch - (this.#running.size - this.#held);
    if (room <= 0) return;
    let rows: ClaimedRow[];
    try {
      rows = this.#bus.claim(this.#queue, room);
    } catch (error) {
      this.#bus.reportError(error);
      rows = [];
    }
    for (const row of rows) this.#run(row);
    // A full claim is followed by another as handlers finish; a short one means the queue is
    // drained for now, so wait for a local publish (wake) or the next poll.
    if (rows.length < room && this.#poll === undefined) {
      this.#poll = setTimeout(() => {
        this.#poll = undefined;
        this.#pump();
      }, this.#bus.pollIntervalMs);
    }
  }

  /**
   * A delivery waits until `at` without its slot: the consumer takes more messages meanwhile. Its
   * lease is kept (the heartbeat runs while any handler runs), so no one else is given the message.
   * Every delivery held until the same millisecond shares one timer, and they resume in the order
   * they were held. A consumer that stops ends the wait (false): its handler gives the message
   * back rather than keep the shutdown waiting until the message is due.
   */
  hold(at: number): Promise<boolean> {
    if (this.#isStopped) return Promise.resolve(false);
    if (at <= Date.now()) return Promise.resolve(true);
    let group = this.#holds.get(at);
    if (group === undefined) {
      let end: (isDue: boolean) => void = () => {};
      const until = new Promise<boolean>((resolve) => (end = resolve));
      const made: HeldGroup = { until, end, count: 0 };
      this.#holds.set(at, (group = made));
      void untilTime(at).then(() => this.#endHold(at, made, true));
    }
    group.count += 1;
    this.#held += 1;
    this.wake();
    return group.until;
  }

  #endHold(at: number, group: HeldGroup, isDue: boolean): void {
    if (this.#holds.get(at) !== group) return;
    this.#holds.delete(at);
    this.#held -= group.count;
    group.end(isDue);
  }

  #run(row: ClaimedRow): void {
    const delivery = new EmbeddedDelivery(this.#bus, this, this.#queue, row);
    this.#bus.handlerStarted();
    const run = this.#deliver(delivery).finally(() => {
      this.#running.delete(run);
      this.#bus.handlerFinished();
      this.wake();
    });
    this.#running.add(run);
  }

  async #deliver(delivery: EmbeddedDelivery): Promise<void> {
    try {
      await this.#handler(delivery);
    } catch {
      // A failing handler gets its message back, as if it had nacked.
    }
    if (!delivery.isSettled) await delivery.nack().catch((error: unknown) => this.#bus.reportError(error));
  }
}

class EmbeddedDelivery implements Delivery {
  readonly message: BusMessage;
  readonly deliveryCount: number;
  readonly #bus: EmbeddedBus;
  readonly #consumer: Consumer;
  readonly #queue: string;
  readonly #seq: number;
  #settled: Promise<void> | undefined;
  /** Publish, mark processed and ack in one transaction; only when the Store shares the bus's database. */
  readonly commit?: (work: DeliveryCommit) => Promise<void>;

  constructor(bus: EmbeddedBus, consumer: Consumer, queue: string, row: ClaimedRow) {
    this.#bus = bus;
    this.#consumer = consumer;
    this.#queue = queue;
    this.#seq = row.seq;
    this.deliveryCount = row.delivery_count;
    const body: unknown = JSON.parse(row.body);
    this.message = row.priority > 0 ? { id: row.id, body, priority: row.priority } : { id: row.id, body };
    if (bus.canCommit) {
      // Settles the delivery like an ack: a later ack or nack returns this outcome. A commit that
      // failed settled nothing, so the handler may still give the message back with a nack.
      this.commit = (work) => {
        if (this.#settled !== undefined) return this.#settled;
        const committing = bus.commit(this.#seq, work);
        this.#settled = committing;
        return committing.catch((error: unknown) => {
          if (this.#settled === committing) this.#settled = undefined;
          throw error;
        });
      };
    }
  }

  get isSettled(): boolean {
    return this.#settled !== undefined;
  }

  holdUntil(at: number): Promise<boolean> {
    return this.#consumer.hold(at);
  }

  /** The first ack or nack wins; later calls return its outcome. */
  ack(): Promise<void> {
    this.#settled ??= this.#bus.ack(this.#seq);
    return this.#settled;
  }

  nack(options: NackOptions = {}): Promise<void> {
    this.#settled ??= this.#bus.nack(this.#queue, this.#seq, this.deliveryCount, options.delayMs ?? 0, options.uncounted === true);
    return this.#settled;
  }
}

/** Deliveries of one consumer held until the same time: they resume together, in the order they were held. */
interface HeldGroup {
  until: Promise<boolean>;
  end: (isDue: boolean) => void;
  count: number;
}

/** One timer per millisecond waited for, however many deliveries wait for it. */
const timesWaitedFor = new Map<number, Promise<void>>();

function untilTime(at: number): Promise<void> {
  let waiting = timesWaitedFor.get(at);
  if (waiting === undefined) {
    waiting = new Promise<void>((resolve) => {
      // A timer may run a millisecond before the clock reads `at`: never resolve early.
      const check = () => {
        const left = at - Date.now();
        if (left > 0) {
          setTimeout(check, left);
          return;
        }
        timesWaitedFor.delete(at);
        resolve();
      };
      setTimeout(check, Math.max(0, at - Date.now()));
    });
    timesWaitedFor.set(at, waiting);
  }
  return waiting;
}

function clampPriority(priority: number | undefined): number {
  if (priority === undefined || !Number.isFinite(priority)) return 0;
  return Math.min(9, Math.max(0, Math.round(priority)));
}

function closedError(): WeftError {
  return new WeftError('bus.closed', 'The embedded bus is closed', { status: 503 });
}
