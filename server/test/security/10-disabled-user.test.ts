/**
 * Item 10: a disabled user's flows kept running. Disabling a user must stop their flows (component
 * `stop`, timers and ticks gone), their webhooks must answer 410 `user.disabled`, and nothing of
 * theirs still in flight may run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { MESSAGES_QUEUE, type DeliverMessage } from '../../src/engine/message.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

const seen = { stops: [] as string[], ticks: 0, received: [] as unknown[] };

const Lifecycle = defineComponent(
  { name: 'test.security.Lifecycle', label: 'Lifecycle', outPorts: [{ name: 'out' }], trigger: true, tick: 50 },
  {
    async stop(context) {
      seen.stops.push(context.flowId);
    },
    async tick() {
      seen.ticks += 1;
    },
  },
);
const Recorder = defineComponent(
  { name: 'test.security.Recorder', label: 'Recorder', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      seen.received.push(context.messages.in?.content);
    },
  },
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await sleep(20);
  }
}

describe('when an operator disables a user', () => {
  let weft: TestWeft;
  let admin: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [Lifecycle, Recorder] });
    admin = await weft.operator();
  });
  afterAll(() => weft.close());

  it('stops their flows (component stop, no more ticks) and their webhooks answer 410 user.disabled', async () => {
    const mallory = await weft.signup();
    const flowId = await mallory.createFlow({
      hook: node(WEBHOOK),
      reply: reply('hook.out', { ok: true }),
      life: node('test.security.Lifecycle'),
    });
    await mallory.startFlow(flowId);
    expect((await callWebhook(weft, flowId, {})).status).toBe(200);
    await waitUntil(() => seen.ticks >= 1);

    const disabled = await admin.call('POST', `/admin/users/${mallory.userId}/disable`);
    expect(disabled.status).toBe(200);

    expect(seen.stops).toContain(flowId);
    expect((await weft.weft.engine.store.getFlow(flowId))?.stage).toBe('stopped');
    const hook = await callWebhook(weft, flowId, {});
    expect(hook.status).toBe(410);
    expect(hook.body).toMatchObject({ error: { code: 'user.disabled' } });

    // A tick already on its way may still land; after that, none.
    await sleep(300);
    const ticks = seen.ticks;
    await sleep(600);
    expect(seen.ticks).toBe(ticks);
  });

  it('does not restart their flows when the user is enabled again', async () => {
    const bob = await weft.signup();
    const flowId = await bob.createFlow({ hook: node(WEBHOOK), reply: reply('hook.out', { ok: true }) });
    await bob.startFlow(flowId);
    await admin.call('POST', `/admin/users/${bob.userId}/disable`);
    expect((await admin.call('POST', `/admin/users/${bob.userId}/enable`)).status).toBe(200);

    expect((await weft.weft.engine.store.getFlow(flowId))?.stage).toBe('stopped');
    const hook = await callWebhook(weft, flowId, {});
    expect(hook.status).toBe(409);
    expect(hook.body).toMatchObject({ error: { code: 'flow.not_running' } });
  });

  it('runs none of their messages still in flight, even while a flow is still marked running', async () => {
    // Another API process disabled the account and has not stopped this flow yet.
    const eve = await weft.signup();
    const flowId = await eve.createFlow({
      hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }),
      rec: node('test.security.Recorder', ['hook.out'], { lambda: { n: '{{{$.hook.out.body.n}}}' } }),
    });
    await eve.startFlow(flowId);
    await weft.weft.engine.store.updateUser(eve.userId, { disabled: true });
    await sleep(1100); // longer than this process's flow cache trusts what it read

    const hook = await callWebhook(weft, flowId, { n: 1 });
    expect(hook.status).toBe(410);
    expect(hook.body).toMatchObject({ error: { code: 'user.disabled' } });

    const message: DeliverMessage = {
      type: 'deliver', id: `in-flight-${Date.now()}`, userId: eve.userId, flowId, componentId: 'rec', port: 'in',
      correlationId: 'c-in-flight', attempt: 1, content: { n: 2 }, scope: {},
    };
    await weft.weft.engine.bus.publish(MESSAGES_QUEUE, [{ id: message.id, body: message }]);
    for (let i = 0; i < 200 && (await weft.weft.engine.bus.depth(MESSAGES_QUEUE)) > 0; i++) await sleep(20);
    await sleep(300);
    expect(seen.received).toEqual([]);
  });
});
