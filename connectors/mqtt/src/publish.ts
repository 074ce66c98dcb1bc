/** @module Publish: sends the mapped message to an MQTT topic; done once the broker acknowledges it (QoS 1 and 2). */
import { accountInput, accountOptions, defineComponent } from '@weft/connector-kit';
import { encodePayload, writeFormatOf, writeFormatInput } from '@weft/messaging-kit';
import { brokerOf, publishers } from './connection.ts';

export const QOS_OPTIONS = [{ label: '0: at most once', value: 0 }, { label: '1: at least once', value: 1 }, { label: '2: exactly once', value: 2 }];

export function qosOf(value: unknown, fallback: 0 | 1 | 2): 0 | 1 | 2 {
  const qos = value === undefined || value === null || value === '' ? fallback : Number(value);
  if (qos !== 0 && qos !== 1 && qos !== 2) throw new Error(`QoS must be 0, 1 or 2, not ${JSON.stringify(value)}.`);
  return qos;
}

export const Publish = defineComponent(
  {
    name: 'weft.mqtt.Publish',
    label: 'Publish message',
    description: 'Publishes a message to an MQTT topic; with QoS 1 or 2, done once the broker acknowledges it.',
    category: 'mqtt',
    inPorts: [{
      name: 'in',
      schema: {
        type: 'object',
        properties: {
          topic: { type: 'string', title: 'Topic' },
          message: { type: 'any', title: 'Message' },
          retain: { type: 'boolean', title: 'Retain' },
        },
        required: ['topic', 'message'],
      },
      inspector: {
        inputs: {
          topic: { type: 'text', label: 'Topic', index: 1, tooltip: 'e.g. sensors/kitchen/temperature (no wildcards).' },
          message: { type: 'textarea', label: 'Message', index: 2 },
          retain: { type: 'toggle', label: 'Retain', index: 3, tooltip: 'The broker keeps the message as the topic\'s last value for new subscribers.' },
        },
      },
    }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { topic: { type: 'string', title: 'Topic' }, qos: { type: 'number', title: 'QoS' }, bytes: { type: 'number', title: 'Size in bytes' } } } }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, qos: { type: 'number' }, format: { type: 'string' } }, required: ['account'] },
      inspector: {
        inputs: {
          account: accountInput(),
          qos: { type: 'select', label: 'QoS', defaultValue: 1, index: 1, variables: false, options: QOS_OPTIONS },
          format: { ...writeFormatInput, index: 2 },
        },
      },
    },
  },
  {
    options: accountOptions('weft.mqtt'),

    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const broker = brokerOf(context.auth);
      const topic = typeof content.topic === 'string' ? content.topic.trim() : '';
      if (topic === '') throw new context.CancelError('The topic is missing: map a topic into the "topic" field.');
      if (/[+#]/.test(topic)) throw new context.CancelError(`A message is published to one topic: "${topic}" has a wildcard (+ or #).`);
      const format = writeFormatOf(context.properties.format, (message) => new context.CancelError(message));
      let qos: 0 | 1 | 2;
      let body: Buffer;
      try {
        qos = qosOf(context.properties.qos, 1);
        body = encodePayload(content.message, format);
      } catch (error) {
        throw new context.CancelError((error as Error).message);
      }
      const client = await publishers.use(JSON.stringify(broker));
      await client.publishAsync(topic, body, { qos, retain: content.retain === true || content.retain === 'true' });
      await context.sendJson({ topic, qos, bytes: body.byteLength }, 'out');
    },
  },
);
