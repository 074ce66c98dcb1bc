import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { connectAccount } from './connector-account.ts';
import { callWebhook, node, WEBHOOK } from './flow-builder.ts';
import { describeWithService, probeTcp, until } from './live-service.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const RUN = `weft-test-${process.pid}-${Date.now().toString(36)}`;
const unreachable = await probeTcp(Number(new URL(NATS_URL).port || 4222), new URL(NATS_URL).hostname);

describeWithService('NATS connector against the live server', `NATS at ${NATS_URL}`, unreachable, () => {
  let weft: TestWeft;
  let user: TestUser;
  let account: string;
  let connection: NatsConnection;

  beforeAll(async () => {
    connection = await connect({ servers: NATS_URL });
    weft = await startTestWeft({ env: { WEFT_LISTEN_POLL_MS: '100' } });
    user = await weft.signup();
    account = await connectAccount(user, 'weft.nats', { servers: NATS_URL });
  });

  afterAll(async () => {
    await weft?.close();
    await connection?.close();
  });

  it('starts a run for each message on the subject, with its headers', async () => {
    const flowId = await user.createFlow({
      subscribe: node('weft.nats.Subscribe', [], { properties: { account, subject: `${RUN}.orders.*`, queue: 'workers' } }),
      set: node('weft.utils.transform.Set', ['subscribe.out'], { lambda: { values: { order: '{{{$.subscribe.out.message.id}}}', subject: '{{{$.subscribe.out.subject}}}', tenant: '{{{$.subscribe.out.headers.tenant}}}' } } }),
    });
    await user.startFlow(flowId);
    const { headers } = await import('nats');
    const h = headers();
    h.set('tenant', 'acme');
    const records = await until(async () => {
      connection.publish(`${RUN}.orders.created`, JSON.stringify({ id: 5 }), { headers: h });
      await connection.flush();
      const page = await user.call<{ records: { payload: unknown }[] }>('GET', `/logs?flowId=${flowId}&componentId=set&direction=out`);
      return page.body.records.length > 0 ? page.body.records : undefined;
    }, 'a run from a NATS message');
    expect(records[0]!.payload).toEqual({ order: 5, subject: `${RUN}.orders.created`, tenant: 'acme' });
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
  });

  it('publishes a message a subscriber receives', async () => {
    const subject = `${RUN}.out`;
    const subscription = connection.subscribe(subject, { max: 1 });
    await connection.flush();
    const flowId = await user.createFlow({
      hook: node(WEBHOOK),
      publish: node('weft.nats.Publish', ['hook.out'], { properties: { account }, lambda: { subject, message: '{{{$.hook.out.body}}}', headers: { source: 'weft' } } }),
    });
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { hello: 'nats' });
    expect(answer.status).toBeLessThan(300);
    for await (const message of subscription) {
      expect(JSON.parse(new TextDecoder().decode(message.data))).toEqual({ hello: 'nats' });
      expect(message.headers?.get('source')).toBe('weft');
    }
  });
});
