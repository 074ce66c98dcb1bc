import { describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { callWebhook, node, WEBHOOK } from '../connectors/flow-builder.ts';
import { shareWeftAndUser } from '../connectors/shared-weft.ts';
import type { TestUser } from '../harness.ts';

interface RunBody {
  correlationId: string; flowId: string; status: string; startedAt: number; lastAt: number; endedAt?: number; durationMs?: number;
  steps: number; errors: number; failure?: { componentId: string; componentType: string; error: { code: string; message: string } };
}

/** Fails while `failing` is set. */
let failing = true;
const Fragile = defineComponent(
  { name: 'test.runs.Fragile', label: 'Fragile', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      if (failing) throw new Error('the mail server is down');
      await context.sendJson({ sent: true }, 'out');
    },
  },
);

/** Holds each message until the test releases it. */
let release: () => void = () => undefined;
let held = Promise.resolve();
const Gate = defineComponent(
  { name: 'test.runs.Gate', label: 'Gate', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      await held;
      await context.sendJson({ through: true }, 'out');
    },
  },
);
let recorded = 0;
const Recorder = defineComponent(
  { name: 'test.runs.Recorder', label: 'Recorder', inPorts: [{ name: 'in' }], outPorts: [] },
  {
    async receive() {
      recorded += 1;
    },
  },
);

const shared = shareWeftAndUser({ components: [Fragile, Gate, Recorder] });
const hook = () => node(WEBHOOK, [], { properties: { waitForResponse: false } });

async function startedFlow(user: TestUser, flow: Record<string, unknown>): Promise<string> {
  const flowId = await user.createFlow(flow);
  await user.startFlow(flowId);
  return flowId;
}

async function trigger(flowId: string, body: unknown = {}): Promise<string> {
  const answer = await callWebhook(shared.weft, flowId, body);
  expect(answer.status).toBe(202);
  return (answer.body as { correlationId: string }).correlationId;
}

async function runUntil(user: TestUser, correlationId: string, predicate: (run: RunBody) => boolean, timeoutMs = 8000): Promise<RunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await user.call<RunBody>('GET', `/runs/${correlationId}`);
    if (answer.status === 200 && predicate(answer.body)) return answer.body;
    if (Date.now() > deadline) throw new Error(`run never matched: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run history', () => {
  describe('when every branch of a run ends', () => {
    it('records it as succeeded, with its steps and duration, and shows it as the flow\'s last run', async () => {
      const { user } = shared;
      const flowId = await startedFlow(user, {
        hook: hook(),
        each: node('weft.utils.controls.Each', ['hook.out'], { lambda: { list: '{{{$.hook.out.body.items}}}' } }),
        set: node('weft.utils.transform.Set', ['each.item'], { lambda: { values: { seen: '{{{$.each.item.value}}}' } } }),
      });
      const correlationId = await trigger(flowId, { items: [1, 2, 3] });
      const run = await runUntil(user, correlationId, (r) => r.status === 'succeeded');
      // hook, each, three sets.
      expect(run).toMatchObject({ correlationId, flowId, steps: 5, errors: 0 });
      expect(run.durationMs).toBe(run.endedAt! - run.startedAt);
      const flows = await user.call<{ items: { flowId: string; lastRun?: { correlationId: string; status: string } }[] }>('GET', '/flows');
      expect(flows.body.items.find((f) => f.flowId === flowId)?.lastRun).toMatchObject({ correlationId, status: 'succeeded' });
    });
  });

  describe('when a component fails after its retries', () => {
    it('records the run as failed with the failing component and error, and as succeeded once a retry goes through', async () => {
      const { user } = shared;
      failing = true;
      const flowId = await startedFlow(user, { hook: hook(), mail: node('test.runs.Fragile', ['hook.out']) });
      const correlationId = await trigger(flowId);
      const run = await runUntil(user, correlationId, (r) => r.status === 'failed');
      expect(run.failure).toMatchObject({ componentId: 'mail', componentType: 'test.runs.Fragile', error: { message: 'the mail server is down' } });
      // The harness allows 3 attempts.
      expect(run.errors).toBe(3);
      const failed = await user.call<{ runs: RunBody[] }>('GET', `/runs?flowId=${flowId}&status=failed`);
      expect(failed.body.runs.map((r) => r.correlationId)).toEqual([correlationId]);

      failing = false;
      const parked = await user.call<{ items: { id: string }[] }>('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect((await user.call('POST', `/unprocessed-messages/${parked.body.items[0]!.id}/retry`, {})).status).toBe(200);
      expect((await runUntil(user, correlationId, (r) => r.status === 'succeeded')).steps).toBe(2);
    });
  });

  describe('when the rest of a run sits in a Wait timer', () => {
    it('records it as waiting, then succeeded once the timer fired and its branch ended', async () => {
      const { user } = shared;
      const flowId = await startedFlow(user, {
        hook: hook(),
        wait: node('weft.utils.timers.Wait', ['hook.out'], { lambda: { delayMs: 600 } }),
        set: node('weft.utils.transform.Set', ['wait.out'], { lambda: { values: { waited: true } } }),
      });
      const correlationId = await trigger(flowId);
      expect((await runUntil(user, correlationId, (r) => r.status !== 'running')).status).toBe('waiting');
      const done = await runUntil(user, correlationId, (r) => r.status === 'succeeded');
      expect(done.steps).toBe(4);
    });
  });

  describe('when a person cancels a run', () => {
    it('drops its timers: the branch after the Wait never runs, and the cancel is logged', async () => {
      const { user } = shared;
      recorded = 0;
      const flowId = await startedFlow(user, {
        hook: hook(),
        wait: node('weft.utils.timers.Wait', ['hook.out'], { lambda: { delayMs: 500 } }),
        record: node('test.runs.Recorder', ['wait.out']),
      });
      const correlationId = await trigger(flowId);
      await runUntil(user, correlationId, (r) => r.status === 'waiting');
      const cancelled = await user.call<RunBody>('POST', `/runs/${correlationId}/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(recorded).toBe(0);
      expect((await user.call<RunBody>('GET', `/runs/${correlationId}`)).body.status).toBe('cancelled');
      const logged = await user.waitForLogs({ correlationId, direction: 'log' }, (r) => r.length > 0);
      expect(logged[0]).toMatchObject({ severity: 'warn', port: 'cancel' });
      const again = await user.call<{ error: { code: string; path: string } }>('POST', `/runs/${correlationId}/cancel`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('run.ended');
    });

    it('drops its pending messages: what a running component sends after the cancel goes nowhere', async () => {
      const { user } = shared;
      recorded = 0;
      held = new Promise((resolve) => (release = resolve));
      const flowId = await startedFlow(user, { hook: hook(), gate: node('test.runs.Gate', ['hook.out']), record: node('test.runs.Recorder', ['gate.out']) });
      const correlationId = await trigger(flowId);
      // The run exists once the webhook's receive is logged; Gate is then holding its message.
      await runUntil(user, correlationId, (r) => r.steps >= 1);
      expect((await user.call('POST', `/runs/${correlationId}/cancel`, {})).status).toBe(200);
      release();
      await user.waitForLogs({ correlationId, componentId: 'gate', direction: 'out' }, (r) => r.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(recorded).toBe(0);
      expect((await user.call<RunBody>('GET', `/runs/${correlationId}`)).body.status).toBe('cancelled');
    });
  });

  describe('listing runs', () => {
    it('pages newest first with a cursor, visiting each run once', async () => {
      const { user } = shared;
      const flowId = await startedFlow(user, { hook: hook() });
      const started: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        started.push(await trigger(flowId));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await runUntil(user, started.at(-1)!, (r) => r.status === 'succeeded');
      for (const id of started) await runUntil(user, id, (r) => r.status === 'succeeded');
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page += 1) {
        const answer = await user.call<{ runs: RunBody[]; nextCursor?: string }>('GET', `/runs?flowId=${flowId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(answer.status).toBe(200);
        expect(answer.body.runs.length).toBeLessThanOrEqual(2);
        seen.push(...answer.body.runs.map((r) => r.correlationId));
        cursor = answer.body.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(5);
      expect(seen).toEqual([...started].reverse());
    });

    it('refuses a status it does not know, naming the field', async () => {
      const answer = await shared.user.call<{ error: { code: string; path: string } }>('GET', '/runs?status=exploded');
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'request.invalid', path: 'query.status' });
    });
  });

  describe("another user's runs", () => {
    it('are a 404 to read or cancel, and never listed', async () => {
      const { user, weft } = shared;
      const flowId = await startedFlow(user, { hook: hook() });
      const correlationId = await trigger(flowId);
      await runUntil(user, correlationId, (r) => r.status === 'succeeded');
      const stranger = await weft.signup();
      const read = await stranger.call<{ error: { code: string } }>('GET', `/runs/${correlationId}`);
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe('run.not_found');
      expect((await stranger.call('POST', `/runs/${correlationId}/cancel`, {})).status).toBe(404);
      expect((await stranger.call<{ runs: RunBody[] }>('GET', '/runs')).body.runs).toEqual([]);
      expect((await stranger.call<{ runs: RunBody[] }>('GET', `/runs?flowId=${flowId}`)).body.runs).toEqual([]);
    });
  });
});
