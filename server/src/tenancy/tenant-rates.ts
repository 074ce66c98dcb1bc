/**
 * @module Per-tenant rate limits: one token bucket per tenant and kind of call (`webhook`, `api`).
 * Defaults come from the config (`WEFT_TENANT_*_RATE` / `_BURST`); a tenant's own `limits`
 * (`PUT /host/tenants/:externalId`) override them. Memory stays bounded: buckets and cached limits
 * live in maps capped at `maxTenants` entries, least recently used first out, and a tenant's
 * limits are read again from the Store once `limitsTtlMs` has passed.
 */
import { WeftError } from '@weft/connector-kit';
import type { Store, TenantLimits } from '../ports/store.ts';

export type RateKind = 'webhook' | 'api';

/** Bus priority of the runs of a tenant within its webhook rate (5: RabbitMQ quorum queues treat above 4 as high). */
export const WITHIN_RATE_PRIORITY = 5;

/** Tokens per second and the most a bucket holds; a rate of 0 switches the limit off. */
export interface RateSpec {
  rate: number;
  burst: number;
}

export interface TenantRateOptions {
  defaults: Record<RateKind, RateSpec>;
  /** Most tenants whose buckets (and limits) are kept; the least recently seen are forgotten first. */
  maxTenants?: number;
  /** How long a tenant's limits read from the Store are trusted. */
  limitsTtlMs?: number;
  /**
   * How long a webhook call over its tenant's rate waits for its 429 (0: answered at once). A caller
   * that sends again as soon as it is answered (a retry loop, a flood of 64 callers) is paced by it
   * instead of spinning the one event loop every other tenant is served by.
   */
  refusalPauseMs?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface CachedLimits {
  limits: Promise<TenantLimits | undefined>;
  loadedAt: number;
}

const OVERRIDES: Record<RateKind, { rate: keyof TenantLimits; burst: keyof TenantLimits }> = {
  webhook: { rate: 'webhookRate', burst: 'webhookBurst' },
  api: { rate: 'apiRate', burst: 'apiBurst' },
};

/** Touch `key` in an insertion-ordered map used as an LRU, dropping the oldest entries above `cap`. */
function remember<V>(map: Map<string, V>, key: string, value: V, cap: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > cap) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
}

export class TenantRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #limits = new Map<string, CachedLimits>();
  readonly #maxTenants: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(
    private readonly store: Pick<Store, 'getTenant'>,
    private readonly options: TenantRateOptions,
  ) {
    this.#maxTenants = Math.max(1, options.maxTenants ?? 10_000);
    this.#ttlMs = options.limitsTtlMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** See `TenantRateOptions.refusalPauseMs`. */
  get refusalPauseMs(): number {
    return this.options.refusalPauseMs ?? 0;
  }

  /** Buckets held now (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  /** The bucket of this tenant and kind: its own limits, else the defaults (a rate set alone gets a burst of twice the rate). */
  async specFor(tenantId: string, kind: RateKind): Promise<RateSpec> {
    const fallback = this.options.defaults[kind];
    const limits = await this.#limitsOf(tenantId);
    const keys = OVERRIDES[kind];
    const rate = limits?.[keys.rate] ?? fallback.rate;
    const burst = limits?.[keys.burst] ?? (limits?.[keys.rate] !== undefined ? 2 * rate : fallback.burst);
    return { rate, burst: Math.max(1, burst) };
  }

  /** Takes one token: 0 when the call may go on, else the milliseconds until a token is there. */
  async take(tenantId: string, kind: RateKind): Promise<number> {
    return (await this.#draw(tenantId, kind)).retryAfterMs;
  }

  /**
   * A webhook call: takes one token (or throws 429) and says the Bus priority of the run it starts.
   * A tenant within its rate (its bucket at least half full) gets `WITHIN_RATE_PRIORITY`, so its
   * runs pass ahead of the queued runs of a tenant that keeps sending at its limit (priority 0, as
   * every other message): a flood queues behind the others, not in front of them. With the
   * limit off, every run is 0 as before.
   */
  async admitWebhook(tenantId: string): Promise<number> {
    const draw = await this.#draw(tenantId, 'webhook');
    this.#refuse(draw.retryAfterMs, 'webhook');
    return draw.spec.rate > 0 && draw.tokensLeft >= draw.spec.burst / 2 ? WITHIN_RATE_PRIORITY : 0;
  }

  /** Takes one token or throws 429 `tenant.rate_limited` (with `retryAfterMs`, served as `Retry-After`). */
  async admit(tenantId: string, kind: RateKind): Promise<void> {
    this.#refuse((await this.#draw(tenantId, kind)).retryAfterMs, kind);
  }

  /** One draw from the tenant's bucket: the wait (0: a token was taken), the bucket's spec and what it holds after. */
  async #draw(tenantId: string, kind: RateKind): Promise<{ retryAfterMs: number; spec: RateSpec; tokensLeft: number }> {
    const spec = await this.specFor(tenantId, kind);
    const { rate, burst } = spec;
    if (rate <= 0) return { retryAfterMs: 0, spec, tokensLeft: burst };
    const key = `${kind}\u0000${tenantId}`;
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    remember(this.#buckets, key, bucket, 2 * this.#maxTenants);
    if (bucket.tokens < 1) return { retryAfterMs: Math.ceil(((1 - bucket.tokens) / rate) * 1000), spec, tokensLeft: bucket.tokens };
    bucket.tokens -= 1;
    return { retryAfterMs: 0, spec, tokensLeft: bucket.tokens };
  }

  #refuse(retryAfterMs: number, kind: RateKind): void {
    if (retryAfterMs === 0) return;
    const what = kind === 'webhook' ? 'webhook calls' : 'API requests';
    throw new WeftError('tenant.rate_limited', `This tenant sends more ${what} than its limits allow; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`, {
      status: 429, retry: 'retry', details: { retryAfterMs },
    });
  }

  /** Forget what is cached of a tenant's limits (its limits just changed here). */
  invalidate(tenantId: string): void {
    this.#limits.delete(tenantId);
  }

  #limitsOf(tenantId: string): Promise<TenantLimits | undefined> {
    const now = this.#now();
    const cached = this.#limits.get(tenantId);
    if (cached && now - cached.loadedAt < this.#ttlMs) return cached.limits;
    const limits = this.store.getTenant(tenantId).then(
      (tenant) => tenant?.limits,
      // The Store failing must not turn every call away: the defaults hold until the next read.
      () => {
        this.#limits.delete(tenantId);
        return undefined;
      },
    );
    remember(this.#limits, tenantId, { limits, loadedAt: now }, this.#maxTenants);
    return limits;
  }
}
