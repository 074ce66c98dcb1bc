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

  it('keeps every timer it claimed when the publish fails, so they fire again once the claim runs out', async () => {
    const { engine, log } = deps(timers(10, 3), { failPublish: true });
    await expect(new Scheduler(engine, 1000).fireDue()).rejects.toThrow('the Bus is down');
    expect(log).toEqual([]);
  });
});
