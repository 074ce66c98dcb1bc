import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refuseNextPublishes } from '../bus-faults.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { connectAccount } from './connector-account.ts';
import { callWebhook, failureOf, node, WEBHOOK } from './flow-builder.ts';
import { describeWithService, probeTcp, until } from './live-service.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const RUN = `weft-test/${process.pid}-${Date.now().toString(36)}`;
const unreachable = await probeTcp(Number(new URL(MQTT_URL).port || 1883), new URL(MQTT_URL).hostname);

describeWithService('MQTT connector against the live broker', `Mosquitto at ${MQTT_URL}`, unreachable, () => {
  let weft: TestWeft;
  let user: TestUser;
  let account: string;
  let client: MqttClient;

  beforeAll(async () => {
    client = await connectAsync(MQTT_URL);
    weft = await startTestWeft({ env: { WEFT_LISTEN_POLL_MS: '100' } });
    user = await weft.signup();
    account = await connectAccount(user, 'weft.mqtt', { url: MQTT_URL });
  });

  afterAll(async () => {
    await weft?.close();
    await client?.endAsync();
  });

  it('starts a run for each message on the topic filter, with its topic', async () => {
    const flowId = await user.createFlow({
      subscribe: node('weft.mqtt.Subscribe', [], { properties: { account, topic: `${RUN}/sensors/+/temperature` } }),
      set: node('weft.utils.transform.Set', ['subscribe.out'], { lambda: { values: { celsius: '{{{$.subscribe.out.message.c}}}', topic: '{{{$.subscribe.out.topic}}}' } } }),
    });
    await user.startFlow(flowId);
    // The subscription is made once the listener opens: publish until a run shows up.
    const records = await until(async () => {
      await client.publishAsync(`${RUN}/sensors/kitchen/temperature`, JSON.stringify({ c: 21.5 }), { qos: 1 });
      const page = await user.call<{ records: { payload: unknown }[] }>('GET', `/logs?flowId=${flowId}&componentId=set&direction=out`);
      return page.body.records.length > 0 ? page.body.records : undefined;
    }, 'a run from an MQTT message');
    expect(records[0]!.payload).toEqual({ celsius: 21.5, topic: `${RUN}/sensors/kitchen/temperature` });
    await client.publishAsync(`${RUN}/sensors/hall/humidity`, '{"c":1}', { qos: 1 });
    await client.publishAsync(`${RUN}/sensors/hall/temperature`, '{"c":19}', { qos: 1 });
    const all = await user.waitForLogs({ flowId, componentId: 'set', direction: 'out' }, (rs) => rs.some((r) => (r.payload as { celsius?: number }).celsius === 19));
    // The humidity message does not match the filter.
    expect(all.every((r) => String((r.payload as { topic: string }).topic).endsWith('/temperature'))).toBe(true);
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
  });

  it('does not acknowledge a QoS 1 message the engine could not accept: the broker delivers it again', async () => {
    const topic = `${RUN}/retry`;
    const flowId = await user.createFlow({
      subscribe: node('weft.mqtt.Subscribe', [], { properties: { account, topic, qos: 1, format: 'text' } }),
      set: node('weft.utils.transform.Set', ['subscribe.out'], { lambda: { values: { text: '{{{$.subscribe.out.message}}}' } } }),
    });
    await user.startFlow(flowId);
    await until(async () => (weft.weft.engine.listeners.open.includes(`${flowId}:subscribe`) ? true : undefined), 'the listener open');
    // The broker has the subscription once the listener is open (subscribe is awaited before it counts as open).
    const down = refuseNextPublishes(weft.weft.engine.bus, 1);
    await client.publishAsync(topic, 'only once', { qos: 1 });
    const records = await user.waitForLogs({ flowId, componentId: 'set', direction: 'out' }, (rs) => rs.length === 1);
    down.restore();
    expect(down.refused()).toBe(1);
    expect(records[0]!.payload).toEqual({ text: 'only once' });
    const lines = await user.waitForLogs({ flowId, componentId: 'subscribe' }, (rs) => rs.some((r) => r.port === 'listen'));
    expect(JSON.stringify(lines)).toContain('bus down for a moment');
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
  });

  it('publishes a message a subscriber receives, and refuses a topic with a wildcard', async () => {
    const topic = `${RUN}/out`;
    const received: { topic: string; body: string }[] = [];
    client.on('message', (at, payload) => received.push({ topic: at, body: payload.toString('utf8') }));
    await client.subscribeAsync(topic, { qos: 1 });
    const flowId = await user.createFlow({
      hook: node(WEBHOOK),
      publish: node('weft.mqtt.Publish', ['hook.out'], { properties: { account, qos: 1 }, lambda: { topic: '{{{$.hook.out.body.topic}}}', message: '{{{$.hook.out.body.reading}}}' } }),
    });
    await user.startFlow(flowId);
    const answer = await callWebhook(weft, flowId, { topic, reading: { c: 30 } });
    expect(answer.status).toBeLessThan(300);
    const got = await until(async () => received.find((m) => m.topic === topic), 'the published message');
    expect(JSON.parse(got.body)).toEqual({ c: 30 });

    const wildcard = await callWebhook(weft, flowId, { topic: `${RUN}/#`, reading: {} });
    expect(wildcard.status).toBe(500);
    expect(await failureOf(user, wildcard)).toContain('has a wildcard');
  });
});
