import { describe, expect, it } from 'vitest';
import { FairShare, type FairShareLimits } from './fair-share.ts';

/** Lets deliveries in until the share refuses one; returns how many got in. */
function fill(share: FairShare, user: (i: number) => string, tenant: string | undefined, tries: number): number {
  let entered = 0;
  for (let i = 0; i < tries; i++) if (share.enter(user(i), tenant)) entered += 1;
  return entered;
}

describe('FairShare', () => {
  const limits: FairShareLimits = { userInFlight: 6, tenantInFlight: 4, workerSlots: 8 };

  it('lets a tenant alone use the worker until it is busy, then defers its further deliveries', () => {
    const share = new FairShare(() => limits);
    // 20 users of one tenant: no user is over its own share, the tenant is.
    const entered = fill(share, (i) => `a-user-${i}`, 'tenant-a', 20);
    // Its share (4) and half of the other slots (2).
    expect(entered).toBe(6);
    expect(share.inFlightOf('tenant', 'tenant-a')).toBe(6);
    expect(share.enter('a-user-99', 'tenant-a')).toBe(false);
  });

  it('keeps slots for another tenant while one floods, whatever the number of its users', () => {
    const share = new FairShare(() => limits);
    fill(share, (i) => `a-user-${i}`, 'tenant-a', 100);
    expect(share.enter('b-user', 'tenant-b')).toBe(true);
    expect(share.enter('b-user', 'tenant-b')).toBe(true);
    expect(share.running).toBe(8);
  });

  it('lets a deferred tenant in again once its deliveries end, and forgets tenants with nothing in flight', () => {
    const share = new FairShare(() => limits);
    fill(share, () => 'a-user', 'tenant-a', 10);
    expect(share.enter('a-user', 'tenant-a')).toBe(false);
    share.leave('a-user', 'tenant-a');
    expect(share.enter('a-user', 'tenant-a')).toBe(true);
    for (let i = 0; i < 6; i++) share.leave('a-user', 'tenant-a');
    expect(share.running).toBe(0);
    expect(share.inFlightOf('tenant', 'tenant-a')).toBe(0);
    expect(share.inFlightOf('user', 'a-user')).toBe(0);
  });

  it('without a tenant cap, caps users only (as before)', () => {
    const share = new FairShare(() => ({ userInFlight: 4, workerSlots: 8 }));
    // Many users of one tenant may fill every slot (the Bus's prefetch bounds them, not the share).
    expect(fill(share, (i) => `u-${i}`, 'tenant-a', 8)).toBe(8);
    const single = new FairShare(() => ({ userInFlight: 4, workerSlots: 8 }));
    expect(fill(single, () => 'u', 'tenant-a', 20)).toBe(6);
  });

  it('reads the limits at each call (the worker slots are set when the worker starts)', () => {
    const live: FairShareLimits = { userInFlight: 2, tenantInFlight: 2, workerSlots: 2 };
    const share = new FairShare(() => live);
    expect(fill(share, (i) => `u-${i}`, 't', 10)).toBe(2);
    live.workerSlots = 10;
    expect(fill(share, (i) => `v-${i}`, 't', 10)).toBe(4);
  });
});
