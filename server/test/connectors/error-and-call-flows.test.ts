import { describe, expect, it } from 'vitest';
import { callWebhook, failureOf, node, reply, WEBHOOK } from './flow-builder.ts';
import { shareWeftAndUser } from './shared-weft.ts';

const shared = shareWeftAndUser();

describe('controls.ErrorTrigger', () => {
  it('starts a run of the error flow with the failure report when a flow fails for good', async () => {
    const errorFlowId = await shared.user.createFlow({
      failed: node('weft.utils.controls.ErrorTrigger'),
      save: node('weft.utils.storage.Set', ['failed.out'], { lambda: { storeId: 'failures', key: '{{{$.failed.out.correlationId}}}', value: '{{{$.failed.out}}}' } }),
    }, 'On failure');
    await shared.user.startFlow(errorFlowId);
    const created = await shared.user.call<{ flowId: string }>('POST', '/flows', {
      name: 'Fragile',
      errorFlowId,
      flow: {
        hook: node(WEBHOOK),
        each: node('weft.utils.controls.Each', ['hook.out'], { lambda: { list: '{{{$.hook.out.body.notAList}}}' } }),
      },
    });
    expect(created.status).toBe(201);
    const flowId = created.body.flowId;
    await shared.user.startFlow(flowId);

    const answer = await callWebhook(shared.weft, flowId, { notAList: 42 });
    expect(answer.status).toBe(500);
    const [saved] = await shared.user.waitForLogs({ flowId: errorFlowId, componentId: 'save', direction: 'out' }, (rs) => rs.length === 1);
    expect(saved!.payload).toMatchObject({
      value: {
        flowId, flowName: 'Fragile', componentId: 'each', componentType: 'weft.utils.controls.Each', attempts: 1,
        error: { code: 'component.cancelled', message: expect.stringContaining('Each needs an array') },
        content: { list: 42 },
      },
    });
    const [failedIn] = await shared.user.waitForLogs({ flowId, componentId: 'each', direction: 'error' }, (rs) => rs.length === 1);
    expect(saved!.correlationId).toBe(failedIn!.correlationId);
  });
});

describe('controls.CallFlow and controls.OnCall', () => {
  it('starts a run of the called flow with the data and answers with its correlation id', async () => {
    const calleeId = await shared.user.createFlow({
      entry: node('weft.utils.controls.OnCall'),
      save: node('weft.utils.storage.Set', ['entry.out'], { lambda: { storeId: 'calls', key: '{{{$.entry.out.orderId}}}', value: '{{{$.entry.out}}}' } }),
    }, 'Callee');
    await shared.user.startFlow(calleeId);
    const callerId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      call: node('weft.utils.controls.CallFlow', ['hook.out'], { lambda: { flowId: calleeId, data: { orderId: '{{{$.hook.out.body.orderId}}}', via: 'caller' } } }),
      reply: reply('call.out', { run: '{{{$.call.out.correlationId}}}' }),
    }, 'Caller');
    await shared.user.startFlow(callerId);

    const answer = await callWebhook(shared.weft, callerId, { orderId: 'o-17' });
    expect(answer.status).toBe(200);
    const run = (answer.body as { run: string }).run;
    expect(run).toEqual(expect.any(String));
    const [sent] = await shared.user.waitForLogs({ flowId: calleeId, componentId: 'entry', direction: 'out' }, (rs) => rs.length === 1);
    expect(sent).toMatchObject({ correlationId: run, payload: { orderId: 'o-17', via: 'caller' } });
    await shared.user.waitForLogs({ flowId: calleeId, componentId: 'save', direction: 'out' }, (rs) => rs.length === 1);
  });

  it('stops the caller with a clear error when the called flow has no OnCall trigger', async () => {
    const calleeId = await shared.user.createFlow({ hook: node(WEBHOOK) }, 'Not callable');
    await shared.user.startFlow(calleeId);
    const callerId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      call: node('weft.utils.controls.CallFlow', ['hook.out'], { lambda: { flowId: calleeId, data: {} } }),
      reply: reply('call.out', 'unreachable'),
    });
    await shared.user.startFlow(callerId);
    const answer = await callWebhook(shared.weft, callerId, {});
    expect(answer.status).toBe(500);
    expect(await failureOf(shared.user, answer)).toContain('has no OnCall trigger');
  });
});
