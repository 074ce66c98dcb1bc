/** @module Claim once: an atomic "first one wins" on component state, safe under concurrent and repeated deliveries. */
import type { StateApi } from '@weft/connector-kit';

/**
 * True for exactly one `owner` per `key`: the first to arrive. A redelivery of the same owner
 * (same message id after a failed attempt) gets true again, so its retry can finish the job.
 */
export async function claimOnce(state: StateApi, key: string, owner: string): Promise<boolean> {
  if ((await state.increment(`${key}:n`)) === 1) {
    await state.set(`${key}:owner`, owner);
    return true;
  }
  return (await state.get<string>(`${key}:owner`)) === owner;
}

/** Forget a claim (when its correlation is done). */
export async function forgetClaim(state: StateApi, key: string): Promise<void> {
  await state.unset(`${key}:n`);
  await state.unset(`${key}:owner`);
}
