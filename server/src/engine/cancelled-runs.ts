/**
 * @module Cancelled runs: the correlation ids people cancelled, held in memory so that the
 * dispatcher and the scheduler drop a cancelled run's messages and timers without a Store read
 * per delivery.
 *
 * Each cancellation takes the next number of an atomic counter and is stored under it, so two
 * processes cancelling at once never overwrite each other. Every process polls the counter (one
 * small read per poll) and reads only the numbers it has not seen; the process that cancels knows
 * at once, the others within a poll.
 */
import type { ComponentStateStore } from '../ports/store.ts';

const SCOPE = 'engine:cancelled-runs';
const COUNTER = 'engine:cancelled-runs-count';

interface Cancellation {
  correlationId: string;
  userId: string;
  at: number;
}

export class CancelledRuns {
  readonly #ids = new Set<string>();
  #seen = 0;
  #refreshing: Promise<void> | undefined;

  constructor(private readonly store: ComponentStateStore) {}

  has(correlationId: string): boolean {
    return this.#ids.size > 0 && this.#ids.has(correlationId);
  }

  /** Stores the cancellation; this process drops the run's messages from now on. */
  async cancel(correlationId: string, userId: string, at: number): Promise<void> {
    this.#ids.add(correlationId);
    const n = await this.store.stateIncrement(COUNTER, 'n', 1);
    await this.store.stateSet(SCOPE, String(n), { correlationId, userId, at } satisfies Cancellation);
  }

  /** Reads the cancellations other processes stored since the last refresh. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const count = await this.store.stateGet(COUNTER, 'n');
    const last = typeof count === 'number' ? count : 0;
    for (let n = this.#seen + 1; n <= last; n += 1) {
      const value = (await this.store.stateGet(SCOPE, String(n))) as Partial<Cancellation> | undefined;
      // The counter moves before the entry is written: an entry not there yet is read next time.
      if (typeof value?.correlationId !== 'string') return;
      this.#ids.add(value.correlationId);
      this.#seen = n;
    }
  }
}
