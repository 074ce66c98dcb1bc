/**
 * @module Subscribe: a listen trigger that starts a run for every message on a subject (wildcards
 * and queue groups allowed). Core NATS delivers at most once: a message the engine could not accept
 * is logged and lost (see the README).
 */
import type { Msg } from 'nats';
import { accountInput, accountOptions, defineComponent } from '@weft/connector-kit';
import { decodePayload, readFormatOf, readFormatInput } from '@weft/messaging-kit';
import { explainNatsError, natsClient, serversOf } from './connection.ts';

function headersOf(message: Msg): Record<string, string> {
  const out: Record<string, string> = {};
  if (!message.headers) return out;
  for (const [name, values] of message.headers) out[name] = values.join(', ');
  return out;
}

export const Subscribe = defineComponent(
  {
    name: 'weft.nats.Subscribe',
    label: 'Subscribe to subject',
    description: 'Starts a run for every message on a subject (* and > wildcards).',
    category: 'nats',
    trigger: true,
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          message: { type: 'any', title: 'Message' },
          subject: { type: 'string', title: 'Subject' },
          headers: { type: 'object', title: 'Headers' },
          reply: { type: 'string', title: 'Reply subject' },
        },
      },
    }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, subject: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string' } }, required: ['account', 'subject'] },
      inspector: {
        inputs: {
          account: accountInput(),
          subject: { type: 'text', label: 'Subject', index: 1, variables: false, tooltip: 'e.g. orders.* or orders.>' },
          queue: { type: 'text', label: 'Queue group', index: 2, variables: false, tooltip: 'Optional: subscribers of one group share the messages (each goes to one of them).' },
          format: { ...readFormatInput, index: 3 },
        },
      },
    },
  },
  {
    options: accountOptions('weft.nats'),

    async listen(context, emit) {
      const options = serversOf(context.auth);
      const subject = typeof context.properties.subject === 'string' ? context.properties.subject.trim() : '';
      if (subject === '') throw new Error('Set the subject in the component\'s properties.');
      const queue = typeof context.properties.queue === 'string' ? context.properties.queue.trim() : '';
      const format = readFormatOf(context.properties.format);
      let isClosing = false;
      const connection = await (await natsClient()).connect({ ...options, name: `weft ${context.flowId}/${context.componentId}` }).catch((error: unknown) => {
        throw explainNatsError(error);
      });
      // The client reconnects by itself for a while; once it gives up, the engine opens the listener again later.
      void connection.closed().then((error) => {
        if (!isClosing) context.lost(error ?? new Error('The connection to NATS closed.'));
      });
      const subscription = connection.subscribe(subject, queue === '' ? {} : { queue });
      const consuming = (async () => {
        // One message at a time: awaiting each emit paces the subscription to the engine's Bus.
        for await (const message of subscription) {
          const decoded = decodePayload(message.data, format);
          if (!decoded.ok) {
            context.log('error', `A message on "${message.subject}" was dropped: ${decoded.error}`);
            continue;
          }
          try {
            await emit({ message: decoded.value, subject: message.subject, headers: headersOf(message), ...(message.reply ? { reply: message.reply } : {}) });
          } catch (error) {
            context.log('error', `A message on "${message.subject}" was not accepted and is lost (core NATS does not redeliver): ${(error as Error).message}`);
          }
        }
      })();
      // A refused subscription (permissions) surfaces on the next round trip.
      try {
        await connection.flush();
      } catch (error) {
        isClosing = true;
        await connection.close().catch(() => {});
        throw explainNatsError(error);
      }
      return async () => {
        isClosing = true;
        // Drain: the server stops sending, messages already received are handed over, then it closes.
        await connection.drain().catch(() => connection.close());
        await consuming.catch(() => {});
      };
    },
  },
);
