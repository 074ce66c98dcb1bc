/** The components of weft.rabbitmq: the engine loads this module's default export. */
import { defineAuth } from '@weft/connector-kit';
import { amqplib, amqpUrl, explainAmqpError, namedConnection } from './connection.ts';
import { Consume } from './consume.ts';
import { Publish } from './publish.ts';

export { Consume, Publish };
export { publishers } from './connection.ts';
export default [Publish, Consume];

/** Connecting the account: log in to the broker and its virtual host, then leave. */
export const auth = defineAuth({
  async test(account) {
    const model = await (await amqplib()).connect(amqpUrl(account), namedConnection('weft account test')).catch((error: unknown) => {
      throw explainAmqpError(error, 'The virtual host');
    });
    model.on('error', () => {});
    const server = model.connection.serverProperties;
    await model.close().catch(() => {});
    return { profile: { product: String(server.product ?? 'RabbitMQ'), version: String(server.version ?? '') } };
  },
});
