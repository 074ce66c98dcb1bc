import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, hook, probeBroker, record, sleep, waitUntil, type Role } from './cluster.ts';
import { countsLine, readEffects } from './effects.ts';

const cluster = new Cluster({ WEFT_MAX_REDELIVERIES: '3' });
afterAll(() => cluster.close());

const kills = () => (existsSync(join(cluster.dir, 'kills.log')) ? readFileSync(join(cluster.dir, 'kills.log'), 'utf8').split('\n').filter(Boolean).length : 0);

describeWithBroker('when a message kills every worker that takes it', await probeBroker(), () => {
  it('parks it as message.poison after 3 redeliveries (RabbitMQ x-delivery-count), and the next worker serves other runs', async () => {
    const [api] = await Promise.all([cluster.start('api,scheduler,indexer')]);
    const killing = await cluster.startFlow(api.url, {
      hook: hook(false),
      kill: { type: 'test.failure.Killer', x: 0, y: 0, source: { in: { hook: ['out'] } } },
    });
    const healthy = await cluster.startFlow(api.url, { hook: hook(false), record: record('hook') });
    expect((await cluster.call(api.url, 'POST', `/flows/${killing}/components/hook`, { boom: 1 })).status).toBe(202);

    // A supervisor restarts the worker each time it dies.
    let worker: Role = await cluster.start('worker');
    let deaths = 0;
    for (;;) {
      const exited = new Promise<'died'>((resolve) => {
        if (worker.child.exitCode !== null || worker.child.signalCode !== null) resolve('died');
        else worker.child.once('exit', () => resolve('died'));
      });
      const outcome = await Promise.race([exited, sleep(6000).then(() => 'alive' as const)]);
      if (outcome === 'alive') break;
      deaths += 1;
      if (deaths > 6) console.log(readFileSync(join(cluster.dir, 'kills.log'), 'utf8'));
      expect(deaths).toBeLessThanOrEqual(6);
      worker = await cluster.start('worker');
    }

    type Parked = { items: { componentId: string; error: { code: string } }[]; total: number };
    let parked: Parked = { items: [], total: 0 };
    await waitUntil('the message to be parked', async () => {
      parked = (await cluster.call<Parked>(api.url, 'GET', `/unprocessed-messages?flowId=${killing}`)).body;
      return parked.total > 0;
    }, 30_000, 200);
    const sent = await cluster.call<{ correlationId: string }>(api.url, 'POST', `/flows/${healthy}/components/hook`, { n: 1 });
    await waitUntil('a healthy run to complete', () => readEffects(cluster.dir).has(sent.body.correlationId), 30_000);
    console.log(countsLine('crash loop', { deaths, kills: kills(), parked: parked.total, code: parked.items[0]?.error.code ?? '-' }));
    // The first delivery and 3 counted redeliveries; a re-run of the webhook's message may publish
    // the killer's message again, and that copy's first delivery is not counted (one more death).
    expect(deaths).toBeGreaterThanOrEqual(4);
    expect(kills()).toBe(deaths);
    expect(parked.total).toBe(1);
    expect(parked.items[0]).toMatchObject({ componentId: 'kill', error: { code: 'message.poison' } });
  }, 120_000);
});
