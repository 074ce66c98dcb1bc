import { afterAll, expect, it } from 'vitest';
import { http, startTestWeft, type TestWeft } from '../harness.ts';
import { AMQP_URL, Cluster, describeWithBroker, hook, probeBroker, record, sleep, step, TcpProxy, waitUntil } from './cluster.ts';
import { countsLine, failureComponents, readEffects } from './effects.ts';

const cluster = new Cluster();
const opened: TestWeft[] = [];
let proxy: TcpProxy | undefined;
afterAll(async () => {
  for (const weft of opened.reverse()) await weft.close();
  await proxy?.close();
  await cluster.close();
});

describeWithBroker('when the broker never confirms a webhook message', await probeBroker(), () => {
  it('answers 5xx JSON, not 2xx, and the message never runs later', async () => {
    proxy = await TcpProxy.start(new URL(AMQP_URL));
    const env = { WEFT_BUS: 'rabbitmq', WEFT_AMQP_PREFIX: cluster.prefix };
    // The API reaches the broker through the proxy; the worker directly.
    const api = await startTestWeft({ roles: ['api', 'scheduler', 'indexer'], dataDir: cluster.dir, components: failureComponents(cluster.dir), env: { ...env, WEFT_AMQP_URL: proxy.url(AMQP_URL) } });
    opened.push(api);
    opened.push(await startTestWeft({ roles: ['worker'], dataDir: cluster.dir, components: failureComponents(cluster.dir), env: { ...env, WEFT_AMQP_URL: AMQP_URL } }));
    const flowId = await cluster.startFlow(api.url, {
      hook: hook(true), a: step('hook'), record: record('a'),
      reply: { type: 'weft.utils.http.Response', x: 0, y: 0, source: { in: { a: ['out'] } } },
    });
    const call = (n: number) => http<{ error?: { code: string; message: string } }>(`${api.url}/flows/${flowId}/components/hook`, { body: { n } });
    expect((await call(1)).status).toBe(200);

    // The publish leaves Weft but is lost on the way, and so is any answer; then the link drops.
    proxy.blackhole = true;
    const lost = call(2);
    await waitUntil('the publish to be sent', () => proxy!.swallowedUp > 200, 5_000, 10);
    proxy.cut();
    proxy.blackhole = false;
    const refused = await lost;
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.body.error?.code).toBe('bus.unavailable');

    // Weft reconnects by itself and accepts the next call.
    const after = await call(3);
    expect(after.status).toBe(200);
    await sleep(2000);
    const effects = readEffects(cluster.dir);
    const depth = await api.weft.adapters.bus.depth('messages');
    console.log(countsLine('unconfirmed publish', { sent: 3, answered2xx: 2, refusedStatus: refused.status, completed: effects.size, appearedLater: effects.size - 2, depth }));
    expect(effects.size).toBe(2);
    expect(depth).toBe(0);
  }, 60_000);
});
