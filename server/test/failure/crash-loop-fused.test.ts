import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, hook, probeBroker, sleep, waitUntil, type Role } from './cluster.ts';

const cluster = new Cluster({ WEFT_MAX_REDELIVERIES: '3' });
afterAll(() => cluster.close());

/** The message ids the killer died on, in order. */
const killed = () => (existsSync(join(cluster.dir, 'kills.log')) ? readFileSync(join(cluster.dir, 'kills.log'), 'utf8').split('\n').filter(Boolean).map((line) => line.split(' ')[0]!) : []);

describeWithBroker('when a pure step fused into its sender\'s delivery kills every worker that runs it', await probeBroker(), () => {
  it('runs it on its own message after the first death, and parks that message as message.poison', async () => {
    const api = await cluster.start('api,scheduler,indexer');
    const flowId = await cluster.startFlow(api.url, {
      hook: hook(false),
      kill: { type: 'test.failure.PureKiller', x: 0, y: 0, source: { in: { hook: ['out'] } } },
    });
    expect((await cluster.call(api.url, 'POST', `/flows/${flowId}/components/hook`, { boom: 1 })).status).toBe(202);

    // A supervisor restarts the worker each time it dies, until one lives on.
    let deaths = 0;
    for (let worker: Role = await cluster.start('worker'); ; worker = await cluster.start('worker')) {
      const child = worker.child;
      const died = new Promise<boolean>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(true) : child.once('exit', () => resolve(true))));
      if (!(await Promise.race([died, sleep(6000).then(() => false)]))) break;
      deaths += 1;
      expect(deaths).toBeLessThanOrEqual(6);
    }

    type Parked = { items: { componentId: string; error: { code: string }; message: { componentId: string; content: unknown } }[]; total: number };
    let parked: Parked = { items: [], total: 0 };
    await waitUntil('the message to be parked', async () => {
      parked = (await cluster.call<Parked>(api.url, 'GET', `/unprocessed-messages?flowId=${flowId}`)).body;
      return parked.total > 0;
    }, 30_000, 200);
    // First death: fused into the webhook's delivery. Its redelivery is a suspect and fuses nothing,
    // so the killer's own message is delivered, counted and parked after 3 more deaths.
    expect(deaths).toBeGreaterThanOrEqual(4);
    const ids = killed();
    expect(ids).toHaveLength(deaths);
    expect(new Set(ids).size).toBe(1);
    expect(parked.total).toBe(1);
    expect(parked.items[0]).toMatchObject({ componentId: 'kill', error: { code: 'message.poison' }, message: { componentId: 'kill' } });
  }, 120_000);
});
