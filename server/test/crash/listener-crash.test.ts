import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http } from '../harness.ts';
import { describeWithService, probeTcp, until } from '../connectors/live-service.ts';
import { children, startChild } from './child-process.ts';

const LISTEN_ENV = { WEFT_LISTEN_POLL_MS: '200', WEFT_LISTEN_LEASE_MS: '1500' };

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const RUN = `weft-crash-${process.pid}-${Date.now().toString(36)}`;
const unreachable = await probeTcp(Number(new URL(AMQP_URL).port || 5672), new URL(AMQP_URL).hostname);
const dataDir = mkdtempSync(join(tmpdir(), 'weft-listener-crash-'));

describeWithService('when the engine holding a RabbitMQ Consume trigger is killed', `RabbitMQ at ${AMQP_URL}`, unreachable, () => {
  let model: ChannelModel;
  let channel: Channel;
  const from = `${RUN}.in`;
  const to = `${RUN}.out`;

  beforeAll(async () => {
    model = await connect(AMQP_URL);
    channel = await model.createChannel();
    await channel.assertQueue(from, { durable: true });
    await channel.assertQueue(to, { durable: true });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await channel?.deleteQueue(from).catch(() => undefined);
    await channel?.deleteQueue(to).catch(() => undefined);
    await model?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no message: the next engine reopens the consumer and what was not accepted is delivered again', async () => {
    const port = 25000 + Math.floor(Math.random() * 2000);
    const first = await startChild(port, dataDir, LISTEN_ENV);
    const signup = await http<{ token: string }>(`${first.url}/auth/signup`, { body: { email: 'listener-crash@example.com', password: 'correct horse battery' } });
    const token = signup.body.token;
    const account = await http<{ id: string }>(`${first.url}/accounts`, { token, body: { connector: 'weft.rabbitmq', name: 'local', fields: { url: AMQP_URL } } });
    expect(account.status).toBe(201);
    const properties = { account: account.body.id };
    const created = await http<{ flowId: string }>(`${first.url}/flows`, {
      token,
      body: {
        name: 'move',
        flow: {
          consume: { type: 'weft.rabbitmq.Consume', x: 0, y: 0, config: { properties: { ...properties, queue: from, prefetch: 20 } } },
          set: {
            type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { consume: ['out'] } },
            config: { transform: { in: { consume: { out: { type: 'json2new', lambda: { values: { n: '{{{$.consume.out.message.n}}}' } } } } } } },
          },
          publish: {
            type: 'weft.rabbitmq.Publish', x: 2, y: 0, source: { in: { set: ['out'] } },
            config: { properties, transform: { in: { set: { out: { type: 'json2new', lambda: { queue: to, message: '{{{$.set.out}}}' } } } } } },
          },
        },
      },
    });
    expect((await http(`${first.url}/flows/${created.body.flowId}/start`, { method: 'POST', token })).status).toBe(200);

    const arrived = new Map<number, number>();
    await channel.consume(to, (message) => {
      if (!message) return;
      const { n } = JSON.parse(message.content.toString('utf8')) as { n: number };
      arrived.set(n, (arrived.get(n) ?? 0) + 1);
      channel.ack(message);
    });
    const total = 300;
    for (let n = 1; n <= total; n++) channel.sendToQueue(from, Buffer.from(JSON.stringify({ n })), { persistent: true });
    // Kill the holder mid-stream, with messages taken from the queue and not yet acknowledged.
    await until(async () => (arrived.size >= 40 ? true : undefined), 'the first messages moved');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const beforeRestart = arrived.size;

    await startChild(port, dataDir, LISTEN_ENV);
    await until(async () => (arrived.size === total ? true : undefined), `all ${total} messages moved (${arrived.size} so far)`, 60_000);
    const twice = [...arrived.values()].filter((count) => count > 1).length;
    console.log(`listener crash test: moved before the kill=${beforeRestart} after=${arrived.size} delivered twice=${twice}`);
    expect([...arrived.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect((await channel.checkQueue(from)).messageCount).toBe(0);
  }, 120_000);
});
