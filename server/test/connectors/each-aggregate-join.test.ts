import { beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, failureOf, node, reply, WEBHOOK, withPorts } from './flow-builder.ts';
import { shareWeftAndUser } from './shared-weft.ts';

const SET = 'weft.utils.transform.Set';
const shared = shareWeftAndUser();

describe('controls.Each with controls.Aggregate', () => {
  let flowId: string;
  beforeAll(async () => {
    flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      each: node('weft.utils.controls.Each', ['hook.out'], { lambda: { list: '{{{$.hook.out.body.items}}}' } }),
      double: node(SET, ['each.item'], { lambda: { values: { value: '{{{$.each.item.value | multiply(2)}}}', index: '{{{$.each.item.index}}}' } } }),
      collect: withPorts(
        'weft.utils.controls.Aggregate',
        node('', ['double.out'], { inPort: 'item' }),
        node('', ['each.done'], { inPort: 'done', lambda: { count: '{{{$.each.done.count}}}' } }),
      ),
      reply: reply('collect.out', '{{{$.collect.out}}}'),
    });
    await shared.user.startFlow(flowId);
  });

  it('sends every element with its index, then collects the results in order whatever order they arrive in', async () => {
    const items = Array.from({ length: 12 }, (_, i) => i + 1);
    const answer = await callWebhook(shared.weft, flowId, { items });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: items.map((n) => n * 2), count: 12 });
    const sent = await shared.user.waitForLogs({ flowId, componentId: 'each', direction: 'out' }, (rs) => rs.length >= 13);
    expect(sent.filter((r) => r.port === 'item').map((r) => r.payload)).toContainEqual({ value: 3, index: 2, count: 12 });
    expect(sent.filter((r) => r.port === 'done').map((r) => r.payload)).toEqual([{ count: 12 }]);
  });

  it('keeps concurrent runs apart', async () => {
    const answers = await Promise.all([[1, 2, 3], [10, 20], [7]].map((items) => callWebhook(shared.weft, flowId, { items })));
    expect(answers.map((a) => a.body as unknown)).toEqual([{ items: [2, 4, 6], count: 3 }, { items: [20, 40], count: 2 }, { items: [14], count: 1 }]);
  });

  it('answers an empty list at once with no items', async () => {
    expect((await callWebhook(shared.weft, flowId, { items: [] })).body).toEqual({ items: [], count: 0 });
  });

  it('refuses a list that is not an array', async () => {
    const answer = await callWebhook(shared.weft, flowId, { items: 'abc' });
    expect(answer.status).toBe(500);
    expect(await failureOf(shared.user, answer)).toContain('Each needs an array');
  });
});

describe('controls.Aggregate when items go missing', () => {
  it('sends what it collected on "timeout", with the count it expected', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      each: node('weft.utils.controls.Each', ['hook.out'], { lambda: { list: '{{{$.hook.out.body.items}}}' } }),
      odd: node('weft.utils.controls.Filter', ['each.item'], { lambda: { expression: { field: '{{{$.each.item.value | mod(2)}}}', operator: '=', value: 1 } } }),
      collect: withPorts(
        'weft.utils.controls.Aggregate',
        node('', ['odd.out'], { inPort: 'item', properties: { timeoutMs: 300 } }),
        node('', ['each.done'], { inPort: 'done', lambda: { count: '{{{$.each.done.count}}}' } }),
      ),
      done: reply('collect.out', 'complete'),
      partial: reply('collect.timeout', '{{{$.collect.timeout}}}', 504),
    });
    await shared.user.startFlow(flowId);
    const answer = await callWebhook(shared.weft, flowId, { items: [1, 2, 3, 4, 5] });
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual({ items: [1, 3, 5], count: 3, expected: 5 });
  });
});

describe('controls.Join', () => {
  it('waits for every connected component of the run, then sends what each sent', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      a: node(SET, ['hook.out'], { lambda: { values: { from: 'a', n: '{{{$.hook.out.body.n}}}' } } }),
      b: node(SET, ['hook.out'], { lambda: { values: { from: 'b' } } }),
      c: node(SET, ['hook.out'], { lambda: { values: { from: 'c' } } }),
      join: node('weft.utils.controls.Join', ['a.out', 'b.out', 'c.out']),
      reply: reply('join.out', '{{{$.join.out.messages}}}'),
    });
    await shared.user.startFlow(flowId);
    const answers = await Promise.all([1, 2, 3, 4].map((n) => callWebhook(shared.weft, flowId, { n })));
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ a: { from: 'a', n: i + 1 }, b: { from: 'b' }, c: { from: 'c' } });
    });
    const sent = await shared.user.waitForLogs({ flowId, componentId: 'join', direction: 'out' }, (rs) => rs.length >= 4);
    expect(sent).toHaveLength(4);
  });

  it('sends what arrived on "timeout" when a source never sends', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      a: node(SET, ['hook.out'], { lambda: { values: { from: 'a' } } }),
      gate: node('weft.utils.controls.Filter', ['hook.out'], { lambda: { expression: { field: 1, operator: '=', value: 2 } } }),
      join: node('weft.utils.controls.Join', ['a.out', 'gate.out'], { properties: { timeoutMs: 300 } }),
      done: reply('join.out', 'complete'),
      late: reply('join.timeout', { partial: '{{{$.join.timeout.messages}}}', missing: '{{{$.join.timeout.missing}}}' }, 504),
    });
    await shared.user.startFlow(flowId);
    const answer = await callWebhook(shared.weft, flowId, {});
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual({ partial: { a: { from: 'a' } }, missing: ['gate'] });
  });
});
