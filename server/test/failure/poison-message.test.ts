import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, hook, probeBroker, record, sleep, waitUntil } from './cluster.ts';
import { countsLine, readAttempts, readEffects } from './effects.ts';

const BASE_MS = 200;
const cluster = new Cluster({ WEFT_MAX_ATTEMPTS: '4', WEFT_RETRY_BASE_MS: String(BASE_MS), WEFT_RETRY_MAX_MS: '5000' });
afterAll(() => cluster.close());

describeWithBroker('when a message keeps failing', await probeBroker(), () => {
  it('tries it exactly the configured times with growing delays, parks it, and completes the run once retried after a fix', async () => {
    const [api] = await Promise.all([cluster.start('api,scheduler,indexer'), cluster.start('worker')]);
    const flowId = await cluster.startFlow(api.url, {
      hook: hook(false),
      poison: { type: 'test.failure.Poison', x: 0, y: 0, source: { in: { hook: ['out'] } } },
      record: record('poison'),
    });
    const sent = await cluster.call<{ correlationId: string }>(api.url, 'POST', `/flows/${flowId}/components/hook`, { n: 1 });
    expect(sent.status).toBe(202);

    type Parked = { items: { id: string; attempts: number }[]; total: number };
    let parked: Parked = { items: [], total: 0 };
    await waitUntil('the message to be parked', async () => {
      parked = (await cluster.call<Parked>(api.url, 'GET', `/unprocessed-messages?flowId=${flowId}`)).body;
      return parked.total > 0;
    }, 30_000, 200);
    await sleep(1500); // an extra attempt, if one were scheduled, would come within this
    const attempts = readAttempts(cluster.dir);
    const gaps = attempts.slice(1).map((time, i) => time - attempts[i]!);
    parked = (await cluster.call<Parked>(api.url, 'GET', `/unprocessed-messages?flowId=${flowId}`)).body;
    console.log(countsLine('poison message', { sent: 1, attempts: attempts.length, gapsMs: gaps.join('/'), unprocessed: parked.total, completed: readEffects(cluster.dir).size }));
    expect(attempts).toHaveLength(4);
    // Attempt n waits at least half of base·2^(n-1) ("equal jitter"), and each wait at least the previous one's lower bound.
    gaps.forEach((gap, i) => {
      const lowerBound = (BASE_MS * 2 ** i) / 2;
      expect(gap).toBeGreaterThanOrEqual(lowerBound);
      if (i > 0) expect(gap).toBeGreaterThanOrEqual((BASE_MS * 2 ** (i - 1)) / 2);
    });
    expect(parked.total).toBe(1);
    expect(parked.items[0]!.attempts).toBe(4);
    expect(readEffects(cluster.dir).size).toBe(0);

    writeFileSync(join(cluster.dir, 'fixed'), '');
    const retried = await cluster.call(api.url, 'POST', `/unprocessed-messages/${parked.items[0]!.id}/retry`, {});
    expect(retried.status).toBe(200);
    await waitUntil('the retried run to complete', () => readEffects(cluster.dir).has(sent.body.correlationId), 20_000);
    const after = (await cluster.call<Parked>(api.url, 'GET', `/unprocessed-messages?flowId=${flowId}`)).body;
    console.log(countsLine('poison message retried', { attempts: readAttempts(cluster.dir).length, unprocessed: after.total, completed: readEffects(cluster.dir).size }));
    expect(after.total).toBe(0);
  }, 90_000);
});
