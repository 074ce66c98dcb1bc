import { describe, expect, it } from 'vitest';
import { isWeftError } from '@weft/connector-kit';
import type { TenantLimits, TenantRecord } from '../ports/store.ts';
import { TenantRateLimiter, WITHIN_RATE_PRIORITY } from './tenant-rates.ts';

function fakeStore(limits: Record<string, TenantLimits>) {
  const reads: string[] = [];
  return {
    reads,
    limits,
    async getTenant(id: string): Promise<TenantRecord | undefined> {
      reads.push(id);
      const own = limits[id];
      return own === undefined ? undefined : { id, name: id, limits: own, createdAt: 0 };
    },
  };
}

const defaults = { webhook: { rate: 10, burst: 20 }, api: { rate: 1, burst: 3 } };

describe('TenantRateLimiter', () => {
  it('lets a burst through, then refuses with the time until the next token, per tenant', async () => {
    let now = 1_000_000;
    const limiter = new TenantRateLimiter(fakeStore({}), { defaults, now: () => now });
    for (let i = 0; i < 3; i++) expect(await limiter.take('a', 'api')).toBe(0);
    // 1 token per second: the next one is a second away.
    expect(await limiter.take('a', 'api')).toBe(1000);
    // Another tenant, and the same tenant's webhooks, have buckets of their own.
    expect(await limiter.take('b', 'api')).toBe(0);
    expect(await limiter.take('a', 'webhook')).toBe(0);
    now += 400;
    expect(await limiter.take('a', 'api')).toBe(600);
    now += 600;
    expect(await limiter.take('a', 'api')).toBe(0);
    expect(await limiter.take('a', 'api')).toBeGreaterThan(0);
  });

  it('throws 429 tenant.rate_limited with retryAfterMs', async () => {
    const limiter = new TenantRateLimiter(fakeStore({}), { defaults, now: () => 5_000 });
    for (let i = 0; i < 3; i++) await limiter.admit('a', 'api');
    const error = await limiter.admit('a', 'api').then(() => undefined, (caught: unknown) => caught);
    expect(isWeftError(error) && { code: error.code, status: error.status, details: error.details }).toEqual({ code: 'tenant.rate_limited', status: 429, details: { retryAfterMs: 1000 } });
  });

  it("uses a tenant's own limits over the defaults; a rate alone gets a burst of twice it; 0 switches the limit off", async () => {
    const store = fakeStore({ big: { apiRate: 50, apiBurst: 100 }, rateOnly: { webhookRate: 2 }, free: { apiRate: 0 } });
    const limiter = new TenantRateLimiter(store, { defaults, now: () => 0 });
    expect(await limiter.specFor('big', 'api')).toEqual({ rate: 50, burst: 100 });
    expect(await limiter.specFor('big', 'webhook')).toEqual(defaults.webhook);
    expect(await limiter.specFor('rateOnly', 'webhook')).toEqual({ rate: 2, burst: 4 });
    let passed = 0;
    for (let i = 0; i < 200; i++) if ((await limiter.take('big', 'api')) === 0) passed += 1;
    expect(passed).toBe(100);
    for (let i = 0; i < 5000; i++) expect(await limiter.take('free', 'api')).toBe(0);
  });

  it('caches limits for the TTL, then reads them again', async () => {
    let now = 0;
    const store = fakeStore({ t: { apiRate: 5 } });
    const limiter = new TenantRateLimiter(store, { defaults, limitsTtlMs: 1000, now: () => now });
    await limiter.take('t', 'api');
    await limiter.take('t', 'api');
    expect(store.reads).toEqual(['t']);
    store.limits.t = { apiRate: 7 };
    now = 999;
    expect((await limiter.specFor('t', 'api')).rate).toBe(5);
    now = 1000;
    expect((await limiter.specFor('t', 'api')).rate).toBe(7);
    expect(store.reads).toEqual(['t', 't']);
  });

  it('keeps memory bounded: at most maxTenants tenants, the least recently seen forgotten first', async () => {
    const store = fakeStore({});
    const limiter = new TenantRateLimiter(store, { defaults, maxTenants: 100, now: () => 0 });
    for (let i = 0; i < 10_000; i++) await limiter.take(`t${i}`, 'api');
    expect(limiter.size).toBeLessThanOrEqual(200);
    // The newest tenant is still known (its bucket is down a token); the first one was forgotten (a full bucket again).
    for (let i = 0; i < 2; i++) expect(await limiter.take('t9999', 'api')).toBe(0);
    expect(await limiter.take('t9999', 'api')).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(await limiter.take('t0', 'api')).toBe(0);
  });

  it('gives the webhook runs of a tenant within its rate a higher Bus priority than those of a tenant at its limit', async () => {
    const limiter = new TenantRateLimiter(fakeStore({ off: { webhookRate: 0 } }), { defaults, now: () => 0 });
    expect(await limiter.admitWebhook('calm')).toBe(WITHIN_RATE_PRIORITY);
    // Burst 20: the first calls find the bucket at least half full, the last ones do not.
    const priorities: number[] = [];
    for (let i = 0; i < 19; i++) priorities.push(await limiter.admitWebhook('noisy'));
    expect(priorities.slice(0, 10).every((p) => p === WITHIN_RATE_PRIORITY)).toBe(true);
    expect(priorities.slice(11).every((p) => p === 0)).toBe(true);
    expect(await limiter.admitWebhook('calm')).toBe(WITHIN_RATE_PRIORITY);
    // With the limit off, runs keep the default priority.
    expect(await limiter.admitWebhook('off')).toBe(0);
  });

  it('falls back to the defaults when the Store cannot be read', async () => {
    const limiter = new TenantRateLimiter({ getTenant: () => Promise.reject(new Error('down')) }, { defaults, now: () => 0 });
    expect(await limiter.specFor('x', 'api')).toEqual(defaults.api);
  });
});
