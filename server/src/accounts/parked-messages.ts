/**
 * @module Parked messages of an account: when an account turns valid again (reconnected), the
 * messages parked because it was invalid (`account.invalid` at a component naming it) go back to
 * the Bus, as a person pressing "retry" on each would.
 */
import type { Store } from '../ports/store.ts';

export interface ParkedRetrier {
  readonly store: Store;
  retryUnprocessed(id: string, userId: string | undefined): Promise<string>;
}

/** Retries `userId`'s messages parked with `account.invalid` at a component whose `account` is `accountId`; resolves to how many. */
export async function retryParkedFor(engine: ParkedRetrier, userId: string, accountId: string): Promise<number> {
  const matching: string[] = [];
  const accountOf = new Map<string, Record<string, unknown>>();
  for (let offset = 0; ; offset += 200) {
    const { items } = await engine.store.listUnprocessed({ userId, limit: 200, offset });
    for (const parked of items) {
      if (parked.error.code !== 'account.invalid') continue;
      let descriptor = accountOf.get(parked.flowId);
      if (!descriptor) {
        descriptor = (await engine.store.getFlow(parked.flowId, userId))?.flow ?? {};
        accountOf.set(parked.flowId, descriptor);
      }
      const component = descriptor[parked.componentId] as { config?: { properties?: { account?: unknown } } } | undefined;
      const named = component?.config?.properties?.account;
      if (typeof named === 'string' && named.trim() === accountId) matching.push(parked.id);
    }
    if (items.length < 200) break;
  }
  // Collected first: each retry removes its record, which would shift the pages under a running loop.
  let retried = 0;
  for (const id of matching) {
    try {
      await engine.retryUnprocessed(id, userId);
      retried += 1;
    } catch {
      // Removed or retried by a person meanwhile: nothing left to do for it.
    }
  }
  return retried;
}
