/** The components of weft.nats: the engine loads this module's default export. */
import { defineAuth } from '@weft/connector-kit';
import { explainNatsError, natsClient, serversOf } from './connection.ts';
import { Publish } from './publish.ts';
import { Subscribe } from './subscribe.ts';

export { Publish, Subscribe };
export { publishers } from './connection.ts';
export default [Publish, Subscribe];

/** Connecting the account: log in to a server, then leave. */
export const auth = defineAuth({
  async test(account) {
    const connection = await (await natsClient()).connect({ ...serversOf(account), name: 'weft account test' }).catch((error: unknown) => {
      throw explainNatsError(error);
    });
    const server = connection.info;
    await connection.close().catch(() => {});
    return { profile: { server: server?.server_name ?? '', version: server?.version ?? '' } };
  },
});
