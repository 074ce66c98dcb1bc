/**
 * Issue 11, item 1: one anonymous webhook call must not take the engine down.
 * The attack: Webhook (202 mode) → Each over the body's list → Set, called with 100,000 items.
 * Every message used to carry the run's whole scope, so Each turned n items into n² bytes and the
 * process died in JSON.stringify; the same message then killed it again after every restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../src/adapters/embedded/index.ts';
import type { BusMessage } from '../../src/ports/bus.ts';
import { callWebhook, node, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const SET = 'weft.utils.transform.Set';
const EACH = 'weft.utils.controls.Each';

let weft: TestWeft;
let user: TestUser;
/** JSON sizes of every engine message published, by the id of the flow it belongs to. */
const published = new Map<string, number[]>();

beforeAll(async () => {
  weft = await startTestWeft();
  user = await weft.signup();
  const bus = weft.weft.engine.bus;
  const note = (messages: readonly BusMessage[]) => {
    for (const message of messages) {
      const flowId = (message.body as { flowId?: string } | null)?.flowId ?? '';
      const sizes = published.get(flowId) ?? [];
      sizes.push(JSON.stringify(message.body).length);
      published.set(flowId, sizes);
    }
  };
  const publish = bus.publish.bind(bus);
  bus.publish = (queue: string, messages: readonly BusMessage[], options) => {
    note(messages);
    return publish(queue, messages, options);
  };
  // A delivery's own publishes go out with its commit (publish, mark processed and ack in one transaction).
  if (bus instanceof EmbeddedBus) {
    const commit = bus.commit.bind(bus);
    bus.commit = (seq, work) => {
      for (const batch of work.publishes) note(batch.messages);
      return commit(seq, work);
    };
  }
});
afterAll(async () => weft.close());

async function eachFlow(): Promise<string> {
  const flowId = await user.createFlow({
    hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }),
    each: node(EACH, ['hook.out'], { lambda: { list: '{{{$.hook.out.body.list}}}' } }),
    set: node(SET, ['each.item'], { lambda: { value: '{{{$.each.item.value}}}', first: '{{{$.hook.out.body.list[0]}}}' } }),
  });
  await user.startFlow(flowId);
  return flowId;
}

describe('what one webhook call may cost', () => {
  it('keeps every message small however big the body the run fans out from (no copy of the scope per message)', async () => {
    const flowId = await eachFlow();
    const list = Array.from({ length: 2_000 }, () => 0);
    const padding = 'x'.repeat(100_000);
    const accepted = await callWebhook(weft, flowId, { list, padding });
    expect(accepted.status).toBe(202);
    // 2,000 items to Set (done has no edge). The call runs in its request (an inline delivery: its
    // own message is never published) and Each is pure, so hook → each runs there too (fused); its
    // 2,000 sends are more than a fused step fans out, so they cross the Bus.
    const deadline = Date.now() + 60_000;
    while ((published.get(flowId)?.length ?? 0) < 2_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const sizes = published.get(flowId) ?? [];
    expect(sizes.length).toBe(2_000);
    // Each carries only small outputs and references, not the 100 KB request.
    expect(Math.max(...sizes)).toBeLessThan(4_096);
    // Copying the 100 KB body into each item's message would have published over 200 MB.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(8_000_000);
    // The mapping that read the big body still saw it.
    const records = await user.waitForLogs({ flowId, componentId: 'set', direction: 'out' }, (rs) => rs.length >= 1);
    expect(records[0]!.payload).toMatchObject({ first: 0 });
  }, 120_000);

  it('parks the exact attack (100,000 items) with a clear error, and goes on serving other flows', async () => {
    const flowId = await eachFlow();
    const list = Array.from({ length: 100_000 }, () => 0);
    const accepted = await callWebhook(weft, flowId, { list });
    expect(accepted.status).toBe(202);
    const errors = await user.waitForLogs({ flowId, componentId: 'each', direction: 'error' }, (records) => records.length >= 1, 60_000);
    expect(errors[0]!.error).toMatchObject({ code: 'component.too_many_sends' });
    expect(errors[0]!.error!.message).toMatch(/10000 messages from one message/);
    const parked = await user.call<{ items: { error: { code: string } }[] }>('GET', `/unprocessed-messages?flowId=${flowId}`);
    expect(parked.body.items.map((item) => item.error.code)).toEqual(['component.too_many_sends']);
    // Nothing reached Set, and the engine still answers.
    // Nothing at all was published: the call ran in its request, hook → each fused, and Each failed there.
    expect((published.get(flowId) ?? []).length).toBe(0);
    const echo = await user.createFlow({
      hook: node(WEBHOOK),
      reply: node('weft.utils.http.Response', ['hook.out'], { lambda: { body: { ok: '{{{$.hook.out.body.ok}}}' } } }),
    });
    await user.startFlow(echo);
    const answer = await callWebhook(weft, echo, { ok: true });
    expect(answer.body).toEqual({ ok: true });
  }, 120_000);
});
