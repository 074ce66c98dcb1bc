/**
 * @module Login limiter: failed logins per email and per client address in fixed windows, counted
 * in the Store (atomic state counters) so that every API process shares them.
 *
 * Each attempt counts as a failure before its password is checked, and is given back when it
 * succeeds: parallel guesses cannot slip past the limit while their hashes are being computed.
 */
import { WeftError } from '@weft/connector-kit';
import type { ComponentStateStore } from '../ports/store.ts';

export interface LoginLimits {
  perEmail: number;
  perAddress: number;
  windowMs: number;
}

const SCOPE = 'auth:login-failures:';
/** Where the first window not yet cleared is kept, so counters of past windows never pile up. */
const CLEARED = { scope: 'auth:login-failures-cleared', key: 'next' };
/** At most this many past windows are cleared in one pass (about 100 days of 15-minute windows). */
const MAX_CLEAR = 10_000;

export interface LoginAttempt {
  /** The password was right: this attempt is not a failure. */
  succeeded(): Promise<void>;
}

export class LoginLimiter {
  #clearing: Promise<void> | undefined;
  #clearedFor = -1;

  constructor(
    private readonly store: ComponentStateStore,
    private readonly limits: LoginLimits,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; throws 429 `auth.rate_limited` if the email or the address has failed too often in this window. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const now = this.now();
    const window = Math.floor(now / this.limits.windowMs);
    this.#forgetPastWindows(window);
    const scope = `${SCOPE}${window};`;
    const counters = [
      { key: `email:${email}`, limit: this.limits.perEmail },
      { key: `address:${address}`, limit: this.limits.perAddress },
    ];
    const counts = await Promise.all(counters.map(({ key }) => this.store.stateIncrement(scope, key, 1)));
    const giveBack = async () => {
      await Promise.all(counters.map(({ key }) => this.store.stateIncrement(scope, key, -1)));
    };
    if (counts.some((count, i) => count > counters[i]!.limit)) {
      await giveBack();
      const retryAfterMs = (window + 1) * this.limits.windowMs - now;
      throw new WeftError('auth.rate_limited', `Too many failed logins; try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`, {
        status: 429, retry: 'retry', details: { retryAfterMs },
      });
    }
    return { succeeded: giveBack };
  }

  /**
   * Once per window and process, in the background: drop the counters of the windows before the
   * previous one (an attempt begun in the previous window may still give its count back there).
   */
  #forgetPastWindows(window: number): void {
    if (this.#clearedFor === window) return;
    this.#clearedFor = window;
    const until = window - 1;
    this.#clearing = (this.#clearing ?? Promise.resolve()).then(async () => {
      const stored = await this.store.stateGet(CLEARED.scope, CLEARED.key);
      // A new installation has nothing to clear: start counting from here.
      const from = typeof stored === 'number' ? Math.max(stored, until - MAX_CLEAR) : until;
      for (let past = from; past < until; past++) await this.store.stateClear(`${SCOPE}${past};`);
      if (typeof stored !== 'number' || from < until) await this.store.stateSet(CLEARED.scope, CLEARED.key, until);
    }).catch(this.onError);
  }

  /** Tests and shutdown: wait for a clearing pass in progress. */
  async idle(): Promise<void> {
    await this.#clearing;
  }
}
