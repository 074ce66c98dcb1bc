/**
 * Issue 11, item 5 (engine parts): one user must not starve everyone.
 * - A flow calling itself through CallFlow used to recurse without end (755k log records in 70 s).
 * - One user's slow messages used to take every delivery slot of a worker, so other users waited.
 * - One user could fill the log index without bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestWeft } from '../harness.ts';
import { gatedComponent } from '../engine/gated-component.ts';

describe('a flow that calls itself', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_MAX_CALL_DEPTH: '8' } });
  });
  afterAll(async () => weft.close());

  it('stops after the maximum depth with flow.call_depth, instead of recursing forever', async () => {
    const user = await weft.signup();
    const flowId = await user.createFlow({});
    const call = (from: string) => node('weft.utils.controls.CallFlow', [from], { lambda: { flowId, data: { n: 1 } } });
    const updated = await user.call('PUT', `/flows/${flowId}`, {
      version: 1,
      flow: {
        hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }),
        first: call('hook.out'),
        entry: node('weft.utils.controls.OnCall'),
        again: call('entry.out'),
      },
    });
    expect(updated.status).toBe(200);
    await user.startFlow(flowId);
    expect((await callWebhook(weft, flowId, {})).status).toBe(202);
    const errors = await user.waitForLogs({ flowId, direction: 'error' }, (records) => records.length >= 1, 30_000);
    expect(errors[0]!.error).toMatchObject({ code: 'flow.call_depth' });
    // Give a runaway recursion time to show itself, then count the calls: 1 from the hook, 7 more.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const calls = await user.call<{ records: unknown[] }>('GET', `/logs?flowId=${flowId}&componentId=entry&direction=in&limit=100`);
    expect(calls.body.records).toHaveLength(8);
  }, 60_000);
});

describe('one user with many slow messages', () => {
  let weft: TestWeft;
  const gated = gatedComponent('test.security.Slow');
  beforeAll(async () => {
    weft = await startTestWeft({ components: [gated.definition], env: { WEFT_PREFETCH: '8', WEFT_USER_IN_FLIGHT: '4' } });
  });
  afterAll(async () => {
    gated.open();
    await weft.close();
  });

  it('leaves the other users a share of the worker', async () => {
    const [alice, bob] = [await weft.signup(), await weft.signup()];
    const slow = await alice.createFlow({ hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }), slow: node('test.security.Slow', ['hook.out']) });
    await alice.startFlow(slow);
    const echo = await bob.createFlow({ hook: node(WEBHOOK), reply: reply('hook.out', { ok: true }) });
    await bob.startFlow(echo);
    // Alice fills far more than the worker's 8 slots with messages that do not finish.
    for (let i = 0; i < 20; i++) expect((await callWebhook(weft, slow, { i })).status).toBe(202);
    // Alone she may use the worker until it is busy: her share (4) and half of the other slots, no more.
    expect(await gated.settled(6)).toBe(6);
    // Bob is answered while Alice's messages are stuck in 6 of the 8 slots.
    const answer = await callWebhook(weft, echo, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true });
    gated.open();
    await alice.waitForLogs({ flowId: slow, componentId: 'slow', direction: 'out' }, (records) => records.length >= 20, 30_000);
  }, 60_000);
});

describe('a user who writes too many log records', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    // 20 KB a day.
    weft = await startTestWeft({ env: { WEFT_LOG_QUOTA_MB: String(20 / 1024) } });
  });
  afterAll(async () => weft.close());

  it('gets one log.quota_exceeded record and no more records that day, while flows keep running and others keep logging', async () => {
    const [alice, bob] = [await weft.signup(), await weft.signup()];
    const make = async (user: typeof alice) => {
      const flowId = await user.createFlow({ hook: node(WEBHOOK), reply: reply('hook.out', '{{{$.hook.out.body}}}') });
      await user.startFlow(flowId);
      return flowId;
    };
    const [aliceFlow, bobFlow] = [await make(alice), await make(bob)];
    for (let i = 0; i < 30; i++) {
      const answer = await callWebhook(weft, aliceFlow, { i, text: 'y'.repeat(500) });
      expect(answer.body).toMatchObject({ i });
    }
    const quota = await alice.waitForLogs({ flowId: aliceFlow, direction: 'error' }, (records) => records.length >= 1, 20_000);
    expect(quota).toHaveLength(1);
    expect(quota[0]!.error).toMatchObject({ code: 'log.quota_exceeded' });
    const all = await alice.call<{ records: unknown[] }>('GET', `/logs?flowId=${aliceFlow}&limit=1000`);
    // 30 runs write 90 records without a quota; 20 KB holds a few dozen of them.
    expect(all.body.records.length).toBeLessThan(50);
    expect((await callWebhook(weft, bobFlow, { hello: 1 })).body).toEqual({ hello: 1 });
    // Bob's run is logged in full: the webhook's in and out, the Response's in.
    await bob.waitForLogs({ flowId: bobFlow }, (records) => records.length >= 3, 20_000);
  }, 60_000);
});
