/**
 * @module Loop slices: work over every component of a big flow (starting it, indexing it) cut into
 * slices of a few ms, with a turn of the event loop between them, so that `/health` and every
 * other request go on being answered meanwhile. A small flow fits in one slice and never waits.
 */

/** How long one slice may hold the event loop (ms); keeps each wait others see well under 20 ms. Tests set 0: a turn after every item. */
export const loopSlicing = { sliceMs: 8 };

export class LoopSlices {
  #since = performance.now();
  #yields = 0;

  constructor(private readonly sliceMs = loopSlicing.sliceMs) {}

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
    return new Promise((resolve) => setImmediate(() => {
      this.#since = performance.now();
      resolve();
    }));
  }
}
