/** @module Scheduler: fires durable timers (Wait, Scheduler, tick) by publishing their messages. */
import { randomUUID } from 'node:crypto';
import type { SchedulerDeps } from './engine-core.ts';
import { EngineMessage } from './message.ts';

const LEASE_MS = 30_000;
/** One scheduler fires timers at a time; if it dies, another takes over once this runs out. */
const LEADER_LEASE = 'scheduler:leader';
const LEADER_MS = 5000;

export class Scheduler {
  readonly #owner = randomUUID();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = true;

  constructor(
    private readonly engine: SchedulerDeps,
    private readonly pollMs: number,
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
        .then((count) => this.#schedule(count === 100 ? 0 : this.pollMs));
    }, delayMs);
  }

  /** Fires every due timer once; returns how many it fired. */
  async fireDue(): Promise<number> {
    const { store } = this.engine;
    if (!(await store.acquireLease(LEADER_LEASE, this.#owner, LEADER_MS, this.engine.now()))) return 0;
    const due = await store.claimDueTimers(this.engine.now(), 100, this.#owner, LEASE_MS);
    for (const timer of due) {
      const parsed = EngineMessage.safeParse(timer.body);
      if (!parsed.success) {
        await store.deleteTimer(timer.id);
        continue;
      }
      const message = parsed.data;
      // A cancelled run's timers never fire.
      if (this.engine.cancelled.has(message.correlationId)) {
        await store.deleteTimer(timer.id);
        continue;
      }
      const flow = await this.engine.flows.get(message.flowId, message.test === true);
      await this.engine.publishMessages(flow, [message]);
      if (message.type === 'tick') {
        // Re-arm the next tick: same timer id, fresh message and run.
        const component = flow?.descriptor[message.componentId];
        const interval = component ? this.engine.components.manifest(component.type)?.tick : undefined;
        if (flow?.record.stage === 'running' && !flow.ownerDisabled && interval) {
          await store.putTimer({ ...timer, dueAt: this.engine.now() + interval, body: { ...message, id: randomUUID(), correlationId: randomUUID() } });
          continue;
        }
      }
      await store.deleteTimer(timer.id);
    }
    return due.length;
  }
}
