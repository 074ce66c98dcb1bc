/** @module Poller: runs `refresh` every so often (never two at once), and lets `stop` wait for the one in progress. */

export class Poller {
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling: Promise<void> = Promise.resolve();
  #isBusy = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts polling every `pollMs` (once; a second call does nothing). The timer does not keep the process alive. */
  start(pollMs: number): void {
    this.#timer ??= setInterval(() => {
      if (this.#isBusy) return;
      this.#isBusy = true;
      this.#polling = this.refresh().catch((error: unknown) => this.onError(error)).finally(() => (this.#isBusy = false));
    }, pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
  }
}
