/**
 * @module Loop slices: long work on the event loop (starting a big flow's components, indexing it,
 * a long fused chain) cut into slices of a few ms, with a turn of the event loop between them, so
 * that `/health` and every other request go on being answered meanwhile. A small flow fits in one
 * slice and never waits. The one home of the engine's yield and of its cadences.
 */

/** How long one slice may hold the event loop (ms); keeps each wait others see well under 20 ms. Tests set 0: a turn after every item. */
export const loopSlicing = { sliceMs: 8 };

/** How long a fused chain, and the log records a delivery files after its commit, run before the event loop takes its turn (ms). */
export const YIELD_EVERY_MS = 5;

/**
 * Resolves once the event loop has read the sockets ready meanwhile (and run its timers). One
 * `setImmediate` is not enough from a request's or a socket's callback: those run in the loop's
 * poll phase and the immediate in the check phase right after it, before any other socket is
 * read, so a `/health` that came in meanwhile still waited for both halves of the work. An
 * immediate queued from the check phase runs only in the next turn, after its timers and poll.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

export class LoopSlices {
  #since = performance.now();
  #yields = 0;

  constructor(private readonly sliceMs = loopSlicing.sliceMs) {}

  /** A new slice starts now (work that waited on something else starts its budget afresh). */
  restart(): void {
    this.#since = performance.now();
  }

  /** Turns of the event loop given so far. */
  get yields(): number {
    return this.#yields;
  }

  /**
   * Once the current slice has run `sliceMs`: a promise of the next turn of the event loop (after
   * the I/O waiting meanwhile), to await before going on. Before that: undefined, go on at once.
   */
  due(): Promise<void> | undefined {
    if (performance.now() - this.#since < this.sliceMs) return undefined;
    this.#yields++;
    return yieldToEventLoop().then(() => {
      this.#since = performance.now();
    });
  }
}
