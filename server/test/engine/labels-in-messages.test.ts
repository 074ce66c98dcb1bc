/**
 * Issue 12: messages name components by the labels their owner gave them in the designer, never by
 * their UUIDs; the ids stay in structured fields (`componentId`, `path`) for machines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, node, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const SET = 'weft.utils.transform.Set';
const HOOK_ID = '50ce0a13-4c1e-4d0c-9a8e-3f5e2b7c9d10';
const SET_ID = '7e44868b-2a4f-4f7e-8b8e-1c2d3e4f5a6b';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A webhook labelled "Order arrives" feeding a Set labelled "Read order" that parses the body's text as JSON. */
function orderFlow(lambda: Record<string, unknown> = { values: { order: `{{{$.${HOOK_ID}.out.body.text | jsonParse}}}` } }) {
  return {
    [HOOK_ID]: { ...node(WEBHOOK), label: 'Order arrives' },
    [SET_ID]: { ...node(SET, [`${HOOK_ID}.out`], { lambda }), label: 'Read order' },
  };
}

describe('when components carry labels', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  it('names them by label in validation problems, with the ids in componentId and path', async () => {
    const flowId = await user.createFlow(orderFlow({ values: { order: `{{{$.${SET_ID}.out.text}}}` } }), 'Reads itself');
    const validation = await user.call('GET', `/flows/${flowId}/validate`);
    expect(validation.body.problems).toEqual([
      expect.objectContaining({ code: 'variable.not_ancestor', componentId: SET_ID, path: `flow.${SET_ID}.config.transform.in.${HOOK_ID}.out.values.order` }),
    ]);
    const [problem] = validation.body.problems as { message: string }[];
    expect(problem!.message).toBe(`{{{$.${SET_ID}.out.text}}} reads "Read order", which does not run before "Read order"`);
    // The only UUID left is the one the user typed into the mapping.
    expect(problem!.message.replace(`$.${SET_ID}.out.text`, '')).not.toMatch(UUID);
  });

  describe('and a mapping into the Set fails at run time', () => {
    let flowId: string;
    let answer: Awaited<ReturnType<typeof callWebhook>>;
    beforeAll(async () => {
      flowId = await user.createFlow(orderFlow(), 'Orders');
      await user.startFlow(flowId);
      answer = await callWebhook(weft, flowId, { text: 'not json' }, HOOK_ID);
    });

    it('answers the caller with a 500 that names the Set by its label, not its id', () => {
      expect(answer.status).toBe(500);
      const correlationId = answer.headers.get('x-weft-correlation-id');
      expect(answer.body).toEqual({
        error: {
          code: 'flow.failed',
          message: `The flow failed at "Read order" and could not complete this call. Quote correlation id ${correlationId} to its owner.`,
          correlationId,
          componentId: SET_ID,
        },
      });
      expect((answer.body as { error: { message: string } }).error.message).not.toContain(SET_ID);
    });

    it('parks the message under the Set, not the webhook, and logs the error there', async () => {
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect(parked.body.total).toBe(1);
      const [item] = parked.body.items as { componentId: string; componentType: string; error: { code: string; message: string }; message: { componentId: string } }[];
      expect(item).toMatchObject({ componentId: SET_ID, componentType: SET, error: { code: 'modifier.failed' } });
      expect(item!.error.message).toContain('"Read order"');
      expect(item!.error.message).not.toMatch(UUID);
      // What a retry runs again is still the webhook's message.
      expect(item!.message.componentId).toBe(HOOK_ID);
      // People read the component's label and the flow's name; the ids stay for machines.
      expect(item).toMatchObject({ componentLabel: 'Read order', flowName: 'Orders' });
      const operator = await weft.operator();
      const everyone = await operator.call('GET', `/admin/unprocessed-messages?flowId=${flowId}`);
      expect(everyone.body.items[0]).toMatchObject({ componentId: SET_ID, componentLabel: 'Read order', flowName: 'Orders' });

      const correlationId = answer.headers.get('x-weft-correlation-id')!;
      const errors = await user.waitForLogs({ correlationId, direction: 'error' }, (records) => records.length > 0);
      expect(errors[0]).toMatchObject({ componentId: SET_ID, componentType: SET, port: 'in' });
      // The webhook did its part: the run shows it received and sent, then the Set failed.
      const run = await user.waitForLogs({ correlationId }, (records) => records.length >= 3);
      expect(run.map((record) => [record.componentId, record.direction]).reverse()).toEqual([[HOOK_ID, 'in'], [HOOK_ID, 'out'], [SET_ID, 'error']]);
      // Support may have only the message id: its records lead to the run.
      const byMessage = await user.call('GET', `/logs?messageId=${encodeURIComponent(errors[0]!.messageId)}`);
      expect(byMessage.status).toBe(200);
      expect(byMessage.body.records.length).toBeGreaterThan(0);
      for (const record of byMessage.body.records as { correlationId: string; messageId: string }[]) expect(record).toMatchObject({ correlationId, messageId: errors[0]!.messageId });
      const stranger = await weft.signup();
      expect((await stranger.call('GET', `/logs?messageId=${encodeURIComponent(errors[0]!.messageId)}`)).body.records).toEqual([]);
    });

    it('retries the parked message through the webhook again', async () => {
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      const [item] = parked.body.items as { id: string }[];
      const retried = await user.call('POST', `/unprocessed-messages/${item!.id}/retry`, { content: { body: { text: '{"id":7}' } } });
      expect(retried.status).toBe(200);
      const outs = await user.waitForLogs({ flowId, componentId: SET_ID, direction: 'out' }, (records) => records.length > 0);
      expect(outs[0]!.payload).toEqual({ order: { id: 7 } });
    });
  });
});
