/** @module Held responses: webhook requests waiting for a Response component of their run. */
import { ShareTally } from './run-share.ts';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Waiter {
  resolve(answer: HttpAnswer): void;
  timer: ReturnType<typeof setTimeout>;
  shares: ShareTally;
}

/** The answer of a run that ended, every branch of it, without a Response component answering. */
export const ENDED_WITHOUT_RESPONSE: HttpAnswer = { status: 204, headers: {}, body: null };

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
      this.#waiters.set(correlationId, { resolve, timer, shares: new ShareTally() });
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

  /**
   * A branch of a held run ended: true if this process holds the request (whether or not that
   * completed the run, which then answers 204).
   */
  settle(correlationId: string, messageId: string, share: string): boolean {
    const waiter = this.#waiters.get(correlationId);
    if (!waiter) return false;
    if (waiter.shares.add(messageId, share)) this.answer(correlationId, ENDED_WITHOUT_RESPONSE);
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
