import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-schedule.ts';

const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };

describe('the backoff schedule', () => {
  it('doubles the delay with each failed attempt', () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, noJitter))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits past the maximum', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(60_000);
  });

  it('spreads retries between half and all of the exponential delay', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(seen.size).toBeGreaterThan(1);
    for (const delay of seen) expect(delay).toBeGreaterThanOrEqual(2000);
  });
});
