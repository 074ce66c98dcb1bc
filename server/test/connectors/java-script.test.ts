import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, reply, WEBHOOK } from './flow-builder.ts';

const JS = 'weft.utils.code.JavaScript';

function codeFlow(code: string) {
  return {
    hook: node(WEBHOOK),
    code: node(JS, ['hook.out'], { lambda: { order: '{{{$.hook.out.body}}}' }, properties: { code } }),
    answer: reply('code.out', '{{{$.code.out}}}'),
  };
}

describe('the JavaScript code component', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_SANDBOX_TIMEOUT_MS: '100' } });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  it('runs run(input, context) and sends what it returns', async () => {
    const flowId = await user.createFlow(codeFlow(
      'async function run(input, context) {\n  const total = input.order.items.reduce((s, i) => s + i.price, 0);\n  return { total, flowId: context.flowId, componentId: context.componentId };\n}',
    ));
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { items: [{ price: 2 }, { price: 40 }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ total: 42, flowId, componentId: 'code' });
  });

  it('reports code that does not compile in validation, with the line, and will not start', async () => {
    const flowId = await user.createFlow(codeFlow('function run(input) {\n  return input +;\n}'));
    const report = await user.call('GET', `/flows/${flowId}/validate`);
    expect(report.body.valid).toBe(false);
    expect(report.body.problems).toContainEqual(expect.objectContaining({
      code: 'code.syntax', componentId: 'code', path: 'flow.code.config.properties.code', message: expect.stringContaining('line 2'),
    }));
    expect((await user.call('POST', `/flows/${flowId}/start`)).status).toBe(422);
  });

  it('retries a throw, then parks the message as unprocessed with the message and line', async () => {
    const flowId = await user.createFlow(codeFlow('function run(input) {\n  throw new Error("bad order " + input.order.id);\n}'));
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { id: 7 });
    expect(answer.status).toBe(500);
    const errors = await user.waitForLogs({ flowId, direction: 'error' }, (records) => records.length === 3);
    expect(errors.map((r) => r.error?.code)).toEqual(['SANDBOX_THROWN', 'SANDBOX_THROWN', 'SANDBOX_THROWN']);
    expect(errors.find((r) => r.severity === 'error')?.error?.message).toContain('bad order 7 (line 2');
    expect((await user.call('GET', `/unprocessed-messages?flowId=${flowId}`)).body.total).toBe(1);
  });

  it('stops an endless loop at the time limit and takes the retry path', async () => {
    const flowId = await user.createFlow(codeFlow('function run() { while (true) {} }'));
    await user.startFlow(flowId);
    const started = Date.now();
    expect((await callWebhook(weft, flowId, {})).status).toBe(500);
    expect(Date.now() - started).toBeLessThan(5_000);
    const errors = await user.waitForLogs({ flowId, direction: 'error' }, (records) => records.length === 3);
    expect(errors.every((r) => r.error?.code === 'SANDBOX_TIMEOUT')).toBe(true);
  });

  it('sends nothing when run returns undefined', async () => {
    const flowId = await user.createFlow({ ...codeFlow('function run() {}'), answer: reply('code.out', 'never') });
    await user.startFlow(flowId);
    await user.call('POST', `/flows/${flowId}/test`, { componentId: 'hook', data: { body: {} } });
    const records = await user.waitForLogs({ flowId, componentId: 'code' }, (r) => r.some((x) => x.direction === 'in'));
    expect(records.filter((r) => r.direction === 'out')).toEqual([]);
  });
});
