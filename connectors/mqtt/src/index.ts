/** The components of weft.mqtt: the engine loads this module's default export. */
import { defineAuth } from '@weft/connector-kit';
import { brokerOf, explainMqttError, mqttClient } from './connection.ts';
import { Publish } from './publish.ts';
import { Subscribe } from './subscribe.ts';

export { Publish, Subscribe };
export { publishers } from './connection.ts';
export default [Publish, Subscribe];

/** Connecting the account: log in to the broker, then leave. */
export const auth = defineAuth({
  async test(account) {
    const { url, options } = brokerOf(account);
    const client = await (await mqttClient()).connectAsync(url, options).catch((error: unknown) => {
      throw explainMqttError(error);
    });
    await client.endAsync().catch(() => {});
  },
});
