/**
 * @module Subscribe: a listen trigger that starts a run for every message published on its channels
 * (or channel patterns). Redis pub/sub keeps nothing: a message published while no listener is
 * subscribed (the flow stopped, the engine reconnecting) is not delivered, now or later.
 */
import { accountInput, accountOptions, defineComponent } from '@weft/connector-kit';
import { decodePayload, readFormatOf, readFormatInput } from '@weft/messaging-kit';
import { explainRedisError, openClient, redisUrl } from './connection.ts';

/** The channels of the property: comma- or newline-separated, trimmed, at least one. */
export function channelsOf(value: unknown): string[] {
  const channels = (typeof value === 'string' ? value : '').split(/[,\n]/).map((channel) => channel.trim()).filter((channel) => channel !== '');
  if (channels.length === 0) throw new Error('Give at least one channel to subscribe to in the component\'s properties.');
  return [...new Set(channels)];
}

export const Subscribe = defineComponent(
  {
    name: 'weft.redis.Subscribe',
    label: 'Subscribe',
    description: 'Starts a run for every message published on the channels (or patterns such as news.*). Messages published while the flow is stopped are not delivered: Redis keeps none.',
    category: 'redis',
    trigger: true,
    outPorts: [{
      name: 'out',
      schema: { type: 'object', properties: { channel: { type: 'string', title: 'Channel' }, message: { type: 'any', title: 'Message' }, pattern: { type: 'string', title: 'Matched pattern' } } },
    }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' }, channels: { type: 'string' }, patterns: { type: 'boolean' }, format: { type: 'string' } }, required: ['account', 'channels'] },
      inspector: {
        inputs: {
          account: accountInput(),
          channels: { type: 'text', label: 'Channels', tooltip: 'One or more channels, separated by commas.', variables: false, index: 1 },
          patterns: { type: 'toggle', label: 'Channels are patterns', tooltip: 'Subscribe with PSUBSCRIBE: * matches any characters, ? one, [ab] one of a set.', defaultValue: false, variables: false, index: 2 },
          format: { ...readFormatInput, index: 3 },
        },
      },
    },
  },
  {
    options: accountOptions('weft.redis'),

    async listen(context, emit) {
      const url = redisUrl(context.auth);
      const channels = channelsOf(context.properties.channels);
      const patterns = context.properties.patterns === true;
      const format = readFormatOf(context.properties.format);

      let isClosing = false;
      // A subscribed connection can run no other command: one of its own per listener.
      const client = await openClient(url, `weft ${context.flowId}/${context.componentId}`);
      client.on('end', () => {
        if (!isClosing) context.lost(new Error('The connection to Redis closed.'));
      });
      // Messages are handed over one at a time, in the order Redis sent them.
      let chain = Promise.resolve();
      const deliver = (channel: string, bytes: Buffer, pattern?: string) => {
        chain = chain.then(async () => {
          if (isClosing) return;
          const decoded = decodePayload(bytes, format);
          if (!decoded.ok) {
            context.log('warn', `A message on "${channel}" was dropped: ${decoded.error}`);
            return;
          }
          try {
            await emit({ channel, message: decoded.value, ...(pattern === undefined ? {} : { pattern }) });
          } catch (error) {
            // Not accepted (the engine is stopping, the message is too large): Redis cannot take it back.
            context.log('warn', `A message on "${channel}" was not accepted and is lost: ${error instanceof Error ? error.message : String(error)}`);
          }
        });
      };
      client.on('messageBuffer', (channel: Buffer, message: Buffer) => deliver(channel.toString(), message));
      client.on('pmessageBuffer', (pattern: Buffer, channel: Buffer, message: Buffer) => deliver(channel.toString(), message, pattern.toString()));
      try {
        if (patterns) await client.psubscribe(...channels);
        else await client.subscribe(...channels);
      } catch (error) {
        isClosing = true;
        client.disconnect();
        throw explainRedisError(error);
      }
      return async () => {
        isClosing = true;
        await chain;
        await client.quit().catch(() => client.disconnect());
      };
    },
  },
);
