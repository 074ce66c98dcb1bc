/**
 * Fusing pure steps: a delivery runs the pure components its message leads to in memory, and only
 * what reaches a component with effects crosses the Bus (server/src/engine/README.md).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, type ComponentDefinition } from '@weft/connector-kit';
import { countingEffect, failingPure, waitForRunRecords } from './test-components.ts';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import type { Bus, Delivery } from '../../src/ports/bus.ts';
import type { LogRecord } from '../../src/ports/log-index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { engineSettings } from '../../src/runtime.ts';
import { Engine } from '../../src/engine/engine.ts';
import { MESSAGES_QUEUE, type DeliverMessage } from '../../src/engine/message.ts';
import type { QueueRoute } from '../../src/engine/queue-routing.ts';

const USER = 'user-fused';

const effects = { count: 0, inputs: [] as unknown[] };
const failing = { calls: 0 };

const Effect = countingEffect('test.fused.Effect', effects);
const FailingPure = failingPure('test.fused.FailingPure', failing);

/** Pure and busy: holds the thread for 2 ms per step, the first step arming a 0 ms timer that notes how far the chain got. */
const busy = { steps: 0, timerSawStep: undefined as number | undefined };
const BusyPure = defineComponent(
  { name: 'test.fused.BusyPure', label: 'Busy pure', pure: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      busy.steps += 1;
      if (busy.steps === 1) setTimeout(() => { busy.timerSawStep = busy.steps; }, 0);
      const until = performance.now() + 2;
      while (performance.now() < until) { /* spin */ }
      await context.sendJson({ step: busy.steps }, 'out');
    },
  },
);

/** Pure and slow: its receive waits 150 ms. */
const SlowPure = defineComponent(
  { name: 'test.fused.SlowPure', label: 'Slow pure', pure: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await context.sendJson({ slow: true }, 'out');
    },
  },
);

/** What crossed the Bus: the component each delivery was for, and how often it was delivered. */
interface Crossing {
  componentId: string;
  deliveryCount: number;
}

/**
 * The embedded Bus, watched: every delivery is recorded; `dieAfterPublishOnce` makes the first
 * delivery for that component behave as if its process died once its messages were published,
 * before it marked them processed and acked (the Bus delivers it again, counted).
 */
function watchedBus(inner: Bus, crossings: Crossing[], dieAfterPublishOnce: { componentId?: string }): Bus {
  return {
    publish: (queue, messages, options) => inner.publish(queue, messages, options),
    depth: (queue) => inner.depth(queue),
    purge: (queue) => inner.purge(queue),
    close: () => inner.close(),
    consume: (queue, handler, options) =>
      inner.consume(queue, async (delivery) => {
        const body = delivery.message.body as { componentId: string };
        crossings.push({ componentId: body.componentId, deliveryCount: delivery.deliveryCount });
        if (body.componentId !== dieAfterPublishOnce.componentId) return handler(delivery);
        delete dieAfterPublishOnce.componentId;
        // What the delivery sent is published, then the process "dies": nothing marked, no ack.
        const dying: Delivery = {
          message: delivery.message,
          deliveryCount: delivery.deliveryCount,
          ack: () => delivery.nack(),
          nack: (nackOptions) => delivery.nack(nackOptions),
          async commit(work) {
            await Promise.all(work.publishes.map((batch) => inner.publish(batch.queue, batch.messages, batch.options)));
            await delivery.nack();
          },
        };
        return handler(dying);
      }, options),
  };
}

const set = (from: string, values: Record<string, unknown> = {}) => ({
  type: 'weft.utils.transform.Set', x: 0, y: 0, source: { in: { [from]: ['out'] } },
  config: { transform: { in: { [from]: { out: { type: 'json2new', lambda: { values: { from, ...values } } } } } } },
});
const of = (type: string, from: string) => ({ type, x: 0, y: 0, source: { in: { [from]: ['out'] } }, config: {} });

describe('fusing pure steps', () => {
  let embedded: Embedded;
  let engine: Engine;
  let crossings: Crossing[];
  const dying: { componentId?: string } = {};

  async function start(components: ComponentDefinition[] = [], fuseSteps?: number, queues: QueueRoute[] = []): Promise<void> {
    embedded = openEmbedded({ file: ':memory:', bus: { pollIntervalMs: 10 } });
    const settings = engineSettings(loadConfig({}));
    crossings = [];
    engine = new Engine({
      store: embedded.store,
      bus: watchedBus(embedded.bus, crossings, dying),
      logIndex: embedded.logIndex,
      components: [...createBuiltinComponents({ allowPrivateNetwork: false }), Effect, FailingPure, BusyPure, SlowPure, ...components],
      ...settings,
      publicUrl: 'http://127.0.0.1:1',
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 3 },
      limits: { ...settings.limits, ...(fuseSteps === undefined ? {} : { fuseSteps }) },
      queues,
      onError: () => {},
    });
    await engine.startWorker();
  }

  async function runFlow(flowId: string, flow: Record<string, unknown>, first: string, content: Record<string, unknown>): Promise<string> {
    const now = Date.now();
    await engine.store.createFlow({ flowId, userId: USER, tenantId: USER, name: flowId, stage: 'running', version: 1, flow, createdAt: now, updatedAt: now });
    const message: DeliverMessage = {
      type: 'deliver', id: `m-${flowId}`, userId: USER, flowId, componentId: first, port: 'in', correlationId: `run-${flowId}`, attempt: 1, content, scope: {},
    };
    await engine.bus.publish(MESSAGES_QUEUE, [{ id: message.id, body: message }]);
    return message.correlationId;
  }

  const records = (correlationId: string, until: (records: LogRecord[]) => boolean) => waitForRunRecords(engine, USER, correlationId, until);

  const ins = (list: LogRecord[]) => list.filter((r) => r.direction === 'in').map((r) => r.componentId);

  beforeEach(() => {
    effects.count = 0;
    effects.inputs = [];
    failing.calls = 0;
    busy.steps = 0;
    busy.timerSawStep = undefined;
    delete dying.componentId;
  });
  afterEach(async () => {
    await engine.stop();
    await embedded.close();
  });

  describe('when a message leads only to pure components', () => {
    it('runs the whole chain in one delivery, and every step still writes its in and out records', async () => {
      await start();
      const flow = { a: set('start', { step: 1 }), b: set('a', { step: 2 }), c: set('b', { step: 3 }) };
      const run = await runFlow('pure-chain', flow, 'a', { values: { step: 0 } });
      const list = await records(run, (r) => ins(r).includes('c'));
      expect(crossings.map((c) => c.componentId)).toEqual(['a']);
      expect(ins(list)).toEqual(['a', 'b', 'c']);
      expect(list.filter((r) => r.direction === 'out').map((r) => r.componentId)).toEqual(['a', 'b', 'c']);
      expect(list.find((r) => r.componentId === 'c' && r.direction === 'out')?.payload).toEqual({ from: 'b', step: 3 });
      // Each fused step's records sit under its own message id, as if it had crossed the Bus.
      expect(new Set(list.map((r) => r.messageId)).size).toBe(3);
    });
  });

  describe('what a delivery marks processed', () => {
    const messageIds = (list: LogRecord[]) => [...new Set(list.map((r) => r.messageId))];

    it('marks nothing when it ran only pure steps and published nothing (run again, it files the same records)', async () => {
      await start();
      const flow = { a: set('start'), b: set('a'), c: set('b') };
      const run = await runFlow('pure-unmarked', flow, 'a', { values: {} });
      const list = await records(run, (r) => ins(r).includes('c'));
      await waitFor(() => crossings.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(messageIds(list)).toHaveLength(3);
      expect([...(await engine.store.findProcessed(messageIds(list)))]).toEqual([]);
    });

    it('marks every step it ran once it publishes, or once a step with effects or a failure ran', async () => {
      await start();
      const published = await runFlow('impure-marked', { a: set('start'), b: set('a'), x: of('test.fused.Effect', 'b') }, 'a', { values: {} });
      const publishedList = await records(published, (r) => ins(r).includes('x'));
      await waitFor(async () => (await engine.store.findProcessed(messageIds(publishedList))).size === 3);
      const failed = await runFlow('failure-marked', { a: set('start'), f: of('test.fused.FailingPure', 'a') }, 'a', { values: {} });
      await waitFor(async () => (await engine.store.listUnprocessed({ userId: USER, flowId: 'failure-marked' })).items[0]);
      const failedIds = messageIds(await records(failed, () => true)).filter((id) => !id.includes('~'));
      expect((await engine.store.findProcessed(failedIds)).size).toBeGreaterThan(0);
      });
    });

  describe('when a fused step is followed by a slow one', () => {
    it('times each step\'s records by the step itself, not by when the delivery files them', async () => {
      await start();
      const flow = { a: set('start'), b: of('test.fused.SlowPure', 'a'), c: set('b') };
      const run = await runFlow('timed', flow, 'a', { values: {} });
      const list = await records(run, (r) => ins(r).includes('c'));
      const record = (componentId: string, direction: string) => list.find((r) => r.componentId === componentId && r.direction === direction)!;
      // a's records are filed after the whole delivery (b's 150 ms included): its duration and its out time are its own.
      expect(record('a', 'in').time + record('a', 'in').durationMs!).toBeLessThanOrEqual(record('b', 'in').time);
      expect(record('a', 'out').time).toBeLessThanOrEqual(record('b', 'in').time);
      expect(record('b', 'in').durationMs!).toBeGreaterThanOrEqual(140);
      expect(record('b', 'out').time).toBeLessThanOrEqual(record('c', 'in').time);
    });
  });

  describe('whether or not a chain is fused', () => {
    it('files the same log records under the same ids', async () => {
      const flow = { a: set('start'), b: set('a'), x: of('test.fused.Effect', 'b'), c: set('x'), d: set('c') };
      const idsOf = async (fuseSteps: number) => {
        await start([], fuseSteps);
        const run = await runFlow('same-ids', flow, 'a', { values: {} });
        const list = await records(run, (r) => ins(r).includes('d'));
        const crossed = crossings.length;
        await engine.stop();
        await embedded.close();
        return { ids: list.map((r) => `${r.id} ${r.componentId} ${r.direction}`).sort(), crossed };
      };
      const separate = await idsOf(0);
      const fused = await idsOf(1000);
      expect(fused.ids).toEqual(separate.ids);
      expect(fused.ids).toHaveLength(10);
      expect([separate.crossed, fused.crossed]).toEqual([5, 2]);
      await start();
    });
  });

  describe('when a fused chain runs long', () => {
    it('lets the event loop turn while it runs, so a timer fires mid-chain, and still crosses the Bus once', async () => {
      await start();
      const steps = 30;
      const flow = Object.fromEntries(Array.from({ length: steps }, (_, i) => [`s${i}`, of('test.fused.BusyPure', i === 0 ? 'start' : `s${i - 1}`)]));
      const run = await runFlow('long-chain', flow, 's0', {});
      await records(run, (r) => ins(r).includes(`s${steps - 1}`));
      expect(crossings.map((c) => c.componentId)).toEqual(['s0']);
      expect(busy.steps).toBe(steps);
      // 30 steps of 2 ms: without a yield every 5 ms the timer would only fire once all of them ran.
      expect(busy.timerSawStep).toBeDefined();
      expect(busy.timerSawStep!).toBeLessThan(steps);
    });
  });

  describe('when a chain reaches a component with effects', () => {
    it('publishes one message there, and fuses again after it', async () => {
      await start();
      const flow = { a: set('start'), b: set('a'), x: of('test.fused.Effect', 'b'), c: set('x'), d: set('c') };
      const run = await runFlow('impure-split', flow, 'a', { values: {} });
      const list = await records(run, (r) => ins(r).includes('d'));
      expect(crossings.map((c) => c.componentId)).toEqual(['a', 'x']);
      expect(ins(list)).toEqual(['a', 'b', 'x', 'c', 'd']);
      expect(effects.count).toBe(1);
    });
  });

  describe('when the process dies after a fused chain published, before its ack', () => {
    it('runs the chain again under the same ids, and the step with effects after it runs once', async () => {
      await start();
      dying.componentId = 'a';
      const flow = { a: set('start'), b: set('a'), x: of('test.fused.Effect', 'b'), c: set('x') };
      const run = await runFlow('crash-mid-chain', flow, 'a', { values: {} });
      await records(run, (r) => ins(r).includes('c'));
      // The redelivery of `a` runs alone and publishes `b` on its own (a suspect fuses nothing).
      await waitFor(() => crossings.some((c) => c.componentId === 'a' && c.deliveryCount === 2) && crossings.filter((c) => c.componentId === 'x').length === 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const list = await records(run, () => true);
      expect(effects.count).toBe(1);
      // Each step's records were filed twice under the same ids and kept once.
      expect(ins(list).sort()).toEqual(['a', 'b', 'c', 'x']);
      expect(list.filter((r) => r.componentId === 'b' && r.direction === 'out')).toHaveLength(1);
    });
  });

  describe('when a fused step fails', () => {
    it('retries that step alone, then parks it with the input it received; the step with effects before it ran once', async () => {
      await start();
      const flow = { x: { type: 'test.fused.Effect', x: 0, y: 0, source: {}, config: {} }, a: set('x', { tag: 'for-f' }), f: of('test.fused.FailingPure', 'a'), after: set('f') };
      const run = await runFlow('failing-fused', flow, 'x', { hello: 'world' });
      const parked = await waitFor(async () => (await engine.store.listUnprocessed({ userId: USER, flowId: 'failing-fused' })).items[0]);
      expect(parked.componentId).toBe('f');
      expect(parked.attempts).toBe(3);
      expect(parked.message.componentId).toBe('f');
      expect(parked.message.content).toEqual({ from: 'x', tag: 'for-f' });
      expect(failing.calls).toBe(3);
      expect(effects.count).toBe(1);
      // Attempt 1 ran fused in x's delivery; the retries crossed the Bus as f's own message.
      expect(crossings.map((c) => c.componentId)).toEqual(['x', 'f', 'f']);
      const list = await records(run, (r) => r.filter((record) => record.direction === 'error').length === 3);
      expect(list.filter((r) => r.direction === 'error').every((r) => r.componentId === 'f')).toBe(true);
      expect(ins(list)).toEqual(['x', 'a']);
    });
  });

  describe('when a pure component travels on a queue of its own', () => {
    it('crosses the Bus to reach it and to leave it, so the routing holds', async () => {
      await start([], undefined, [{ queue: 'side', patterns: ['weft.utils.controls.Each'] }]);
      const flow = {
        a: set('start'),
        each: { type: 'weft.utils.controls.Each', x: 0, y: 0, source: { in: { a: ['out'] } }, config: {} },
        item: { type: 'weft.utils.transform.Set', x: 0, y: 0, source: { in: { each: ['item'] } }, config: {} },
      };
      const run = await runFlow('routed', flow, 'a', { values: { list: [1, 2] } });
      await records(run, (r) => ins(r).filter((id) => id === 'item').length === 2);
      expect(crossings.map((c) => c.componentId)).toEqual(['a', 'each', 'item', 'item']);
    });
  });

  describe('when a step fans out beyond the limit', () => {
    it('publishes the messages instead of running them in its delivery', async () => {
      await start();
      const list = Array.from({ length: 20 }, (_, i) => i);
      const flow = {
        each: { type: 'weft.utils.controls.Each', x: 0, y: 0, source: {}, config: {} },
        item: { type: 'weft.utils.transform.Set', x: 0, y: 0, source: { in: { each: ['item'] } }, config: {} },
      };
      const now = Date.now();
      await engine.store.createFlow({ flowId: 'fan-out', userId: USER, tenantId: USER, name: 'fan-out', stage: 'running', version: 1, flow, createdAt: now, updatedAt: now });
      const message: DeliverMessage = { type: 'deliver', id: 'm-fan', userId: USER, flowId: 'fan-out', componentId: 'each', port: 'in', correlationId: 'run-fan', attempt: 1, content: { list }, scope: {} };
      await engine.bus.publish(MESSAGES_QUEUE, [{ id: message.id, body: message }]);
      await records('run-fan', (r) => ins(r).filter((id) => id === 'item').length === 20);
      expect(crossings.filter((c) => c.componentId === 'item')).toHaveLength(20);
    });
  });
});

async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
