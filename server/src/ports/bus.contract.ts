/**
 * @module Bus contract: the behaviour every Bus adapter must show, run unchanged by each adapter's
 * `bus.test.ts` (embedded, RabbitMQ, …).
 *
 * ```ts
 * describeBusContract('EmbeddedBus', async () => new EmbeddedBus({ file }));
 * ```
 *
 * `makeBus` is called once or more per case and must return a bus connected to the *same*
 * storage each time (the same file, the same broker): the cases use unique queue names, so they
 * never see each other's messages, and "survives a restart" opens a second bus to read what the
 * first one stored. Every bus made is closed after its case.
 *
 * A handler that resolves or rejects without calling `ack()` or `nack()` gets its message back
 * on the queue, as with `nack()`: a delivery never stays in limbo while its consumer lives.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage, Delivery, Subscription } from './bus.ts';
import { expectCataloguedError, rejectionOf } from './catalogued-error.ts';

export const busContractCases = [
  'delivers the id and body of a published message intact',
  'does not deliver a message before its publish resolves',
  'removes a message for good once it is acked',
  'redelivers a nacked message with a delivery count of 2',
  'does not count a delivery given back with an uncounted nack',
  'redelivers a message whose handler returned without settling it',
  'redelivers a message whose handler threw',
  'does not deliver a message published with delayMs before the delay',
  'does not redeliver a message nacked with delayMs before the delay',
  'keeps no more handlers in flight than prefetch',
  'shares the work of one queue between two consumers without double delivery',
  'keeps queues isolated from each other',
  'keeps a published message when the bus is closed and another is opened',
  'delivers higher priority messages first',
  'counts ready and delayed messages in depth, and purge empties the queue',
  'waits for in-flight handlers when a subscription is cancelled',
  'stops delivering to a cancelled subscription',
  'rejects a publish on a closed bus',
  'refuses a batch holding a body nested too deep to serialise, publishing none of it',
  'delivers 5,000 messages exactly once each',
] as const;

export type BusContractCase = (typeof busContractCases)[number];

export interface BusContractOptions {
  /** Cases this adapter cannot honour, each with the reason (shown in the test title). */
  skip?: Partial<Record<BusContractCase, string>>;
}

const DELAY_MS = 300;
/** Timer and clock granularity differ between brokers and hosts; never more than this early. */
const CLOCK_SLACK_MS = 15;

export function describeBusContract(name: string, makeBus: () => Promise<Bus>, options: BusContractOptions = {}): void {
  describe(`Bus contract: ${name}`, () => {
    const opened: Bus[] = [];
    const subscriptions: Subscription[] = [];

    async function open(): Promise<Bus> {
      const bus = await makeBus();
      opened.push(bus);
      return bus;
    }

    async function consume(bus: Bus, queue: string, handler: (delivery: Delivery) => Promise<void>, prefetch?: number): Promise<Subscription> {
      const subscription = await bus.consume(queue, handler, prefetch === undefined ? {} : { prefetch });
      subscriptions.push(subscription);
      return subscription;
    }

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.cancel()));
      for (const bus of opened.splice(0)) await bus.close().catch(() => undefined);
    });

    function test(title: BusContractCase, body: () => Promise<void>, timeoutMs?: number): void {
      const reason = options.skip?.[title];
      if (reason !== undefined) it.skip(`${title} (skipped: ${reason})`, body);
      else it(title, body, timeoutMs);
    }

    test('delivers the id and body of a published message intact', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      const body = { text: 'héllo ✓', n: 42.5, nested: { list: [1, null, true, 'x'] }, empty: {} };
      await bus.publish(queue, [{ id: 'm-1', body }]);
      const deliveries: Delivery[] = [];
      await consume(bus, queue, async (d) => {
        deliveries.push(d);
        await d.ack();
      });
      await waitFor(() => deliveries.length === 1);
      expect(deliveries[0]!.message.id).toBe('m-1');
      expect(deliveries[0]!.message.body).toEqual(body);
      expect(deliveries[0]!.deliveryCount).toBe(1);
    });

    test('does not deliver a message before its publish resolves', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      let resolved = false;
      let deliveredEarly: boolean | undefined;
      await consume(bus, queue, async (d) => {
        deliveredEarly = !resolved;
        await d.ack();
      });
      await bus.publish(queue, [{ id: 'm-1', body: 1 }]).then(() => {
        resolved = true;
      });
      await waitFor(() => deliveredEarly !== undefined);
      expect(deliveredEarly).toBe(false);
    });

    test('removes a message for good once it is acked', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: 'once' }]);
      const seen: string[] = [];
      const acked: Promise<void>[] = [];
      await consume(bus, queue, async (d) => {
        seen.push(d.message.id);
        const ack = d.ack();
        acked.push(ack);
        await ack;
      });
      await waitFor(() => acked.length === 1);
      await Promise.all(acked);
      await sleep(DELAY_MS);
      expect(seen).toEqual(['m-1']);
      expect(await bus.depth(queue)).toBe(0);
    });

    test('redelivers a nacked message with a delivery count of 2', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: { a: 1 } }]);
      const counts: number[] = [];
      await consume(bus, queue, async (d) => {
        counts.push(d.deliveryCount);
        expect(d.message).toMatchObject({ id: 'm-1', body: { a: 1 } });
        if (d.deliveryCount === 1) await d.nack();
        else await d.ack();
      });
      await waitFor(() => counts.length === 2);
      expect(counts).toEqual([1, 2]);
    });

    test('does not count a delivery given back with an uncounted nack', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: { a: 1 } }]);
      const counts: number[] = [];
      await consume(bus, queue, async (d) => {
        counts.push(d.deliveryCount);
        if (counts.length === 1) await d.nack({ uncounted: true });
        else if (counts.length === 2) await d.nack({ uncounted: true, delayMs: 20 });
        else if (counts.length === 3) await d.nack();
        else await d.ack();
      });
      await waitFor(() => counts.length === 4);
      expect(counts).toEqual([1, 1, 1, 2]);
    });

    test('redelivers a message whose handler returned without settling it', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: null }]);
      const counts: number[] = [];
      await consume(bus, queue, async (d) => {
        counts.push(d.deliveryCount);
        if (d.deliveryCount >= 2) await d.ack();
      });
      await waitFor(() => counts.length === 2);
      expect(counts).toEqual([1, 2]);
    });

    test('redelivers a message whose handler threw', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: 'boom' }]);
      const counts: number[] = [];
      await consume(bus, queue, async (d) => {
        counts.push(d.deliveryCount);
        if (d.deliveryCount === 1) throw new Error('the handler failed');
        await d.ack();
      });
      await waitFor(() => counts.length === 2);
      expect(counts).toEqual([1, 2]);
    });

    test('does not deliver a message published with delayMs before the delay', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      const arrivals = new Map<string, number>();
      await consume(bus, queue, async (d) => {
        arrivals.set(d.message.id, Date.now());
        await d.ack();
      });
      const publishedAt = Date.now();
      await bus.publish(queue, [{ id: 'later', body: 1 }], { delayMs: DELAY_MS });
      await bus.publish(queue, [{ id: 'now', body: 2 }]);
      await waitFor(() => arrivals.size === 2);
      expect(arrivals.get('later')! - publishedAt).toBeGreaterThanOrEqual(DELAY_MS - CLOCK_SLACK_MS);
      // The undelayed message published after it overtakes it.
      expect(arrivals.get('now')!).toBeLessThanOrEqual(arrivals.get('later')!);
    });

    test('does not redeliver a message nacked with delayMs before the delay', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'm-1', body: 1 }]);
      const arrivals: { at: number; count: number }[] = [];
      await consume(bus, queue, async (d) => {
        arrivals.push({ at: Date.now(), count: d.deliveryCount });
        if (d.deliveryCount === 1) await d.nack({ delayMs: DELAY_MS });
        else await d.ack();
      });
      await waitFor(() => arrivals.length === 2);
      expect(arrivals.map((a) => a.count)).toEqual([1, 2]);
      expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(DELAY_MS - CLOCK_SLACK_MS);
    });

    test('keeps no more handlers in flight than prefetch', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, messages(20));
      let inFlight = 0;
      let most = 0;
      let done = 0;
      await consume(
        bus,
        queue,
        async (d) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await sleep(30);
          inFlight -= 1;
          await d.ack();
          done += 1;
        },
        3,
      );
      await waitFor(() => done === 20);
      expect(most).toBeLessThanOrEqual(3);
      expect(most).toBeGreaterThan(1);
    });

    test('shares the work of one queue between two consumers without double delivery', async () => {
      const first = await open();
      const second = await open();
      const queue = uniqueQueue();
      const byConsumer = { first: [] as string[], second: [] as string[] };
      const handler = (list: string[]) => async (d: Delivery) => {
        list.push(d.message.id);
        await sleep(5);
        await d.ack();
      };
      await consume(first, queue, handler(byConsumer.first), 4);
      await consume(second, queue, handler(byConsumer.second), 4);
      await first.publish(queue, messages(200));
      await waitFor(() => byConsumer.first.length + byConsumer.second.length >= 200);
      await sleep(DELAY_MS);
      const all = [...byConsumer.first, ...byConsumer.second];
      expect(all).toHaveLength(200);
      expect(new Set(all).size).toBe(200);
      expect(byConsumer.first.length).toBeGreaterThan(0);
      expect(byConsumer.second.length).toBeGreaterThan(0);
    });

    test('keeps queues isolated from each other', async () => {
      const bus = await open();
      const [a, b] = [uniqueQueue(), uniqueQueue()];
      await bus.publish(a, [{ id: 'for-a', body: 'a' }]);
      await bus.publish(b, [{ id: 'for-b', body: 'b' }]);
      const seen: string[] = [];
      await consume(bus, a, async (d) => {
        seen.push(d.message.id);
        await d.ack();
      });
      await waitFor(() => seen.length === 1);
      await sleep(DELAY_MS);
      expect(seen).toEqual(['for-a']);
      expect(await bus.depth(b)).toBe(1);
    });

    test('keeps a published message when the bus is closed and another is opened', async () => {
      const queue = uniqueQueue();
      const before = await open();
      await before.publish(queue, [{ id: 'kept', body: { survives: true } }]);
      await before.close();
      const after = await open();
      expect(await after.depth(queue)).toBe(1);
      const seen: BusMessage[] = [];
      await consume(after, queue, async (d) => {
        seen.push(d.message);
        await d.ack();
      });
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ id: 'kept', body: { survives: true } });
    });

    test('delivers higher priority messages first', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [
        ...messages(5).map((m) => ({ ...m, priority: 0 })),
        { id: 'urgent', body: 'u', priority: 9 },
        { id: 'soon', body: 's', priority: 5 },
      ]);
      const seen: string[] = [];
      await consume(
        bus,
        queue,
        async (d) => {
          seen.push(d.message.id);
          await d.ack();
        },
        1,
      );
      await waitFor(() => seen.length === 7);
      expect(seen.slice(0, 2)).toEqual(['urgent', 'soon']);
    });

    test('counts ready and delayed messages in depth, and purge empties the queue', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      expect(await bus.depth(queue)).toBe(0);
      await bus.publish(queue, messages(3));
      await bus.publish(queue, [{ id: 'delayed', body: 0 }], { delayMs: 60_000 });
      expect(await bus.depth(queue)).toBe(4);
      await bus.purge(queue);
      expect(await bus.depth(queue)).toBe(0);
      const seen: string[] = [];
      await consume(bus, queue, async (d) => {
        seen.push(d.message.id);
        await d.ack();
      });
      await sleep(DELAY_MS);
      expect(seen).toEqual([]);
    });

    test('waits for in-flight handlers when a subscription is cancelled', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      await bus.publish(queue, [{ id: 'slow', body: 1 }]);
      let started = false;
      let finished = false;
      const subscription = await consume(bus, queue, async (d) => {
        started = true;
        await sleep(200);
        await d.ack();
        finished = true;
      });
      await waitFor(() => started);
      await subscription.cancel();
      expect(finished).toBe(true);
      expect(await bus.depth(queue)).toBe(0);
    });

    test('stops delivering to a cancelled subscription', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      const seen: string[] = [];
      const subscription = await consume(bus, queue, async (d) => {
        seen.push(d.message.id);
        await d.ack();
      });
      await bus.publish(queue, [{ id: 'before', body: 1 }]);
      await waitFor(() => seen.length === 1);
      await subscription.cancel();
      await bus.publish(queue, [{ id: 'after', body: 2 }]);
      await sleep(DELAY_MS);
      expect(seen).toEqual(['before']);
      expect(await bus.depth(queue)).toBe(1);
    });

    test('rejects a publish on a closed bus', async () => {
      const bus = await open();
      await bus.close();
      expectCataloguedError(await rejectionOf(bus.publish(uniqueQueue(), [{ id: 'late', body: 1 }])), 'bus.closed');
    });

    test('refuses a batch holding a body nested too deep to serialise, publishing none of it', async () => {
      const bus = await open();
      const queue = uniqueQueue();
      let deep: unknown = [];
      for (let i = 0; i < 200_000; i++) deep = [deep];
      const batch = [{ id: 'fine', body: 1 }, { id: 'deep', body: { deep } }, { id: 'after', body: 2 }];
      await expect(bus.publish(queue, batch)).rejects.toMatchObject({ code: 'bus.unserializable', retry: 'never' });
      await sleep(DELAY_MS);
      expect(await bus.depth(queue)).toBe(0);
    });

    test(
      'delivers 5,000 messages exactly once each',
      async () => {
        const bus = await open();
        const queue = uniqueQueue();
        const total = 5_000;
        const seen = new Map<string, number>();
        await consume(
          bus,
          queue,
          async (d) => {
            seen.set(d.message.id, (seen.get(d.message.id) ?? 0) + 1);
            await d.ack();
          },
          64,
        );
        const batches = Array.from({ length: total / 100 }, (_, b) =>
          Array.from({ length: 100 }, (_, i) => ({ id: `m-${b * 100 + i}`, body: { b, i } })),
        );
        await Promise.all(batches.map((batch) => bus.publish(queue, batch)));
        await waitFor(() => seen.size === total, 60_000);
        await sleep(DELAY_MS);
        expect(seen.size).toBe(total);
        expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
        expect(await bus.depth(queue)).toBe(0);
      },
      90_000,
    );
  });
}

function uniqueQueue(): string {
  return `contract.${randomUUID()}`;
}

function messages(count: number): BusMessage[] {
  return Array.from({ length: count }, (_, i) => ({ id: `m-${i}`, body: { i } }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms; fails the test after `timeoutMs`. Shared with the adapters' own tests. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
