/** @module Held responses: webhook requests waiting for a Response component of their run. */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Waiter {
  resolve(answer: HttpAnswer): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * In-process: the API that holds the request and the worker that runs Response are the same
 * process (`weft start`). The first answer for a correlation id wins; later ones are ignored.
 */
export class HeldResponses {
  readonly #waiters = new Map<string, Waiter>();

  hold(correlationId: string, timeoutMs: number, onTimeout: () => HttpAnswer): Promise<HttpAnswer> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(correlationId);
        resolve(onTimeout());
      }, timeoutMs);
      this.#waiters.set(correlationId, { resolve, timer });
    });
  }

  /** True if a held request was answered. */
  answer(correlationId: string, answer: HttpAnswer): boolean {
    const waiter = this.#waiters.get(correlationId);
    if (!waiter) return false;
    this.#waiters.delete(correlationId);
    clearTimeout(waiter.timer);
    waiter.resolve(answer);
    return true;
  }

  release(correlationId: string): void {
    const waiter = this.#waiters.get(correlationId);
    if (waiter) clearTimeout(waiter.timer);
    this.#waiters.delete(correlationId);
  }

  get size(): number {
    return this.#waiters.size;
  }
}
