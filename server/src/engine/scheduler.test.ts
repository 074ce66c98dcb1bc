import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../ports/bus.ts';
import type { TimerRecord } from '../ports/store.ts';
import type { SchedulerDeps } from './engine-core.ts';
import { FIRE_BATCH, Scheduler } from './scheduler.ts';

const flowOf = (flowId: string) => ({
  record: { flowId, stage: 'running' },
  ownerDisabled: false,
  descriptor: { tick: { type: 'test.Tick' }, wait: { type: 'test.Wait' } },
});

/** `n` due timers over `flows` flows: even ones a tick every minute, odd ones a delayed message (fires once). */
function timers(n: number, flows: number): TimerRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const flowId = `f${i % flows}`;
    const type = i % 2 === 0 ? 'tick' : 'deliver';
    const body = { type, id: `m${i}`, userId: 'u', flowId, componentId: type === 'tick' ? 'tick' : 'wait', correlationId: `c${i}`, attempt: 1, ...(type === 'deliver' ? { port: 'in', content: {} } : {}) };
    return { id: `t${i}`, dueAt: 0, flowId, body };
  });
}

/** A Store with the timers, a Bus that records (or refuses) publishes, and a plan routing `test.Wait` to its own queue. */
function deps(due: TimerRecord[], options: { failPublish?: boolean } = {}) {
  const pending = [...due];
  const publishes: { queue: string; ids: string[] }[] = [];
  const log: string[] = [];
  const engine = {
    now: () => 1000,
    reportError: () => {},
    cancelled: { has: () => false },
    // `test.Wait` has a queue of its own, so each timer's flow is read to route its message.
    queues: { queues: ['messages', 'waits'] },
    flows: { get: async (flowId: string) => flowOf(flowId) },
    components: { manifest: (type: string) => (type === 'test.Tick' ? { tick: 60_000 } : {}) },
    planPublish: (flow: ReturnType<typeof flowOf>, messages: { id: string; componentId: string }[]) =>
      messages.map((message) => ({ queue: flow.descriptor[message.componentId as 'tick']?.type === 'test.Wait' ? 'waits' : 'messages', messages: [{ id: message.id, body: message }] })),
    bus: {
      publish: async (queue: string, messages: readonly BusMessage[]) => {
        if (options.failPublish) throw new Error('the Bus is down');
        publishes.push({ queue, ids: messages.map((m) => m.id) });
        log.push('publish');
      },
    },
    store: {
      acquireLease: async () => true,
      claimDueTimers: async (_now: number, limit: number) => pending.splice(0, limit),
      deleteTimer: async (id: string) => { log.push(`delete ${id}`); return true; },
      deleteTimers: async (ids: readonly string[]) => { log.push(...ids.map((id) => `delete ${id}`)); return ids.length; },
      putTimer: async (timer: TimerRecord) => { log.push(`rearm ${timer.id} at ${timer.dueAt}`); },
    },
  };
  return { engine: engine as unknown as SchedulerDeps, publishes, log };
}

describe('Scheduler.fireDue', () => {
  it('publishes the timers it claims in one Bus call per queue, then re-arms ticks and deletes the rest', async () => {
    const due = timers(FIRE_BATCH + 40, 37);
    const { engine, publishes, log } = deps(due);
    const scheduler = new Scheduler(engine, 1000);
    expect(await scheduler.fireDue()).toBe(FIRE_BATCH);
    expect(publishes.map((p) => p.queue).sort()).toEqual(['messages', 'waits']);
    const firstIds = due.slice(0, FIRE_BATCH).map((t) => String(t.body.id));
    expect(publishes.flatMap((p) => p.ids).sort()).toEqual([...firstIds].sort());
    // Nothing is re-armed or deleted before the Bus holds every message.
    expect(log.slice(0, 2)).toEqual(['publish', 'publish']);
    expect(log.filter((line) => line.startsWith('rearm'))).toHaveLength(FIRE_BATCH / 2);
    expect(log).toContain('rearm t0 at 61000');
    expect(log.filter((line) => line.startsWith('delete'))).toHaveLength(FIRE_BATCH / 2);
    // The next call takes the rest.
    expect(await scheduler.fireDue()).toBe(40);
    expect(publishes).toHaveLength(4);
  });

  it('reads no flow for a fired message when every message goes to one queue (only ticks need theirs)', async () => {
    const { engine, publishes } = deps(timers(20, 5));
    const reads: string[] = [];
    const single = {
      ...engine,
      queues: { queues: ['messages'] },
      flows: { get: async (flowId: string) => { reads.push(flowId); return flowOf(flowId); } },
      planPublish: (flow: ReturnType<typeof flowOf> | undefined, messages: { id: string }[]) => messages.map((message) => ({ queue: flow ? 'read' : 'messages', messages: [{ id: message.id, body: message }] })),
    } as unknown as SchedulerDeps;
    expect(await new Scheduler(single, 1000).fireDue()).toBe(20);
    expect(reads).toHaveLength(10);
    expect(publishes.find((p) => p.queue === 'messages')?.ids).toHaveLength(10);
  });

  describe('where the Bus holds deliveries (timers ahead of time)', () => {
    it('claims timers due within the lookahead; a message carries its due time, a tick is delayed until then and re-armed from it', async () => {
      const due = timers(4, 2).map((timer, i) => ({ ...timer, dueAt: i < 2 ? 1000 + 3000 : 900 }));
      const { engine, log } = deps(due);
      const claims: number[] = [];
      const published: { queue: string; body: { id: string; notBefore?: number }; delayMs?: number }[] = [];
      const holding = {
        ...engine,
        store: { ...engine.store, claimDueTimers: async (until: number, limit: number) => { claims.push(until); return (engine.store.claimDueTimers as (u: number, l: number) => Promise<TimerRecord[]>)(until, limit); } },
        bus: {
          holdsDeliveries: true,
          publish: async (queue: string, messages: readonly BusMessage[], options: { delayMs?: number } = {}) => {
            for (const m of messages) published.push({ queue, body: m.body as { id: string; notBefore?: number }, ...(options.delayMs ? { delayMs: options.delayMs } : {}) });
          },
        },
      } as unknown as SchedulerDeps;
      expect(await new Scheduler(holding, 1000, 5000).fireDue()).toBe(4);
      // now is 1000: everything due by 6000 is taken.
      expect(claims).toEqual([6000]);
      const byId = new Map(published.map((p) => [p.body.id, p]));
      // m0: a tick due at 4000, published delayed by 3 s, re-armed a minute after its due time.
      expect(byId.get('m0')).toMatchObject({ delayMs: 3000 });
      expect(byId.get('m0')!.body.notBefore).toBeUndefined();
      expect(log).toContain('rearm t0 at 64000');
      // m1: a message due at 4000, published now with its due time.
      expect(byId.get('m1')).toMatchObject({ body: { notBefore: 4000 } });
      expect(byId.get('m1')!.delayMs).toBeUndefined();
      // Already due: as before (no notBefore, no delay; the tick re-armed from now).
      expect(byId.get('m2')).toEqual({ queue: 'messages', body: expect.not.objectContaining({ notBefore: expect.anything() }) });
      expect(byId.get('m3')!.body.notBefore).toBeUndefined();
      expect(log).toContain('rearm t2 at 61000');
    });

    /**
     * Two messages (m1, m3) and two ticks due at 4000, on a Bus that holds deliveries, looking 5 s
     * ahead with at most 2 fires held; `claims`: the time each claim reached to.
     */
    function holdingAtMost2(extra: Record<string, unknown> = {}): { scheduler: Scheduler; claims: number[] } {
      const { engine } = deps(timers(4, 1).map((timer) => ({ ...timer, dueAt: 4000 })));
      const claims: number[] = [];
      const holding = {
        ...engine,
        ...extra,
        store: { ...engine.store, claimDueTimers: async (until: number, limit: number) => { claims.push(until); return (engine.store.claimDueTimers as (u: number, l: number) => Promise<TimerRecord[]>)(until, limit); } },
        bus: { holdsDeliveries: true, publish: async () => {} },
      } as unknown as SchedulerDeps;
      return { scheduler: new Scheduler(holding, 1000, 5000, 2), claims };
    }

    it('looks ahead no further while as many fires as it may hold are published ahead and not yet due', async () => {
      const { scheduler, claims } = holdingAtMost2();
      expect(await scheduler.fireDue()).toBe(4);
      // Two messages held ahead (now is 1000, due at 4000; ticks wait in the Bus, not counted), the most it may: only due timers now.
      await scheduler.fireDue();
      expect(claims).toEqual([6000, 1000]);
    });

    it('counts as held ahead only the fires it published, not those of cancelled runs', async () => {
      // m1's run was cancelled: its timer is deleted, not published, so nothing of it is held.
      const { scheduler, claims } = holdingAtMost2({ cancelled: { has: (correlationId: string) => correlationId === 'c1' } });
      expect(await scheduler.fireDue()).toBe(4);
      // One message held ahead (m3), under the most of 2: it still looks ahead.
      await scheduler.fireDue();
      expect(claims).toEqual([6000, 6000]);
    });

    it('takes only due timers where the Bus cannot hold deliveries, or with a lookahead of 0', async () => {
      for (const [holds, lookahead] of [[false, 5000], [true, 0]] as const) {
        const { engine } = deps([]);
        const claims: number[] = [];
        const scheduler = new Scheduler({
          ...engine,
          store: { ...engine.store, claimDueTimers: async (until: number) => { claims.push(until); return []; } },
          bus: { ...engine.bus, holdsDeliveries: holds },
        }, 1000, lookahead);
        await scheduler.fireDue();
        expect(claims).toEqual([1000]);
      }
    });
  });

  it('keeps every timer it claimed when the publish fails, so they fire again once the claim runs out', async () => {
    const { engine, log } = deps(timers(10, 3), { failPublish: true });
    await expect(new Scheduler(engine, 1000).fireDue()).rejects.toThrow('the Bus is down');
    expect(log).toEqual([]);
  });
});
