import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, hook, probeBroker, record, sleep, waitUntil } from './cluster.ts';
import { countsLine, readEffects, readReceived } from './effects.ts';

const cluster = new Cluster();
afterAll(() => cluster.close());

describeWithBroker('when two schedulers share the store', await probeBroker(), () => {
  it('fires each timer once', async () => {
    const [api] = await Promise.all([cluster.start('api,indexer'), cluster.start('worker'), cluster.start('scheduler'), cluster.start('scheduler')]);
    const flowId = await cluster.startFlow(api.url, {
      hook: hook(false),
      wait: {
        type: 'weft.utils.timers.Wait', x: 0, y: 0, source: { in: { hook: ['out'] } },
        config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { delayMs: 300 } } } } } },
      },
      record: record('wait'),
    });
    const sent = 30;
    for (let i = 0; i < sent; i++) expect((await cluster.call(api.url, 'POST', `/flows/${flowId}/components/hook`, { i })).status).toBe(202);
    await waitUntil('every timer to fire', () => readEffects(cluster.dir).size >= sent, 30_000, 200);
    await sleep(1500); // a second firing would land now
    const received = readReceived(cluster.dir);
    const effects = readEffects(cluster.dir);
    const duplicates = received.length - effects.size;
    console.log(countsLine('two schedulers', { sent, completed: effects.size, duplicates, lost: sent - effects.size }));
    expect(effects.size).toBe(sent);
    expect(duplicates).toBe(0);
  }, 90_000);
});
