/** @module Redis actions: Get, Set (with an expiry) and Publish. */
import { accountInput, accountOptions, defineComponent, WeftError } from '@weft/connector-kit';
import { decodePayload, encodePayload, readFormatOf, writeFormatOf, readFormatInput, writeFormatInput } from '@weft/messaging-kit';
import { releaseClient, withClient } from './connection.ts';

const options = accountOptions('weft.redis');
const stop = releaseClient;

function text(value: unknown, path: string, what: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new WeftError('redis.invalid', `${path}: map the ${what} (text).`, { status: 422, path, retry: 'never' });
}

export const Get = defineComponent(
  {
    name: 'weft.redis.Get',
    label: 'Get',
    description: 'Reads the value of a key; `found` is false when the key does not exist.',
    category: 'redis',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: { key: { type: 'string', title: 'Key' } }, required: ['key'] } }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { key: { type: 'string', title: 'Key' }, value: { type: 'any', title: 'Value' }, found: { type: 'boolean', title: 'Found' } } } }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, format: { type: 'string' } }, required: ['account'] },
      inspector: { inputs: { account: accountInput(), format: { ...readFormatInput, index: 1 } } },
    },
  },
  {
    async receive(context) {
      const key = text(context.messages.in?.content.key, 'in.key', 'key');
      const format = readFormatOf(context.properties.format, (message) => new context.CancelError(message));
      const bytes = await withClient(context, (client) => client.getBuffer(key));
      if (bytes === null) {
        await context.sendJson({ key, value: null, found: false }, 'out');
        return;
      }
      const decoded = decodePayload(bytes, format);
      if (!decoded.ok) throw new context.CancelError(`Key "${key}": ${decoded.error}`);
      await context.sendJson({ key, value: decoded.value, found: true }, 'out');
    },
    stop,
    options,
  },
);

export const Set = defineComponent(
  {
    name: 'weft.redis.Set',
    label: 'Set',
    description: 'Stores a value under a key, optionally for a number of seconds only, or only when the key does not exist yet.',
    category: 'redis',
    inPorts: [{
      name: 'in',
      schema: {
        type: 'object',
        properties: { key: { type: 'string', title: 'Key' }, value: { type: 'any', title: 'Value' }, ttlSeconds: { type: 'number', title: 'Expires after (seconds)' } },
        required: ['key', 'value'],
      },
    }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { key: { type: 'string', title: 'Key' }, stored: { type: 'boolean', title: 'Stored' } } } }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, format: { type: 'string' }, onlyIfAbsent: { type: 'boolean' } }, required: ['account'] },
      inspector: {
        inputs: {
          account: accountInput(),
          format: { ...writeFormatInput, index: 1 },
          onlyIfAbsent: { type: 'toggle', label: 'Only if the key does not exist', defaultValue: false, variables: false, index: 2, tooltip: 'Keep an existing value (SET … NX); `stored` says whether this one was written.' },
        },
      },
    },
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const key = text(content.key, 'in.key', 'key');
      const format = writeFormatOf(context.properties.format, (message) => new context.CancelError(message));
      let ttl: number | undefined;
      if (content.ttlSeconds !== undefined && content.ttlSeconds !== null && content.ttlSeconds !== '') {
        ttl = Number(content.ttlSeconds);
        if (!Number.isInteger(ttl) || ttl < 1) throw new WeftError('redis.invalid', `in.ttlSeconds: give a whole number of seconds, 1 or more (not ${JSON.stringify(content.ttlSeconds)}).`, { status: 422, path: 'in.ttlSeconds', retry: 'never' });
      }
      let body: Buffer;
      try {
        body = encodePayload(content.value, format);
      } catch (error) {
        throw new context.CancelError((error as Error).message, { path: 'in.value' });
      }
      const onlyIfAbsent = context.properties.onlyIfAbsent === true;
      const answer = await withClient(context, (client) => {
        if (ttl !== undefined && onlyIfAbsent) return client.set(key, body, 'EX', ttl, 'NX');
        if (ttl !== undefined) return client.set(key, body, 'EX', ttl);
        if (onlyIfAbsent) return client.set(key, body, 'NX');
        return client.set(key, body);
      });
      await context.sendJson({ key, stored: answer === 'OK' }, 'out');
    },
    stop,
    options,
  },
);

export const Publish = defineComponent(
  {
    name: 'weft.redis.Publish',
    label: 'Publish',
    description: 'Publishes a message to a channel; `receivers` is how many subscribers got it (Redis keeps no message for later).',
    category: 'redis',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: { channel: { type: 'string', title: 'Channel' }, message: { type: 'any', title: 'Message' } }, required: ['channel', 'message'] } }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { channel: { type: 'string', title: 'Channel' }, receivers: { type: 'number', title: 'Receivers' } } } }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, format: { type: 'string' } }, required: ['account'] },
      inspector: { inputs: { account: accountInput(), format: { ...writeFormatInput, index: 1 } } },
    },
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const channel = text(content.channel, 'in.channel', 'channel');
      const format = writeFormatOf(context.properties.format, (message) => new context.CancelError(message));
      let body: Buffer;
      try {
        body = encodePayload(content.message, format);
      } catch (error) {
        throw new context.CancelError((error as Error).message, { path: 'in.message' });
      }
      const receivers = await withClient(context, (client) => client.publish(channel, body));
      await context.sendJson({ channel, receivers }, 'out');
    },
    stop,
    options,
  },
);
