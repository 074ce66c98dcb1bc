import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, hook, probeBroker, record, sleep, step, waitUntil } from './cluster.ts';
import { countsLine, readEffects, readReceived } from './effects.ts';

const PREFETCH = 16;
const cluster = new Cluster({ WEFT_PREFETCH: String(PREFETCH) });
afterAll(() => cluster.close());

describeWithBroker('when a worker is killed with messages in flight', await probeBroker(), () => {
  it('loses no accepted run, re-runs at most a prefetch window, and shows no effect twice', async () => {
    const [api, victim] = await Promise.all([
      cluster.start('api'), cluster.start('worker'), cluster.start('worker'), cluster.start('scheduler,indexer'),
    ]).then(([a, w1]) => [a, w1] as const);
    const flowId = await cluster.startFlow(api.url, { hook: hook(false), a: step('hook'), b: step('a'), c: step('b'), record: record('c') });

    // 600 calls, 16 at a time; SIGKILL one worker once the pipeline is busy.
    const accepted = new Set<string>();
    let sent = 0;
    let refused = 0;
    const caller = async () => {
      while (sent < 600) {
        sent += 1;
        const result = await cluster.call<{ correlationId: string }>(api.url, 'POST', `/flows/${flowId}/components/hook`, { n: sent });
        if (result.status === 202) accepted.add(result.body.correlationId);
        else refused += 1;
      }
    };
    const calling = Promise.all(Array.from({ length: 16 }, caller));
    await waitUntil('runs to complete before the kill', () => readReceived(cluster.dir).length >= 100);
    victim.child.kill('SIGKILL');
    const completedBeforeKill = new Set(readReceived(cluster.dir).map((r) => r.correlationId)).size;
    await calling;

    await waitUntil('every accepted run to complete', () => {
      const effects = readEffects(cluster.dir);
      return [...accepted].every((id) => effects.has(id));
    }, 60_000, 200, async () => {
      const effects = readEffects(cluster.dir);
      const missing = [...accepted].filter((id) => !effects.has(id));
      // Where did a missing run stop? Its log records, and anything parked, say.
      const trail = await Promise.all(missing.slice(0, 2).map(async (id) => {
        const logs = await cluster.call<{ records: { componentId: string; direction: string; error?: { code: string } }[] }>(api.url, 'GET', `/logs?correlationId=${id}&order=asc&limit=50`);
        return `${id}: ${JSON.stringify(logs.body.records?.map((r) => `${r.componentId}.${r.direction}${r.error ? `:${r.error.code}` : ''}`))}`;
      }));
      const parked = await cluster.call<{ total: number; items: { componentId: string; error: { code: string } }[] }>(api.url, 'GET', `/unprocessed-messages?flowId=${flowId}`);
      return `${missing.length} of ${accepted.size} accepted runs have no effect (e.g. ${missing.slice(0, 3).join(', ')})\n${trail.join('\n')}\nparked: ${JSON.stringify(parked.body)}\n${await cluster.diagnose()}`;
    });
    await sleep(1000); // late redeliveries, if any, land now
    const received = readReceived(cluster.dir);
    const effects = readEffects(cluster.dir);
    const lost = [...accepted].filter((id) => !effects.has(id)).length;
    const duplicates = received.length - new Set(received.map((r) => r.messageId)).size;
    const visibleTwice = [...effects.values()].filter((n) => n > 1).length;
    console.log(countsLine('worker killed', { sent, accepted: accepted.size, refused, completedBeforeKill, completed: effects.size, duplicates, visibleTwice, lost }));
    expect(lost).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(PREFETCH);
    expect(visibleTwice).toBe(0);
    expect(effects.size).toBe(accepted.size);
  }, 120_000);
});
