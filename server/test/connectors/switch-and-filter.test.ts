import { beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, failureOf, node, reply, WEBHOOK } from './flow-builder.ts';
import { shareWeftAndUser } from './shared-weft.ts';

const shared = shareWeftAndUser();

describe('controls.Switch', () => {
  let flowId: string;
  beforeAll(async () => {
    flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      switch: node('weft.utils.controls.Switch', ['hook.out'], {
        lambda: {
          case1: { field: '{{{$.hook.out.body.amount}}}', operator: '>', value: 1000 },
          case2: { AND: [{ OR: [{ field: '{{{$.hook.out.body.country}}}', operator: 'in', value: 'CZ,SK' }] }] },
          case3: { field: '{{{$.hook.out.body.amount}}}', operator: '>', value: 100 },
        },
      }),
      big: reply('switch.case1', { route: 'big', amount: '{{{$.switch.case1.body.amount}}}' }),
      local: reply('switch.case2', { route: 'local' }),
      medium: reply('switch.case3', { route: 'medium' }),
      other: reply('switch.default', { route: 'default', passedThrough: '{{{$.switch.default.body}}}' }),
    });
    await shared.user.startFlow(flowId);
  });

  it('sends the message on the first case that holds', async () => {
    expect((await callWebhook(shared.weft, flowId, { amount: 5000, country: 'CZ' })).body).toEqual({ route: 'big', amount: 5000 });
    expect((await callWebhook(shared.weft, flowId, { amount: 500, country: 'SK' })).body).toEqual({ route: 'local' });
    expect((await callWebhook(shared.weft, flowId, { amount: 500, country: 'DE' })).body).toEqual({ route: 'medium' });
  });

  it('sends the unchanged message on "default" when no case holds', async () => {
    expect((await callWebhook(shared.weft, flowId, { amount: 5, country: 'DE' })).body).toEqual({ route: 'default', passedThrough: { amount: 5, country: 'DE' } });
  });
});

describe('controls.Switch with a list of cases', () => {
  it('takes the cases in order from "cases"', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      switch: node('weft.utils.controls.Switch', ['hook.out'], {
        lambda: { cases: [{ field: '{{{$.hook.out.body.tag}}}', operator: 'regex', value: '/^vip/i' }, { field: '{{{$.hook.out.body.tag}}}', operator: 'notEmpty' }] },
      }),
      vip: reply('switch.case1', 'vip'),
      tagged: reply('switch.case2', 'tagged'),
      other: reply('switch.default', 'untagged'),
    });
    await shared.user.startFlow(flowId);
    expect((await callWebhook(shared.weft, flowId, { tag: 'VIP-gold' })).body).toBe('vip');
    expect((await callWebhook(shared.weft, flowId, { tag: 'new' })).body).toBe('tagged');
    const untagged = await callWebhook(shared.weft, flowId, {});
    expect(untagged.body, JSON.stringify(untagged.body)).toBe('untagged');
  });
});

describe('controls.Filter', () => {
  it('lets through only the messages whose conditions hold', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }),
      filter: node('weft.utils.controls.Filter', ['hook.out'], { lambda: { expression: { field: '{{{$.hook.out.body.status}}}', operator: '=', value: 'paid' } } }),
      save: node('weft.utils.storage.Set', ['filter.out'], { lambda: { storeId: 'filter-test', key: '{{{$.filter.out.body.id}}}', value: '{{{$.filter.out.body}}}' } }),
    });
    await shared.user.startFlow(flowId);
    for (const [id, status] of [['a', 'paid'], ['b', 'open'], ['c', 'paid']]) {
      expect((await callWebhook(shared.weft, flowId, { id, status })).status).toBe(202);
    }
    const records = await shared.user.waitForLogs({ flowId, componentId: 'filter', direction: 'in' }, (rs) => rs.length === 3);
    expect(records).toHaveLength(3);
    const saved = await shared.user.waitForLogs({ flowId, componentId: 'save', direction: 'out' }, (rs) => rs.length === 2);
    expect(saved.map((r) => (r.payload as { key: string }).key).sort()).toEqual(['a', 'c']);
  });

  it('stops the run with a clear error when the expression is malformed', async () => {
    const flowId = await shared.user.createFlow({
      hook: node(WEBHOOK),
      filter: node('weft.utils.controls.Filter', ['hook.out'], { lambda: { expression: { field: 1, operator: 'resembles', value: 2 } } }),
      reply: reply('filter.out', 'never'),
    });
    await shared.user.startFlow(flowId);
    const answer = await callWebhook(shared.weft, flowId, {});
    expect(answer.status).toBe(500);
    expect(await failureOf(shared.user, answer)).toContain('malformed');
  });
});
