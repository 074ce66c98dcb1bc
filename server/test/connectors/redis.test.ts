import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { storeAccount } from './connector-account.ts';
import { callWebhook, failureOf, node, reply, WEBHOOK } from './flow-builder.ts';
import { describeWithService, probeTcp, until } from './live-service.ts';

const REDIS_URL = process.env.WEFT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const RUN = `weft-test-${randomUUID().slice(0, 8)}`;
const unreachable = await probeTcp(Number(new URL(REDIS_URL).port || 6379), new URL(REDIS_URL).hostname);

describeWithService('Redis connector against the live server', `Redis at ${REDIS_URL}`, unreachable, () => {
  let weft: TestWeft;
  let user: TestUser;
  let account: string;
  let redis: Redis;

  /** How many subscribers `channel` has now. */
  async function subscribers(channel: string): Promise<number> {
    const answer = (await redis.pubsub('NUMSUB', channel)) as [string, number];
    return Number(answer[1]);
  }

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    weft = await startTestWeft({ env: { WEFT_LISTEN_POLL_MS: '100' } });
    user = await weft.signup();
    account = await storeAccount(weft, user.userId, 'weft.redis', { url: REDIS_URL });
  });
  afterAll(async () => {
    await weft?.close();
    const keys = await redis.keys(`${RUN}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('sets a value with an expiry, keeps an existing one when asked, and gets it back', async () => {
    const set = await user.createFlow({
      hook: node(WEBHOOK),
      step: node('weft.redis.Set', ['hook.out'], { properties: { account }, lambda: { key: '{{{$.hook.out.body.key}}}', value: '{{{$.hook.out.body.value}}}', ttlSeconds: '{{{$.hook.out.body.ttl}}}' } }),
      reply: reply('step.out', '{{{$.step.out}}}'),
    });
    const setNx = await user.createFlow({
      hook: node(WEBHOOK),
      step: node('weft.redis.Set', ['hook.out'], { properties: { account, onlyIfAbsent: true }, lambda: { key: '{{{$.hook.out.body.key}}}', value: '{{{$.hook.out.body.value}}}' } }),
      reply: reply('step.out', '{{{$.step.out}}}'),
    });
    const get = await user.createFlow({
      hook: node(WEBHOOK),
      step: node('weft.redis.Get', ['hook.out'], { properties: { account }, lambda: { key: '{{{$.hook.out.body.key}}}' } }),
      reply: reply('step.out', '{{{$.step.out}}}'),
    });
    for (const flowId of [set, setNx, get]) await user.startFlow(flowId);
    const key = `${RUN}:order`;
    expect((await callWebhook(weft, set, { key, value: { id: 7, items: ['a'] }, ttl: 60 })).body).toEqual({ key, stored: true });
    expect(JSON.parse((await redis.get(key))!)).toEqual({ id: 7, items: ['a'] });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);

    expect((await callWebhook(weft, setNx, { key, value: 'other' })).body).toEqual({ key, stored: false });
    expect((await callWebhook(weft, get, { key })).body).toEqual({ key, value: { id: 7, items: ['a'] }, found: true });
    expect((await callWebhook(weft, get, { key: `${RUN}:absent` })).body).toEqual({ key: `${RUN}:absent`, value: null, found: false });
  });

  it('starts a run for each message published on a subscribed channel or pattern, and unsubscribes when the flow stops', async () => {
    const channel = `${RUN}.orders`;
    const flowId = await user.createFlow({
      sub: node('weft.redis.Subscribe', [], { properties: { account, channels: `${channel}, ${RUN}.other` } }),
      seen: node('weft.utils.transform.Set', ['sub.out'], { lambda: { values: { got: '{{{$.sub.out.message}}}', on: '{{{$.sub.out.channel}}}' } } }),
    });
    const patternFlow = await user.createFlow({
      sub: node('weft.redis.Subscribe', [], { properties: { account, channels: `${RUN}.*`, patterns: true, format: 'text' } }),
    });
    const publish = await user.createFlow({
      hook: node(WEBHOOK),
      step: node('weft.redis.Publish', ['hook.out'], { properties: { account }, lambda: { channel: '{{{$.hook.out.body.channel}}}', message: '{{{$.hook.out.body.message}}}' } }),
      reply: reply('step.out', '{{{$.step.out}}}'),
    });
    for (const id of [flowId, patternFlow, publish]) await user.startFlow(id);
    await until(async () => ((await subscribers(channel)) === 1 ? true : undefined), 'the listener subscribed');

    await until(async () => (Number(await redis.pubsub('NUMPAT')) >= 1 ? true : undefined), 'the pattern listener subscribed');
    // One message from outside, one through the Publish component: the listener and the pattern listener get both.
    await redis.publish(channel, JSON.stringify({ id: 1 }));
    expect((await callWebhook(weft, publish, { channel, message: { id: 2 } })).body).toEqual({ channel, receivers: 2 });
    const records = await user.waitForLogs({ flowId, componentId: 'seen', direction: 'out' }, (rs) => rs.length >= 2);
    expect(records.map((r) => r.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { got: { id: 1 }, on: channel },
      { got: { id: 2 }, on: channel },
    ]);
    const patterned = await user.waitForLogs({ flowId: patternFlow, componentId: 'sub', direction: 'out' }, (rs) => rs.length >= 2);
    expect(patterned.map((r) => r.payload)).toEqual(expect.arrayContaining([{ channel, message: '{"id":1}', pattern: `${RUN}.*` }]));

    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
    await until(async () => ((await subscribers(channel)) === 0 ? true : undefined), 'the listener unsubscribed');
    expect((await user.call('POST', `/flows/${patternFlow}/stop`)).status).toBe(200);
  });

  it('says the password was refused, without writing it anywhere', async () => {
    const login = `weft_${randomUUID().slice(0, 8)}`;
    await redis.call('ACL', 'SETUSER', login, 'on', '>right-password', '~*', '+@all');
    try {
      const url = new URL(REDIS_URL);
      url.username = login;
      url.password = 'wrong-password-xyz';
      const bad = await storeAccount(weft, user.userId, 'weft.redis', { url: url.href });
      const flowId = await user.createFlow({ hook: node(WEBHOOK), step: node('weft.redis.Get', ['hook.out'], { properties: { account: bad }, lambda: { key: 'k' } }) });
      await user.startFlow(flowId);
      const answer = await callWebhook(weft, flowId, {});
      const failure = await failureOf(user, answer);
      expect(failure).toContain('Redis refused the user name or password of the account');
      expect(failure).not.toContain('wrong-password-xyz');
    } finally {
      await redis.call('ACL', 'DELUSER', login);
    }
  });

  it('says the server cannot be reached, and the engine retries', async () => {
    const down = await storeAccount(weft, user.userId, 'weft.redis', { url: 'redis://127.0.0.1:1/0' });
    const flowId = await user.createFlow({ hook: node(WEBHOOK), step: node('weft.redis.Publish', ['hook.out'], { properties: { account: down }, lambda: { channel: 'c', message: 1 } }) });
    await user.startFlow(flowId);
    await callWebhook(weft, flowId, {});
    const records = await user.waitForLogs({ flowId, direction: 'error' }, (rs) => rs.some((r) => r.severity === 'error'));
    expect(records.filter((r) => r.severity === 'warn').length).toBeGreaterThan(0);
    expect(records.find((r) => r.severity === 'error')!.error).toMatchObject({ code: 'redis.unreachable', message: expect.stringContaining('Cannot reach the Redis server') });
  });
});
