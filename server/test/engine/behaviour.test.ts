import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { MESSAGES_QUEUE, type DeliverMessage } from '../../src/engine/message.ts';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const calls = { counted: 0, lifecycle: [] as string[], ticking: 0, maxTicking: 0, ticks: 0 };

const Counted = defineComponent(
  { name: 'test.engine.behaviour.Counted', label: 'Counted', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      calls.counted += 1;
      await context.sendJson(context.messages.in?.content, 'out');
    },
  },
);
const Throttled = defineComponent(
  { name: 'test.engine.behaviour.Throttled', label: 'Throttled', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }], quota: { limit: 2, windowMs: 1000, scope: 'user' } },
  {
    async receive(context) {
      await context.sendJson({ at: Date.now() }, 'out');
    },
  },
);
const Lifecycle = defineComponent(
  { name: 'test.engine.behaviour.Lifecycle', label: 'Lifecycle', outPorts: [{ name: 'out' }], trigger: true },
  {
    async start(context) {
      calls.lifecycle.push(`start ${context.componentId}`);
    },
    async stop(context) {
      calls.lifecycle.push(`stop ${context.componentId}`);
    },
  },
);
const SlowTick = defineComponent(
  { name: 'test.engine.behaviour.SlowTick', label: 'Slow tick', outPorts: [{ name: 'out' }], trigger: true, tick: 50 },
  {
    async tick(context) {
      calls.ticking += 1;
      calls.maxTicking = Math.max(calls.maxTicking, calls.ticking);
      await new Promise((resolve) => setTimeout(resolve, 300));
      calls.ticks += 1;
      calls.ticking -= 1;
      await context.sendJson({ tick: calls.ticks }, 'out');
    },
  },
);

describe('engine behaviour', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [Counted, Throttled, Lifecycle, SlowTick], env: { WEFT_LOG_PAYLOAD_BYTES: '200' } });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  describe('when the Bus delivers a message again', () => {
    it('does not process an id that was already processed', async () => {
      const flowId = await user.createFlow({
        trigger: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        counted: { type: 'test.engine.behaviour.Counted', x: 1, y: 0, source: { in: { trigger: ['out'] } } },
      });
      await user.startFlow(flowId);
      const message: DeliverMessage = {
        type: 'deliver', id: `dup-${Date.now()}`, userId: user.userId, flowId, componentId: 'counted', port: 'in',
        correlationId: 'c-dup', attempt: 1, content: { n: 1 }, scope: {},
      };
      const before = calls.counted;
      await weft.weft.engine.bus.publish(MESSAGES_QUEUE, [{ id: message.id, body: message }]);
      await user.waitForLogs({ correlationId: 'c-dup', direction: 'out' }, (r) => r.length === 1);
      await weft.weft.engine.bus.publish(MESSAGES_QUEUE, [{ id: message.id, body: message }]);
      // Wait until the Bus has nothing left for the duplicate, then count.
      for (let i = 0; i < 100 && (await weft.weft.engine.bus.depth(MESSAGES_QUEUE)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(calls.counted - before).toBe(1);
    });
  });

  describe('when a component type has a quota', () => {
    it('delays the calls over the limit instead of failing them', async () => {
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
        throttled: { type: 'test.engine.behaviour.Throttled', x: 1, y: 0, source: { in: { hook: ['out'] } } },
      });
      await user.startFlow(flowId);
      for (let i = 0; i < 5; i++) expect((await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { i } })).status).toBe(202);
      const records = await user.waitForLogs({ flowId, componentId: 'throttled', direction: 'out' }, (r) => r.length === 5, 15_000);
      const times = records.map((r) => (r.payload as { at: number }).at).sort((a, b) => a - b);
      // 2 calls per second: five calls span at least two window boundaries.
      const windows = new Set(times.map((t) => Math.floor(t / 1000)));
      expect(windows.size).toBeGreaterThanOrEqual(3);
      const errors = await user.call('GET', `/logs?flowId=${flowId}&direction=error`);
      expect(errors.body.records).toEqual([]);
    });
  });

  describe('when a flow starts and stops', () => {
    it('calls start and stop of its components', async () => {
      const flowId = await user.createFlow({ life: { type: 'test.engine.behaviour.Lifecycle', x: 0, y: 0 } });
      await user.startFlow(flowId);
      expect((await user.call('POST', `/flows/${flowId}/stop`)).body.stage).toBe('stopped');
      expect(calls.lifecycle).toEqual(['start life', 'stop life']);
    });
  });

  describe('when a tick is slower than its interval', () => {
    it('never runs two ticks of one component at once', async () => {
      const flowId = await user.createFlow({
        ticker: { type: 'test.engine.behaviour.SlowTick', x: 0, y: 0 },
        set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { ticker: ['out'] } } },
      });
      await user.startFlow(flowId);
      await user.waitForLogs({ flowId, componentId: 'set', direction: 'out' }, (r) => r.length >= 3, 15_000);
      await user.call('POST', `/flows/${flowId}/stop`);
      expect(calls.ticks).toBeGreaterThanOrEqual(3);
      expect(calls.maxTicking).toBe(1);
    });
  });

  describe('when a payload is large', () => {
    it('stores a truncated preview in the log and flags it', async () => {
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
        set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } } },
      });
      await user.startFlow(flowId);
      await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { text: 'x'.repeat(5000) } });
      const [record] = await user.waitForLogs({ flowId, componentId: 'set', direction: 'in' }, (r) => r.length === 1);
      expect(record!.truncated).toBe(true);
      expect(typeof record!.payload).toBe('string');
      expect((record!.payload as string).length).toBeLessThan(300);
    });
  });
});
