/**
 * @module RunStateStore contract: durable timers, processed message ids, run values, leases and
 * quotas, what the engine keeps while runs go on, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, RunStateStore, TimerRecord } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeRunStateStoreContract(name: string, make: () => Promise<RunStateStore & Closable>): void {
  describe(`RunStateStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('timers', () => {
      it('claims due timers once while leased and again after the lease expires', async () => {
        const store = await open();
        const flowId = uid();
        const due = [aTimer({ flowId, dueAt: 100 }), aTimer({ flowId, dueAt: 150 })];
        const later = aTimer({ flowId, dueAt: 10_000 });
        for (const timer of [...due, later]) await store.putTimer(timer);
        const now = 1_000;

        const first = (await store.claimDueTimers(now, 1000, 'a', 500)).filter((t) => t.flowId === flowId);
        expect(first.map((t) => t.id).sort()).toEqual(due.map((t) => t.id).sort());
        expect(first.find((t) => t.id === due[0]!.id)).toEqual(due[0]);
        const meanwhile = (await store.claimDueTimers(now + 100, 1000, 'b', 500)).filter((t) => t.flowId === flowId);
        expect(meanwhile).toEqual([]);
        const afterLease = (await store.claimDueTimers(now + 501, 1000, 'b', 500)).filter((t) => t.flowId === flowId);
        expect(afterLease.map((t) => t.id).sort()).toEqual(due.map((t) => t.id).sort());
      });

      it('never gives one timer to two concurrent claimers', async () => {
        const store = await open();
        const flowId = uid();
        const timers = Array.from({ length: 50 }, () => aTimer({ flowId, dueAt: 10 }));
        for (const timer of timers) await store.putTimer(timer);
        const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => store.claimDueTimers(100, 20, owner, 60_000)));
        const ids = claims.flat().filter((t) => t.flowId === flowId).map((t) => t.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(claims.every((c) => c.length <= 20)).toBe(true);
      });

      it('re-arms a timer put again with the same id, and deletes timers one by one or per flow', async () => {
        const store = await open();
        const flowId = uid();
        const timer = aTimer({ flowId, dueAt: 100 });
        await store.putTimer(timer);
        expect((await store.claimDueTimers(200, 1000, 'a', 60_000)).some((t) => t.id === timer.id)).toBe(true);
        const rearmed = { ...timer, dueAt: 300, body: { again: true } };
        await store.putTimer(rearmed);
        expect((await store.claimDueTimers(200, 1000, 'a', 60_000)).some((t) => t.id === timer.id)).toBe(false);
        expect((await store.claimDueTimers(400, 1000, 'b', 60_000)).find((t) => t.id === timer.id)).toEqual(rearmed);

        expect(await store.deleteTimer(timer.id)).toBe(true);
        expect(await store.deleteTimer(timer.id)).toBe(false);
        for (const t of [aTimer({ flowId }), aTimer({ flowId }), aTimer()]) await store.putTimer(t);
        expect(await store.deleteFlowTimers(flowId)).toBe(2);

        const batch = [aTimer({ dueAt: 100 }), aTimer({ dueAt: 100 }), aTimer({ dueAt: 100 })];
        for (const t of batch) await store.putTimer(t);
        expect(await store.deleteTimers([batch[0]!.id, batch[1]!.id, 'no-such-timer'])).toBe(2);
        expect(await store.deleteTimers([])).toBe(0);
        const left = (await store.claimDueTimers(200, 1000, 'c', 60_000)).map((t) => t.id);
        expect(left).toContain(batch[2]!.id);
        expect(left).not.toContain(batch[0]!.id);
        expect(left).not.toContain(batch[1]!.id);
      });
    });

    describe('processed message ids', () => {
      it('marks, finds and prunes processed ids', async () => {
        const store = await open();
        const [a, b, c] = [uid(), uid(), uid()];
        await store.markProcessed([a, b], 100);
        await store.markProcessed([c], 300);
        await store.markProcessed([a], 100);
        expect(await store.findProcessed([a, b, c, uid()])).toEqual(new Set([a, b, c]));
        expect(await store.findProcessed([])).toEqual(new Set());
        expect(await store.pruneProcessed(200)).toBeGreaterThanOrEqual(2);
        expect(await store.findProcessed([a, b, c])).toEqual(new Set([c]));
      });
    });

    describe('run values', () => {
      it('stores a value once per user and hash, keeps the later expiry, and prunes expired ones', async () => {
        const store = await open();
        const [alice, bob, hash, other] = [uid(), uid(), uid(), uid()];
        await store.putRunValues(alice, [{ hash, json: '{"list":[1,2]}' }, { hash: other, json: '"x"' }], 1_000);
        await store.putRunValues(alice, [{ hash, json: '"ignored: the first text stays"' }], 5_000);
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        // Another user never reads alice's values, even knowing the hash.
        expect(await store.getRunValue(bob, hash)).toBeUndefined();
        await store.extendRunValues(alice, [other], 3_000);
        await store.extendRunValues(alice, [hash], 2_000);
        expect(await store.pruneRunValues(2_500)).toBeGreaterThanOrEqual(0);
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        expect(await store.getRunValue(alice, other)).toBe('"x"');
        await store.pruneRunValues(4_000);
        expect(await store.getRunValue(alice, other)).toBeUndefined();
        expect(await store.getRunValue(alice, hash)).toBe('{"list":[1,2]}');
        await store.pruneRunValues(6_000);
        expect(await store.getRunValue(alice, hash)).toBeUndefined();
        await store.putRunValues(alice, [], 1);
        await store.extendRunValues(alice, [], 1);
      });
    });

    describe('leases', () => {
      it('is exclusive until the ttl passes, renewable by its owner, and releasable', async () => {
        const store = await open();
        const name = `tick:${uid()}`;
        expect(await store.acquireLease(name, 'a', 1_000, 0)).toBe(true);
        expect(await store.acquireLease(name, 'b', 1_000, 500)).toBe(false);
        expect(await store.acquireLease(name, 'a', 1_000, 900)).toBe(true);
        expect(await store.acquireLease(name, 'b', 1_000, 1_500)).toBe(false);
        expect(await store.acquireLease(name, 'b', 1_000, 1_950)).toBe(true);
        await store.releaseLease(name, 'a');
        expect(await store.acquireLease(name, 'a', 1_000, 2_000)).toBe(false);
        await store.releaseLease(name, 'b');
        expect(await store.acquireLease(name, 'a', 1_000, 2_000)).toBe(true);
      });

      it('gives a free lease to exactly one of many concurrent owners', async () => {
        const store = await open();
        const name = `tick:${uid()}`;
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.acquireLease(name, `o${i}`, 1_000, 0)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('quotas', () => {
      it('counts calls per fixed window and says when the next window opens', async () => {
        const store = await open();
        const key = `quota:${uid()}`;
        expect(await store.takeQuota(key, 2, 1_000, 10_100)).toEqual({ ok: true });
        expect(await store.takeQuota(key, 2, 1_000, 10_200)).toEqual({ ok: true });
        expect(await store.takeQuota(key, 2, 1_000, 10_300)).toEqual({ ok: false, retryAfterMs: 700 });
        expect(await store.takeQuota(key, 2, 1_000, 11_000)).toEqual({ ok: true });
        expect(await store.takeQuota(`quota:${uid()}`, 2, 1_000, 10_300)).toEqual({ ok: true });
      });
    });
  });
}

function aTimer(overrides: Partial<TimerRecord> = {}): TimerRecord {
  return { id: uid(), dueAt: 100, flowId: uid(), body: { type: 'tick', componentId: 'c-1' }, ...overrides };
}
