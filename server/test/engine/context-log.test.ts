import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { MESSAGES_QUEUE, type DeliverMessage } from '../../src/engine/message.ts';
import { node, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type LogRecordBody, type TestUser, type TestWeft } from '../harness.ts';

const Chatty = defineComponent(
  { name: 'test.engine.log.Chatty', label: 'Chatty', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      const { n } = context.messages.in?.content as { n: number };
      context.log('debug', `got ${n}`);
      context.log('info', 'looking it up');
      context.log('warn', 'slow upstream', { ms: 900 });
      context.log('error', 'upstream said 503');
      await context.sendJson({ n }, 'out');
    },
  },
);

const Flaky = defineComponent(
  { name: 'test.engine.log.Flaky', label: 'Flaky', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      context.log('info', `attempt ${context.attempt}`);
      if (context.attempt === 1) throw new Error('not yet');
      await context.sendJson({}, 'out');
    },
  },
);

const stubborn = { fails: true };
const Stubborn = defineComponent(
  { name: 'test.engine.log.Stubborn', label: 'Stubborn', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      context.log('info', `attempt ${context.attempt}`);
      if (stubborn.fails) throw new Error('still failing');
    },
  },
);

const Flood = defineComponent(
  { name: 'test.engine.log.Flood', label: 'Flood', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      context.log('info', 'x'.repeat(10_000));
      for (let i = 1; i < 150; i++) context.log('info', `line ${i}`);
    },
  },
);

/** Its first run waits until a second delivery of the same message has run, as when a lease runs out. */
const slow = { runs: 0, release: () => {}, gate: Promise.resolve() };
const Slow = defineComponent(
  { name: 'test.engine.log.Slow', label: 'Slow', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      context.log('info', 'one');
      context.log('info', 'two');
      slow.runs += 1;
      if (slow.runs === 1) await slow.gate;
      else slow.release();
    },
  },
);

const messageOf = (record: LogRecordBody) => (record.payload as { message: string }).message;

describe('context.log', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [Chatty, Flaky, Stubborn, Flood, Slow] });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  async function flowWith(type: string): Promise<string> {
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      step: { type, x: 1, y: 0, source: { in: { hook: ['out'] } } },
    });
    await user.startFlow(flowId);
    return flowId;
  }

  async function deliver(flowId: string, id: string, correlationId: string): Promise<void> {
    const message: DeliverMessage = {
      type: 'deliver', id, userId: user.userId, flowId, componentId: 'step', port: 'in', correlationId, attempt: 1, content: { n: 42 }, scope: {},
    };
    await weft.weft.engine.bus.publish(MESSAGES_QUEUE, [{ id, body: message }]);
  }

  describe('when a component logs while it receives a message', () => {
    it('shows each line in the logs of the run, with its level as the severity, next to the message records', async () => {
      const flowId = await flowWith('test.engine.log.Chatty');
      const correlationId = `c-chatty-${Date.now()}`;
      await deliver(flowId, `m-chatty-${Date.now()}`, correlationId);
      const lines = await user.waitForLogs({ correlationId, direction: 'log', order: 'asc' }, (records) => records.length === 4);
      expect(lines.map((r) => [r.severity, r.payload])).toEqual([
        ['info', { level: 'debug', message: 'got 42' }],
        ['info', { level: 'info', message: 'looking it up' }],
        ['warn', { level: 'warn', message: 'slow upstream', data: { ms: 900 } }],
        ['error', { level: 'error', message: 'upstream said 503' }],
      ]);
      const all = await user.waitForLogs({ correlationId }, (records) => records.some((r) => r.direction === 'out'));
      const received = all.find((r) => r.direction === 'in')!;
      for (const line of lines) {
        expect(line).toMatchObject({
          direction: 'log', flowId, componentId: 'step', componentType: 'test.engine.log.Chatty', port: 'in', messageId: received.messageId,
        });
      }
    });
  });

  describe('when a component logs, throws, and succeeds on its retry', () => {
    it("keeps each attempt's lines once, beside the attempt's error", async () => {
      const flowId = await flowWith('test.engine.log.Flaky');
      const correlationId = `c-flaky-${Date.now()}`;
      await deliver(flowId, `m-flaky-${Date.now()}`, correlationId);
      await user.waitForLogs({ correlationId, direction: 'in' }, (records) => records.length === 1);
      await weft.weft.engine.logs.flush();
      const records = (await user.call<{ records: LogRecordBody[] }>('GET', `/logs?correlationId=${correlationId}&order=asc`)).body.records;
      const lines = records.filter((r) => r.direction === 'log');
      expect(lines.map(messageOf)).toEqual(['attempt 1', 'attempt 2']);
      expect(records.filter((r) => r.direction === 'error').map((r) => r.severity)).toEqual(['warn']);
      expect(lines[0]!.time).toBeLessThanOrEqual(records.find((r) => r.direction === 'error')!.time);
    });
  });

  describe('when a parked message is retried by hand', () => {
    it('files the lines of the new first attempt too', async () => {
      const flowId = await flowWith('test.engine.log.Stubborn');
      const correlationId = `c-stubborn-${Date.now()}`;
      await deliver(flowId, `m-stubborn-${Date.now()}`, correlationId);
      await user.waitForLogs({ correlationId, direction: 'error' }, (records) => records.some((r) => r.severity === 'error'));
      const parked = await user.call<{ items: { id: string }[] }>('GET', `/unprocessed-messages?flowId=${flowId}`);
      stubborn.fails = false;
      expect((await user.call('POST', `/unprocessed-messages/${parked.body.items[0]!.id}/retry`, {})).status).toBeLessThan(300);
      const lines = await user.waitForLogs({ correlationId, direction: 'log', order: 'asc' }, (records) => records.length === 4);
      expect(lines.map(messageOf)).toEqual(['attempt 1', 'attempt 2', 'attempt 3', 'attempt 1']);
    });
  });

  describe('when the Bus delivers a message again while its first delivery still runs', () => {
    it('files the lines of both runs once', async () => {
      const flowId = await flowWith('test.engine.log.Slow');
      slow.gate = new Promise((resolve) => (slow.release = resolve));
      const id = `m-slow-${Date.now()}`;
      const correlationId = `c-slow-${Date.now()}`;
      await deliver(flowId, id, correlationId);
      await waitFor(() => slow.runs === 1);
      await deliver(flowId, id, correlationId);
      await user.waitForLogs({ correlationId, direction: 'in' }, (records) => records.length === 1);
      await waitFor(() => slow.runs === 2);
      // Both runs have returned: whatever either wrote is in the index after this flush.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await weft.weft.engine.logs.flush();
      const lines = (await user.call<{ records: LogRecordBody[] }>('GET', `/logs?correlationId=${correlationId}&direction=log`)).body.records;
      expect(lines.map(messageOf).sort()).toEqual(['one', 'two']);
    });
  });

  describe('when a component logs too much', () => {
    it('cuts long lines, keeps the first 100 lines and says how many were dropped', async () => {
      const flowId = await flowWith('test.engine.log.Flood');
      const correlationId = `c-flood-${Date.now()}`;
      await deliver(flowId, `m-flood-${Date.now()}`, correlationId);
      const lines = await user.waitForLogs({ correlationId, direction: 'log' }, (records) => records.length === 101);
      const messages = lines.map(messageOf);
      expect(messages.find((m) => m.startsWith('x'))).toBe(`${'x'.repeat(4096)}…`);
      expect(messages).toContain('line 99');
      expect(messages).not.toContain('line 100');
      const last = lines.find((r) => r.severity === 'warn')!;
      expect(last.payload).toMatchObject({ level: 'warn', data: { dropped: 50 } });
    });
  });

  describe('when JavaScript code writes to the console', () => {
    it('shows its console lines in the logs of the run', async () => {
      const code = 'function run(input) {\n  console.log("doubling", input.n);\n  return { n: input.n * 2 };\n}';
      const flowId = await user.createFlow({
        hook: node(WEBHOOK),
        code: node('weft.utils.code.JavaScript', ['hook.out'], { lambda: { n: '{{{$.hook.out.body.n}}}' }, properties: { code } }),
      });
      const test = await user.call<{ correlationId: string }>('POST', `/flows/${flowId}/test`, { componentId: 'hook', data: { body: { n: 21 } } });
      const lines = await user.waitForLogs({ correlationId: test.body.correlationId, direction: 'log' }, (records) => records.length === 1);
      expect(lines[0]).toMatchObject({ componentId: 'code', severity: 'info', payload: { level: 'info', message: 'doubling 21' } });
    });

    it('files console.warn and console.error at their severity, console.debug as a debug line', async () => {
      const code = [
        'function run(input) {',
        '  console.debug("checking", input.n);',
        '  console.warn("slow upstream");',
        '  console.error("upstream said", 503);',
        '  console.log("error", "is only a word here");',
        '  return input;',
        '}',
      ].join('\n');
      const flowId = await user.createFlow({
        hook: node(WEBHOOK),
        code: node('weft.utils.code.JavaScript', ['hook.out'], { lambda: { n: '{{{$.hook.out.body.n}}}' }, properties: { code } }),
      });
      const test = await user.call<{ correlationId: string }>('POST', `/flows/${flowId}/test`, { componentId: 'hook', data: { body: { n: 21 } } });
      const lines = await user.waitForLogs({ correlationId: test.body.correlationId, direction: 'log', order: 'asc' }, (records) => records.length === 4);
      expect(lines.map((r) => [r.severity, r.payload])).toEqual([
        ['info', { level: 'debug', message: 'checking 21' }],
        ['warn', { level: 'warn', message: 'slow upstream' }],
        ['error', { level: 'error', message: 'upstream said 503' }],
        ['info', { level: 'info', message: 'error is only a word here' }],
      ]);
    });
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
