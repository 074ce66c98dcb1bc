/** @module Scheduler: fires durable timers (Wait, Scheduler, tick) by publishing their messages. */
import { randomUUID } from 'node:crypto';
import type { SchedulerDeps } from './engine-core.ts';
import type { BusMessage } from '../ports/bus.ts';
import { EngineMessage } from './message.ts';

const LEASE_MS = 30_000;
/** One scheduler fires timers at a time; if it dies, another takes over once this runs out. */
const LEADER_LEASE = 'scheduler:leader';
const LEADER_MS = 5000;
/** Timers claimed and published together. */
export const FIRE_BATCH = 500;
/**
 * How far ahead of its due time a timer is published where the Bus can hold deliveries (embedded):
 * its message carries `notBefore`, the worker prepares its run and holds it, and at the due time
 * only the receives remain. 10,000 fires due at the same minute took ~5–10 s to prepare on a loaded 2-core machine.
 */
export const DEFAULT_LOOKAHEAD_MS = 10_000;

/**
 * Most fires this scheduler keeps published ahead of their due time at once. Each is a run prepared
 * and held in a worker's memory until due (~6 KB of heap each, ~9 KB before 2026-12-05): beyond this
 * many, timers are published when due, as without lookahead, so 100,000 flows on one minute cannot
 * hold 100,000 runs in memory.
 */
export const MAX_AHEAD = 10_000;

export class Scheduler {
  readonly #owner = randomUUID();
  /** Due times of the fires this scheduler published ahead that are not due yet (see MAX_AHEAD). */
  #ahead: number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = true;

  constructor(
    private readonly engine: SchedulerDeps,
    private readonly pollMs: number,
    /** 0: publish each timer only once due. Used only where `bus.holdsDeliveries`. */
    private readonly lookaheadMs = DEFAULT_LOOKAHEAD_MS,
    private readonly maxAhead = MAX_AHEAD,
  ) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    // Hand over at once rather than after the lease runs out.
    await this.engine.store.releaseLease(LEADER_LEASE, this.#owner).catch((error: unknown) => this.engine.reportError(error));
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.fireDue()
        .catch((error: unknown) => this.engine.reportError(error))
        .then((count) => this.#schedule(count === FIRE_BATCH ? 0 : this.pollMs));
    }, delayMs);
  }

  /**
   * Fires every due timer once (up to `FIRE_BATCH` per call); returns how many it claimed. What the
   * claimed timers carry is published in one Bus call per queue, not one per timer: 10,000 flows
   * scheduled for the same minute are 20 publishes, not 10,000. Only once the Bus has them are the
   * timers re-armed or deleted; if the publish fails, the claims run out and the timers fire again
   * (same message ids, so nothing runs twice).
   *
   * Where the Bus holds deliveries, a timer due within `lookaheadMs` is published now: a message
   * with `notBefore` (its due time), which the dispatcher prepares and holds until then; a tick, delayed
   * until then. Durability is the Bus's, as for any message: the timer row goes only once the Bus has it.
   */
  async fireDue(): Promise<number> {
    const { store } = this.engine;
    const now = this.engine.now();
    if (!(await store.acquireLease(LEADER_LEASE, this.#owner, LEADER_MS, now))) return 0;
    if (this.#ahead.length > 0) this.#ahead = this.#ahead.filter((at) => at > now);
    const ahead = this.engine.bus.holdsDeliveries === true && this.#ahead.length < this.maxAhead ? this.lookaheadMs : 0;
    const due = await store.claimDueTimers(now + ahead, FIRE_BATCH, this.#owner, LEASE_MS);
    const byQueue = new Map<string, BusMessage[]>();
    const delayed: { queue: string; message: BusMessage; delayMs: number }[] = [];
    const rearm: (() => Promise<unknown>)[] = [];
    const deletes: string[] = [];
    // With a single queue a timer's message goes there whatever its component's type: only ticks
    // need their flow (to re-arm), so 10,000 Scheduler fires read no flow here.
    const routesByType = this.engine.queues.queues.length > 1;
    for (const timer of due) {
      const parsed = EngineMessage.safeParse(timer.body);
      if (!parsed.success) {
        deletes.push(timer.id);
        continue;
      }
      const early = timer.dueAt - now;
      const message = early > 0 && parsed.data.type === 'deliver' ? { ...parsed.data, notBefore: timer.dueAt } : parsed.data;
      // A cancelled run's timers never fire.
      if (this.engine.cancelled.has(message.correlationId)) {
        deletes.push(timer.id);
        continue;
      }
      // Held by a worker until due (a tick waits in the Bus's delayed rows instead, not in memory).
      if (early > 0 && message.type === 'deliver') this.#ahead.push(timer.dueAt);
      const flow = routesByType || message.type === 'tick' ? await this.engine.flows.get(message.flowId, message.test === true) : undefined;
      for (const batch of this.engine.planPublish(flow, [message])) {
        if (early > 0 && message.type === 'tick') {
          for (const busMessage of batch.messages) delayed.push({ queue: batch.queue, message: busMessage, delayMs: early });
          continue;
        }
        const list = byQueue.get(batch.queue);
        if (list) list.push(...batch.messages);
        else byQueue.set(batch.queue, [...batch.messages]);
      }
      const component = message.type === 'tick' ? flow?.descriptor[message.componentId] : undefined;
      const interval = component ? this.engine.components.manifest(component.type)?.tick : undefined;
      if (message.type === 'tick' && flow?.record.stage === 'running' && !flow.ownerDisabled && interval) {
        // Re-arm the next tick: same timer id, fresh message and run; an interval after this one is due.
        rearm.push(() => store.putTimer({ ...timer, dueAt: Math.max(timer.dueAt, this.engine.now()) + interval, body: { ...message, id: randomUUID(), correlationId: randomUUID() } }));
      } else {
        deletes.push(timer.id);
      }
    }
    await Promise.all([
      ...[...byQueue].map(([queue, messages]) => this.engine.bus.publish(queue, messages)),
      ...delayed.map(({ queue, message, delayMs }) => this.engine.bus.publish(queue, [message], { delayMs })),
    ]);
    for (const settle of rearm) await settle();
    // One Store call for the batch: a delete (and commit) per timer cost more than its publish.
    if (deletes.length > 0) await store.deleteTimers(deletes);
    return due.length;
  }
}
