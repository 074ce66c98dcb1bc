/** @module Processed ids: batches the idempotency marks and checks of concurrent deliveries into one Store call each. */
import type { RunStateStore } from '../ports/store.ts';

interface Waiting<T> {
  ids: string[];
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Every delivery checks its id before running and marks it after publishing. Deliveries in
 * flight together (up to the prefetch) share one `findProcessed` and one `markProcessed` per
 * turn of the event loop, so the Store sees one transaction where it would have seen dozens.
 * Each caller still waits for its own mark to be stored before it acks.
 */
export class ProcessedIds {
  #marks: Waiting<void>[] = [];
  #checks: Waiting<Set<string>>[] = [];
  #isMarkScheduled = false;
  #isCheckScheduled = false;

  constructor(
    private readonly store: RunStateStore,
    private readonly now: () => number,
  ) {}

  has(id: string): Promise<boolean> {
    return new Promise<Set<string>>((resolve, reject) => {
      this.#checks.push({ ids: [id], resolve, reject });
      if (!this.#isCheckScheduled) {
        this.#isCheckScheduled = true;
        setImmediate(() => void this.#check());
      }
    }).then((found) => found.has(id));
  }

  mark(id: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#marks.push({ ids: [id], resolve, reject });
      if (!this.#isMarkScheduled) {
        this.#isMarkScheduled = true;
        setImmediate(() => void this.#mark());
      }
    });
  }

  async #check(): Promise<void> {
    this.#isCheckScheduled = false;
    const batch = this.#checks;
    this.#checks = [];
    try {
      const found = await this.store.findProcessed(batch.flatMap((w) => w.ids));
      for (const waiting of batch) waiting.resolve(found);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  async #mark(): Promise<void> {
    this.#isMarkScheduled = false;
    const batch = this.#marks;
    this.#marks = [];
    try {
      await this.store.markProcessed(batch.flatMap((w) => w.ids), this.now());
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
