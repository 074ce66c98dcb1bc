import { connect, type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import rabbitmq, { publishers } from '@weft/connector-rabbitmq';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { connectAccount } from './connector-account.ts';
import { callWebhook, failureOf, node, WEBHOOK } from './flow-builder.ts';
import { describeWithService, probeTcp } from './live-service.ts';

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const RUN = `weft-conn-${process.pid}-${Date.now().toString(36)}`;
const unreachable = await probeTcp(Number(new URL(AMQP_URL).port || 5672), new URL(AMQP_URL).hostname);

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithService('RabbitMQ connector against the live broker', `RabbitMQ at ${AMQP_URL}`, unreachable, () => {
  let weft: TestWeft;
  let user: TestUser;
  let account: string;
  let model: ChannelModel;
  let channel: Channel;
  const queues: string[] = [];

  async function queue(name: string): Promise<string> {
    const full = `${RUN}.${name}`;
    await channel.assertQueue(full, { durable: true });
    queues.push(full);
    return full;
  }

  /** The next message of `name`, parsed, acked. */
  async function take(name: string): Promise<{ body: unknown; headers: unknown; messageId: unknown }> {
    return until(async () => {
      const got = await channel.get(name, { noAck: true });
      return got === false ? undefined : { body: JSON.parse(got.content.toString('utf8')) as unknown, headers: got.properties.headers, messageId: got.properties.messageId };
    }, `a message on ${name}`);
  }

  beforeAll(async () => {
    model = await connect(AMQP_URL);
    channel = await model.createChannel();
    weft = await startTestWeft({ components: rabbitmq, env: { WEFT_CONNECTORS_DIR: 'off', WEFT_LISTEN_POLL_MS: '100' } });
    user = await weft.signup();
    account = await connectAccount(weft, user.userId, 'weft.rabbitmq', { url: AMQP_URL });
  });

  afterAll(async () => {
    await weft?.close();
    await publishers.close();
    for (const name of queues) await channel.deleteQueue(name).catch(() => undefined);
    await model?.close();
  });

  it('moves a message between two queues: Consume → Set → Publish, and acks the one it took', async () => {
    const from = await queue('orders');
    const to = await queue('enriched');
    const flowId = await user.createFlow({
      consume: node('weft.rabbitmq.Consume', [], { properties: { account, queue: from } }),
      set: node('weft.utils.transform.Set', ['consume.out'], { lambda: { values: { order: '{{{$.consume.out.message.id}}}', seen: true } } }),
      publish: node('weft.rabbitmq.Publish', ['set.out'], { properties: { account }, lambda: { queue: to, message: '{{{$.set.out}}}', headers: { source: 'weft' } } }),
    });
    await user.startFlow(flowId);
    channel.sendToQueue(from, Buffer.from(JSON.stringify({ id: 42 })), { persistent: true, messageId: 'order-42' });
    const moved = await take(to);
    expect(moved.body).toEqual({ order: 42, seen: true });
    expect(moved.headers).toMatchObject({ source: 'weft' });
    expect(typeof moved.messageId).toBe('string');
    // Acked, not merely delivered: nothing is left in the source queue, not even unacknowledged.
    await until(async () => ((await channel.checkQueue(from)).messageCount === 0 ? true : undefined), 'the source queue empty');
    const records = await user.waitForLogs({ flowId, componentId: 'consume', direction: 'out' }, (rs) => rs.length === 1);
    expect(records[0]!.payload).toMatchObject({ message: { id: 42 }, queue: from, messageId: 'order-42', redelivered: false });
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
    // Stopped: the consumer is gone; a new message stays in the queue.
    await until(async () => ((await channel.checkQueue(from)).consumerCount === 0 ? true : undefined), 'the consumer cancelled');
    channel.sendToQueue(from, Buffer.from('{"id":43}'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await channel.checkQueue(from)).messageCount).toBe(1);
  });

  it('puts a message the engine could not accept back in the queue, and takes it again', async () => {
    const from = await queue('retry');
    const flowId = await user.createFlow({
      consume: node('weft.rabbitmq.Consume', [], { properties: { account, queue: from, format: 'text' } }),
      set: node('weft.utils.transform.Set', ['consume.out'], { lambda: { values: { text: '{{{$.consume.out.message}}}', again: '{{{$.consume.out.redelivered}}}' } } }),
    });
    await user.startFlow(flowId);
    await until(async () => ((await channel.checkQueue(from)).consumerCount === 1 ? true : undefined), 'the consumer attached');
    const bus = weft.weft.engine.bus;
    const publish = bus.publish.bind(bus);
    let refused = 0;
    const spy = vi.spyOn(bus, 'publish').mockImplementation(async (...args) => {
      if (refused === 0) {
        refused += 1;
        throw new Error('bus down for a moment');
      }
      return publish(...args);
    });
    channel.sendToQueue(from, Buffer.from('plain words'));
    const records = await user.waitForLogs({ flowId, componentId: 'set', direction: 'out' }, (rs) => rs.length === 1);
    spy.mockRestore();
    expect(refused).toBe(1);
    expect(records[0]!.payload).toEqual({ text: 'plain words', again: true });
    await until(async () => ((await channel.checkQueue(from)).messageCount === 0 ? true : undefined), 'the source queue empty');
  });

  it('publishes to an exchange with a routing key, and says clearly when a queue does not exist', async () => {
    const bound = await queue('routed');
    const exchange = `${RUN}.events`;
    await channel.assertExchange(exchange, 'direct', { durable: false, autoDelete: true });
    await channel.bindQueue(bound, exchange, 'created');
    const flowId = await user.createFlow({
      hook: node(WEBHOOK),
      publish: node('weft.rabbitmq.Publish', ['hook.out'], {
        properties: { account, format: 'json' },
        lambda: { exchange: '{{{$.hook.out.body.exchange}}}', routingKey: 'created', queue: '{{{$.hook.out.body.queue}}}', message: '{{{$.hook.out.body.event}}}' },
      }),
    });
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { exchange, event: { kind: 'created', n: 1 } });
    expect(answer.status).toBeLessThan(300);
    expect((await take(bound)).body).toEqual({ kind: 'created', n: 1 });

    const missing = await callWebhook(weft, flowId, { queue: `${RUN}.no-such-queue`, event: {} });
    expect(missing.status).toBe(500);
    expect(await failureOf(user, missing)).toContain(`The queue "${RUN}.no-such-queue" does not exist on the broker`);
  });

  it('logs in the flow\'s logs that the consumed queue does not exist, and does not crash the engine', async () => {
    const flowId = await user.createFlow({ consume: node('weft.rabbitmq.Consume', [], { properties: { account, queue: `${RUN}.absent` } }) });
    await user.startFlow(flowId);
    const records = await user.waitForLogs({ flowId, componentId: 'consume' }, (rs) => rs.some((r) => r.port === 'listen'));
    const line = records.find((r) => r.port === 'listen')!.payload as { message: string };
    expect(line.message).toContain(`The queue "${RUN}.absent" does not exist on the broker`);
    expect(line.message).not.toContain('guest:guest');
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
  });
});
