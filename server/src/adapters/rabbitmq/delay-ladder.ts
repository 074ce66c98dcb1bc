/** @module Delay ladder: splits a requested delay into hops through fixed-TTL delay queues. */

/**
 * TTLs of the delay queues, one queue per step and target queue. A fixed ladder keeps the number
 * of queues bounded (jittered backoffs would otherwise declare a queue per distinct delay), and a
 * queue-level TTL keeps every queue FIFO in expiry order, which per-message TTLs do not.
 */
export const DELAY_LADDER_MS = [
  100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000,
] as const;

/** How much later than asked a single hop may deliver before we prefer two shorter hops. */
const MAX_OVERSHOOT = 0.25;

export interface DelayHop {
  /** TTL of the delay queue to go through now. */
  stepMs: number;
  /** Delay still owed when the message comes back from that queue (0: deliver it). */
  restMs: number;
}

/**
 * The next hop for `delayMs`, or undefined when nothing is owed. Rounds up to the next step when
 * that is at most 25 % late (or the delay is below the smallest step); otherwise takes the largest
 * step that fits and carries the rest to another hop, so 61 s is 60 s + 1 s, not 2 min.
 */
export function planDelayHop(delayMs: number): DelayHop | undefined {
  const delay = Math.ceil(delayMs);
  if (!(delay > 0)) return undefined;
  const smallest = DELAY_LADDER_MS[0];
  const up = DELAY_LADDER_MS.find((step) => step >= delay);
  if (up !== undefined && (delay <= smallest || up <= delay * (1 + MAX_OVERSHOOT))) return { stepMs: up, restMs: 0 };
  const down = DELAY_LADDER_MS.findLast((step) => step <= delay) ?? smallest;
  return { stepMs: down, restMs: delay - down };
}
