/**
 * @module Account tester: checks an account's credentials with one GET to a URL the user gives,
 * under the same address guard as http.Request (no private addresses unless allowed, no redirects).
 */
import { applyAccount } from '../connectors/http/apply-account.ts';
import { blockedReason, checkUrl, systemLookup, type AddressPolicy, type LookupAll } from '../connectors/http/address-guard.ts';
import { lazyUndici } from '../connectors/http/guarded-agent.ts';
import type { AccountTester } from './accounts.ts';

export interface AccountTesterOptions {
  /** `WEFT_HTTP_ALLOW_PRIVATE`. */
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
  lookup?: LookupAll;
  addressPolicy?: AddressPolicy;
}

export function createAccountTester(options: AccountTesterOptions): AccountTester {
  const lookup = options.lookup ?? systemLookup;
  const policy = options.addressPolicy ?? blockedReason;
  const undici = lazyUndici(options.allowPrivateNetwork, lookup, policy);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (auth, raw) => {
    if (!options.allowPrivateNetwork) {
      const checked = await checkUrl(raw, lookup, policy);
      if (!checked.ok) return { ok: false, message: checked.message };
    }
    const url = new URL(raw);
    const { undici: { fetch, Headers }, dispatcher } = await undici();
    const headers = new Headers({ accept: 'application/json, */*' });
    applyAccount(auth, url, headers);
    try {
      const response = await fetch(url, { method: 'GET', headers, redirect: 'manual', dispatcher, signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      // The message names the URL as the user gave it: the applied credentials never appear in it.
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, message: `GET ${raw} answered ${response.status}.` };
      const why = response.status === 401 || response.status === 403 ? 'the service refused the credentials' : 'expected a 2xx answer';
      return { ok: false, status: response.status, message: `GET ${raw} answered ${response.status} ${response.statusText}: ${why}.` };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      return { ok: false, message: `GET ${raw} failed: ${cause}.` };
    }
  };
}
