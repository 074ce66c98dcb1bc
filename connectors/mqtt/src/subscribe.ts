/**
 * @module Subscribe: a listen trigger that starts a run for every message on a topic filter. With
 * QoS 1 or 2 the broker gets its acknowledgement only once the run is accepted, and keeps the
 * session (an hour) so that messages sent while the listener moves to another process wait for it.
 */
import type { IPublishPacket } from 'mqtt';
import { accountInput, accountOptions, defineComponent, isWeftError } from '@weft/connector-kit';
import { decodePayload, readFormatOf, readFormatInput } from '@weft/messaging-kit';
import { brokerOf, explainMqttError, mqttClient } from './connection.ts';
import { QOS_OPTIONS, qosOf } from './publish.ts';

/** How long the broker keeps a persistent session (and its queued QoS 1/2 messages) without the listener. */
const SESSION_EXPIRY_S = 3600;

export const Subscribe = defineComponent(
  {
    name: 'weft.mqtt.Subscribe',
    label: 'Subscribe to topic',
    description: 'Starts a run for every message published on a topic filter (+ and # wildcards).',
    category: 'mqtt',
    trigger: true,
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          message: { type: 'any', title: 'Message' },
          topic: { type: 'string', title: 'Topic' },
          qos: { type: 'number', title: 'QoS' },
          retain: { type: 'boolean', title: 'Retained message' },
          userProperties: { type: 'object', title: 'User properties' },
        },
      },
    }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, topic: { type: 'string' }, qos: { type: 'number' }, format: { type: 'string' } }, required: ['account', 'topic'] },
      inspector: {
        inputs: {
          account: accountInput(),
          topic: { type: 'text', label: 'Topic filter', index: 1, variables: false, tooltip: 'e.g. sensors/+/temperature or sensors/#' },
          qos: { type: 'select', label: 'QoS', defaultValue: 1, index: 2, variables: false, options: QOS_OPTIONS, tooltip: '1 or 2: no message is lost while the flow runs; each is acknowledged once its run is accepted.' },
          format: { ...readFormatInput, index: 3 },
        },
      },
    },
  },
  {
    options: accountOptions('weft.mqtt'),

    async listen(context, emit) {
      const { url, options } = brokerOf(context.auth);
      const topic = typeof context.properties.topic === 'string' ? context.properties.topic.trim() : '';
      if (topic === '') throw new Error('Set the topic filter in the component\'s properties.');
      const qos = qosOf(context.properties.qos, 1);
      const format = readFormatOf(context.properties.format);
      const persistent = qos > 0;
      let isClosing = false;
      const { connect } = await mqttClient();
      const client = connect(url, {
        ...options,
        clientId: `weft-${context.flowId}-${context.componentId}`,
        clean: !persistent,
        ...(persistent ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S } } : {}),
      });
      // Set before the connection opens: a resumed session redelivers unacknowledged messages right after CONNACK.
      client.handleMessage = (packet: IPublishPacket, done: (error?: Error) => void) => {
        const decoded = decodePayload(typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload, format);
        if (!decoded.ok) {
          context.log('error', `A message on "${packet.topic}" was dropped: ${decoded.error}`);
          done();
          return;
        }
        const userProperties = packet.properties?.userProperties ?? {};
        emit({ message: decoded.value, topic: packet.topic, qos: packet.qos, retain: packet.retain, userProperties }).then(
          () => done(),
          (error: unknown) => {
            if (isWeftError(error) && error.retry === 'never') {
              context.log('error', `A message on "${packet.topic}" was not accepted and is dropped: ${error.message}`);
              done();
            } else {
              // Not acknowledged: the broker delivers it again when the listener reconnects (persistent session).
              context.lost(error);
            }
          },
        );
      };
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', (error) => reject(explainMqttError(error)));
        client.once('close', () => reject(explainMqttError(new Error(`Cannot reach the MQTT broker at ${new URL(url).host} (connection closed)`))));
      }).catch(async (error: unknown) => {
        await client.endAsync(true).catch(() => {});
        throw error;
      });
      client.on('error', () => {});
      client.on('close', () => {
        if (!isClosing) context.lost(new Error(`The connection to the MQTT broker ${new URL(url).host} closed.`));
      });
      try {
        const granted = await client.subscribeAsync(topic, { qos });
        const refused = granted.find((grant) => grant.qos > 2);
        if (refused) throw new Error(`The broker refused the subscription to "${topic}" (reason code ${refused.qos}); check the filter and the user's rights.`);
      } catch (error) {
        isClosing = true;
        await client.endAsync(true).catch(() => {});
        throw error;
      }
      return async () => {
        isClosing = true;
        await client.endAsync().catch(() => {});
      };
    },
  },
);
