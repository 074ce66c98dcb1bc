import { describe, expect, it } from 'vitest';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { shareWeftAndUser } from '../connectors/shared-weft.ts';

/** The caller would wait this long for a Response; every test here must be answered well before it. */
const LONG_TIMEOUT_MS = 25_000;
const hook = () => node(WEBHOOK, [], { properties: { timeoutMs: LONG_TIMEOUT_MS } });
const shared = shareWeftAndUser();

async function startedFlow(flow: Parameters<typeof shared.user.createFlow>[0]): Promise<string> {
  const flowId = await shared.user.createFlow(flow);
  await shared.user.startFlow(flowId);
  return flowId;
}

describe('when a held webhook run ends without reaching a Response', () => {
  it('answers 204 with the correlation id as soon as its last branch ends', { timeout: 10_000 }, async () => {
    const flowId = await startedFlow({
      hook: hook(),
      adult: node('weft.utils.controls.Condition', ['hook.out'], { lambda: { expression: { field: '{{{$.hook.out.body.age}}}', operator: '>=', value: 18 } } }),
      reply: reply('adult.true', { welcome: true }),
    });
    const adult = await callWebhook(shared.weft, flowId, { age: 30 });
    expect(adult.status).toBe(200);
    const child = await callWebhook(shared.weft, flowId, { age: 9 });
    expect(child.status).toBe(204);
    expect(child.body).toBeNull();
    const correlationId = child.headers.get('x-weft-correlation-id')!;
    const records = await shared.user.waitForLogs({ correlationId }, (r) => r.some((x) => x.componentId === 'adult' && x.direction === 'out'));
    expect(records.find((x) => x.componentId === 'adult' && x.direction === 'out')?.port).toBe('false');
  });

  it('waits for every branch of a fan-out, including those held by a timer', { timeout: 10_000 }, async () => {
    const flowId = await startedFlow({
      hook: hook(),
      each: node('weft.utils.controls.Each', ['hook.out'], { lambda: { list: '{{{$.hook.out.body.items}}}' } }),
      wait: node('weft.utils.timers.Wait', ['each.item'], { lambda: { delayMs: '{{{$.each.item.value}}}' } }),
      set: node('weft.utils.transform.Set', ['wait.out'], { lambda: { values: { waited: true } } }),
    });
    const started = Date.now();
    const answer = await callWebhook(shared.weft, flowId, { items: [100, 400, 250] });
    expect(answer.status).toBe(204);
    // The longest branch sat 400 ms in a durable timer: the run cannot have ended before it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    const correlationId = answer.headers.get('x-weft-correlation-id')!;
    const sets = await shared.user.waitForLogs({ correlationId, componentId: 'set' }, (r) => r.filter((x) => x.direction === 'out').length >= 3);
    expect(sets.filter((x) => x.direction === 'out')).toHaveLength(3);
  });

  it('still answers with the Response a timer-held branch reaches later', { timeout: 10_000 }, async () => {
    const flowId = await startedFlow({
      hook: hook(),
      wait: node('weft.utils.timers.Wait', ['hook.out'], { lambda: { delayMs: 300 } }),
      reply: reply('wait.out', { late: true }),
    });
    const answer = await callWebhook(shared.weft, flowId, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ late: true });
  });
});
