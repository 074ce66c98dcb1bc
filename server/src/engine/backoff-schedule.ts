/** @module Backoff schedule: how long to wait before the next attempt of a failed message. */

export interface BackoffPolicy {
  /** Delay before the second attempt. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
  /** Attempts in all, the first included, before the message becomes unprocessed. */
  maxAttempts: number;
}

/**
 * Exponential with "equal jitter": half the exponential delay is fixed, the other half random,
 * so retries of many messages that failed together spread out instead of stampeding.
 * `attempt` is the attempt that just failed (1 = the first).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
