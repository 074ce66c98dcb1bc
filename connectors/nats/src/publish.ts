/** @module Publish: sends the mapped message to a NATS subject; done once the server has it (a flush). */
import { accountInput, accountOptions, defineComponent } from '@weft/connector-kit';
import { encodePayload, writeFormatOf, writeFormatInput } from '@weft/messaging-kit';
import { natsClient, publishers, serversOf } from './connection.ts';

export const Publish = defineComponent(
  {
    name: 'weft.nats.Publish',
    label: 'Publish message',
    description: 'Publishes a message to a NATS subject; done once the server has received it.',
    category: 'nats',
    inPorts: [{
      name: 'in',
      schema: {
        type: 'object',
        properties: { subject: { type: 'string', title: 'Subject' }, message: { type: 'any', title: 'Message' }, headers: { type: 'object', title: 'Headers' } },
        required: ['subject', 'message'],
      },
      inspector: {
        inputs: {
          subject: { type: 'text', label: 'Subject', index: 1, tooltip: 'e.g. orders.created (no wildcards).' },
          message: { type: 'textarea', label: 'Message', index: 2 },
          headers: { type: 'key-value', label: 'Headers', index: 3 },
        },
      },
    }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { subject: { type: 'string', title: 'Subject' }, bytes: { type: 'number', title: 'Size in bytes' } } } }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, format: { type: 'string' } }, required: ['account'] },
      inspector: { inputs: { account: accountInput(), format: { ...writeFormatInput, index: 1 } } },
    },
  },
  {
    options: accountOptions('weft.nats'),

    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const options = serversOf(context.auth);
      const subject = typeof content.subject === 'string' ? content.subject.trim() : '';
      if (subject === '') throw new context.CancelError('The subject is missing: map a subject into the "subject" field.');
      if (/[*>\s]/.test(subject)) throw new context.CancelError(`A message is published to one subject: "${subject}" has a wildcard or a space.`);
      const format = writeFormatOf(context.properties.format, (message) => new context.CancelError(message));
      let body: Buffer;
      try {
        body = encodePayload(content.message, format);
      } catch (error) {
        throw new context.CancelError((error as Error).message);
      }
      const given = content.headers !== null && typeof content.headers === 'object' && !Array.isArray(content.headers) ? Object.entries(content.headers) : [];
      const headers = given.length > 0 ? (await natsClient()).headers() : undefined;
      for (const [name, value] of given) headers?.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      const connection = await publishers.use(JSON.stringify(options));
      connection.publish(subject, body, headers ? { headers } : {});
      // The server has it once a round trip after the publish completes.
      await connection.flush();
      await context.sendJson({ subject, bytes: body.byteLength }, 'out');
    },
  },
);
