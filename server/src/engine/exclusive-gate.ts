/**
 * @module Exclusive gate: lets most runs share the process, and one run have it alone.
 *
 * The dispatcher runs a redelivered message alone, so that when the process dies during that run
 * the message is known to be the one that killed it, and no innocent message that happened to run
 * beside it is counted as a crash. New runs wait while an exclusive run waits or runs.
 */
export class ExclusiveGate {
  #running = 0;
  #isExclusive = false;
  #exclusiveWaiting = 0;
  #waiters: (() => void)[] = [];

  async enter(exclusive: boolean): Promise<void> {
    if (exclusive) {
      this.#exclusiveWaiting += 1;
      while (this.#isExclusive || this.#running > 0) await this.#wait();
      this.#exclusiveWaiting -= 1;
      this.#isExclusive = true;
    } else {
      while (this.#isExclusive || this.#exclusiveWaiting > 0) await this.#wait();
    }
    this.#running += 1;
  }

  leave(exclusive: boolean): void {
    this.#running -= 1;
    if (exclusive) this.#isExclusive = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
