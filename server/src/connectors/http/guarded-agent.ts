/** @module The undici Agent of http.Request, the token endpoint and the account tester, made on first use. */
import type { Agent } from 'undici';
import { guardedLookup, type AddressPolicy, type LookupAll } from './address-guard.ts';

export interface Undici {
  readonly undici: typeof import('undici');
  readonly dispatcher: Agent;
}

/**
 * undici and an Agent that connects to exactly the addresses the guard checked (the socket's own
 * lookup resolves and checks, so no second resolution can slip a private address in), or to any
 * address with `allowPrivateNetwork`. Both are made on the first call: undici is ~5 MB of heap
 * that an engine whose flows never call out keeps free.
 */
export function lazyUndici(allowPrivateNetwork: boolean, lookup: LookupAll, policy: AddressPolicy): () => Promise<Undici> {
  let loading: Promise<Undici> | undefined;
  return () => {
    loading ??= import('undici').then((undici) => ({
      undici,
      dispatcher: allowPrivateNetwork ? new undici.Agent() : new undici.Agent({ connect: { lookup: guardedLookup(lookup, policy) } }),
    }));
    return loading;
  };
}
