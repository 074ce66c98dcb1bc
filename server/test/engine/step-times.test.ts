import { describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { shareWeftAndUser } from '../connectors/shared-weft.ts';
import type { LogRecordBody } from '../harness.ts';

/** A pure step that takes 80 ms: fused after the webhook, in the same delivery. */
const Slow = defineComponent(
  { name: 'test.times.Slow', label: 'Slow', pure: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      await new Promise((resolve) => setTimeout(resolve, 80));
      await context.sendJson({ slow: true }, 'out');
    },
  },
);

const shared = shareWeftAndUser({ components: [Slow] });

type Timed = LogRecordBody & { durationMs?: number };

describe("a step's log records in a fused chain", () => {
  it("are stamped when that step ran, not when the chain's reports were filed", async () => {
    const { user, weft } = shared;
    const flowId = await user.createFlow({
      hook: node(WEBHOOK),
      slow: node('test.times.Slow', ['hook.out']),
      answer: reply('slow.out', { done: true }),
    });
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { name: 'Ada' });
    expect(answer.status).toBe(200);
    const correlationId = String(answer.headers.get('x-weft-correlation-id'));
    const records = (await user.waitForLogs({ correlationId, order: 'asc' }, (rs) => rs.length >= 5)) as Timed[];
    const find = (componentId: string, direction: string) => records.find((r) => r.componentId === componentId && r.direction === direction)!;
    const hookIn = find('hook', 'in');
    const hookOut = find('hook', 'out');
    const slowIn = find('slow', 'in');
    const slowOut = find('slow', 'out');
    // The webhook's receive ended, and it sent, before the Slow step began; its duration is its own.
    expect(hookIn.time + hookIn.durationMs!).toBeLessThanOrEqual(slowIn.time);
    expect(hookOut.time).toBeLessThanOrEqual(slowIn.time);
    expect(slowIn.durationMs).toBeGreaterThanOrEqual(75);
    expect(slowOut.time).toBeGreaterThanOrEqual(slowIn.time + 75);
  });
});
