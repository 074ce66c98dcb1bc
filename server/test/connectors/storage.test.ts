import { beforeAll, expect, it } from 'vitest';
import type { TestUser } from '../harness.ts';
import { callWebhook, failureOf, node, reply, WEBHOOK } from './flow-builder.ts';
import { shareWeftAndUser } from './shared-weft.ts';

const shared = shareWeftAndUser();
let flowIds: Record<'set' | 'get' | 'find' | 'remove', string>;

const STORAGE = 'weft.utils.storage';
/** One flow per storage component: Webhook → storage.X (fields from the body) → Response with its output. */
async function storageFlows(owner: TestUser) {
  const entries = await Promise.all((['Set', 'Get', 'Find', 'Remove'] as const).map(async (name) => {
    const flowId = await owner.createFlow({
      hook: node(WEBHOOK),
      op: node(`${STORAGE}.${name}`, ['hook.out'], {
        lambda: {
          storeId: '{{{$.hook.out.body.storeId}}}', key: '{{{$.hook.out.body.key}}}', value: '{{{$.hook.out.body.value}}}',
          prefix: '{{{$.hook.out.body.prefix}}}', limit: '{{{$.hook.out.body.limit}}}',
        },
      }),
      reply: reply('op.out', '{{{$.op.out}}}'),
    });
    await owner.startFlow(flowId);
    return [name.toLowerCase(), flowId] as const;
  }));
  return Object.fromEntries(entries) as typeof flowIds;
}

beforeAll(async () => {
  flowIds = await storageFlows(shared.user);
});

it('saves, reads, finds by prefix and removes values, in the default store unless told otherwise', async () => {
  const call = (op: keyof typeof flowIds, body: Record<string, unknown>) => callWebhook(shared.weft, flowIds[op], body).then((a) => a.body as unknown);
  expect(await call('set', { key: 'order:1', value: { total: 10 } })).toEqual({ storeId: 'default', key: 'order:1', value: { total: 10 } });
  await call('set', { key: 'order:2', value: 20 });
  await call('set', { key: 'customer:1', value: 'Ann' });
  await call('set', { storeId: 'other', key: 'order:9', value: 'elsewhere' });

  expect(await call('get', { key: 'order:1' })).toEqual({ storeId: 'default', key: 'order:1', value: { total: 10 }, found: true });
  expect(await call('get', { key: 'order:404' })).toEqual({ storeId: 'default', key: 'order:404', value: null, found: false });
  expect(await call('get', { storeId: 'other', key: 'order:9' })).toMatchObject({ value: 'elsewhere', found: true });

  expect(await call('find', { prefix: 'order:' })).toEqual({ items: [{ key: 'order:1', value: { total: 10 } }, { key: 'order:2', value: 20 }], count: 2 });
  expect(await call('find', { limit: 1 })).toMatchObject({ count: 1 });

  expect(await call('remove', { key: 'order:1' })).toEqual({ storeId: 'default', key: 'order:1', removed: true });
  expect(await call('remove', { key: 'order:1' })).toMatchObject({ removed: false });
  expect(await call('get', { key: 'order:1' })).toMatchObject({ found: false });
});

it('keeps each user\'s stores to themselves', async () => {
  const other = await shared.weft.signup();
  const otherFlows = await storageFlows(other);
  await callWebhook(shared.weft, flowIds.set, { key: 'secret', value: 'mine' });
  expect((await callWebhook(shared.weft, otherFlows.get, { key: 'secret' })).body).toMatchObject({ found: false });
});

it('stops the run when the key is missing', async () => {
  const answer = await callWebhook(shared.weft, flowIds.get, {});
  expect(answer.status).toBe(500);
  expect(await failureOf(shared.user, answer)).toContain('The key is missing');
});
