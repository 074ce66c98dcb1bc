import { afterAll, expect, it } from 'vitest';
import { Cluster, describeWithBroker, ensureBrokerUp, hook, probeBroker, rabbitmqctl, record, sleep, step, waitUntil } from './cluster.ts';
import { countsLine, readEffects, readReceived } from './effects.ts';

const cluster = new Cluster();
afterAll(async () => {
  await ensureBrokerUp();
  await cluster.close();
});

describeWithBroker('when the broker restarts under load', await probeBroker(), () => {
  it('loses no accepted run and resumes within 10 s of the broker coming back, without restarting Weft', async () => {
    const [api] = await Promise.all([cluster.start('api'), cluster.start('worker'), cluster.start('scheduler,indexer')]);
    const flowId = await cluster.startFlow(api.url, { hook: hook(false), a: step('hook'), b: step('a'), record: record('b') });

    const accepted = new Set<string>();
    let sent = 0;
    let refused = 0;
    let calling = true;
    const caller = async () => {
      while (calling) {
        sent += 1;
        const result = await cluster.call<{ correlationId: string }>(api.url, 'POST', `/flows/${flowId}/components/hook`, { n: sent });
        if (result.status === 202) accepted.add(result.body.correlationId);
        else refused += 1; // 503: the message was not stored, and the caller was told so
        await sleep(20);
      }
    };
    const callers = Promise.all(Array.from({ length: 8 }, caller));
    let startedAt = 0;
    try {
      await waitUntil('runs before the outage', () => readReceived(cluster.dir).length >= 50);
      await rabbitmqctl('stop_app');
      await sleep(3000);
      await rabbitmqctl('start_app');
      startedAt = Date.now();
      await sleep(3000);
    } finally {
      calling = false;
      await ensureBrokerUp();
    }
    await callers;

    await waitUntil('every accepted run to complete', () => {
      const effects = readEffects(cluster.dir);
      return [...accepted].every((id) => effects.has(id));
    }, 60_000, 200, () => cluster.diagnose()).catch((error: unknown) => console.log(String(error)));
    const received = readReceived(cluster.dir);
    const effects = readEffects(cluster.dir);
    const firstAfter = received.find((r) => r.time >= startedAt);
    const resumedMs = firstAfter ? firstAfter.time - startedAt : Infinity;
    const lost = [...accepted].filter((id) => !effects.has(id)).length;
    const duplicates = received.length - new Set(received.map((r) => r.messageId)).size;
    // A publish the broker stored but whose confirm the outage swallowed is refused yet runs: at least once.
    const refusedButRan = [...effects.keys()].filter((id) => !accepted.has(id)).length;
    console.log(countsLine('broker restart', { sent, accepted: accepted.size, refused, refusedButRan, completed: effects.size, duplicates, lost, resumedMs }));
    expect(lost).toBe(0);
    expect(resumedMs).toBeLessThan(10_000);
  }, 150_000);
});
