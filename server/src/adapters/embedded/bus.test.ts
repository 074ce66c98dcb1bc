import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeBusContract, sleep, waitFor } from '../../ports/bus.contract.ts';
import type { Delivery } from '../../ports/bus.ts';
import { EmbeddedBus } from './bus.ts';
import { openDatabase } from './open-database.ts';
import { EmbeddedStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-bus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every bus of the contract opens the same file, as every RabbitMQ bus reaches the same broker.
const contractFile = join(dir, 'contract.sqlite');
describeBusContract('EmbeddedBus', async () => new EmbeddedBus({ file: contractFile }));

describe('EmbeddedBus', () => {
  const buses: EmbeddedBus[] = [];
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
  });
  function open(file: string, options: { visibilityTimeoutMs?: number } = {}): EmbeddedBus {
    const bus = new EmbeddedBus({ file, ...options });
    buses.push(bus);
    return bus;
  }

  describe('when the process holding a delivery dies before acking', () => {
    it('redelivers the message to the next process once the visibility timeout has passed', async () => {
      const file = join(dir, 'crash.sqlite');
      const first = open(file);
      await first.publish('jobs', [{ id: 'job-1', body: { step: 1 } }]);
      await first.close();

      // A real process takes the delivery and exits without acking: no cleanup code runs.
      const busModule = join(fileURLToPath(new URL('.', import.meta.url)), 'bus.ts');
      const script = join(dir, 'crash.mjs');
      writeFileSync(
        script,
        `import { EmbeddedBus } from ${JSON.stringify(busModule)};
         const bus = new EmbeddedBus({ file: ${JSON.stringify(file)}, visibilityTimeoutMs: 400 });
         await bus.consume('jobs', async () => { process.stdout.write(String(Date.now())); process.exit(0); });`,
      );
      const takenAt = Number(await runNode(['--import', 'tsx', script]));
      expect(takenAt).toBeGreaterThan(0);
      // Where the claim put the message back in reach: its lease ran from the claim, a moment
      // before the handler read the clock (on a loaded machine, tens of ms before).
      const db = openDatabase(file);
      const { available_at: leaseEnd } = db.prepare<[], { available_at: number }>("SELECT available_at FROM bus_messages WHERE id = 'job-1'").get()!;
      db.close();
      // The process died inside its lease.
      expect(leaseEnd).toBeGreaterThan(takenAt);

      const next = open(file, { visibilityTimeoutMs: 400 });
      const deliveries: { delivery: Delivery; at: number }[] = [];
      await next.consume('jobs', async (delivery) => {
        deliveries.push({ delivery, at: Date.now() });
        await delivery.ack();
      });
      await waitFor(() => deliveries.length === 1);
      expect(deliveries[0]!.delivery.message).toEqual({ id: 'job-1', body: { step: 1 } });
      expect(deliveries[0]!.delivery.deliveryCount).toBe(2);
      // It came back through the timeout, not at once.
      expect(deliveries[0]!.at).toBeGreaterThanOrEqual(leaseEnd - 15);
      expect(await next.depth('jobs')).toBe(0);
    });

    it('does not redeliver a message whose handler outlives the visibility timeout', async () => {
      // The lease is long enough that only a missing heartbeat lets it run out: both consumers share
      // this event loop, so with a 150 ms lease a 100 ms stall of a loaded CI machine (GC, other test
      // files) let the other consumer's poll run before the heartbeat and take the message.
      const file = join(dir, 'slow.sqlite');
      const bus = open(file, { visibilityTimeoutMs: 600 });
      const other = open(file, { visibilityTimeoutMs: 600 });
      const counts: number[] = [];
      const slow = async (delivery: Delivery) => {
        counts.push(delivery.deliveryCount);
        await sleep(1_800);
        await delivery.ack();
      };
      await bus.consume('slow', slow);
      await other.consume('slow', slow);
      await bus.publish('slow', [{ id: 'm', body: 1 }]);
      await waitFor(() => counts.length === 1);
      await sleep(2_100);
      expect(counts).toEqual([1]);
    });
  });

  describe('when a delivery is held until a later time (holdUntil)', () => {
    it('frees its prefetch slot meanwhile, keeps its lease, and resumes no earlier than asked', async () => {
      // A lease a loaded machine's stalls cannot outlast between heartbeats (see the test above).
      const file = join(dir, 'hold.sqlite');
      const bus = open(file, { visibilityTimeoutMs: 500 });
      const other = open(file, { visibilityTimeoutMs: 500 });
      const events: string[] = [];
      const counts = new Map<string, number[]>();
      const handler = async (delivery: Delivery) => {
        const id = delivery.message.id;
        counts.set(id, [...(counts.get(id) ?? []), delivery.deliveryCount]);
        if (id === 'held') {
          const until = Date.now() + 2_000;
          await delivery.holdUntil!(until);
          events.push(`held resumed ${Date.now() >= until ? 'on time' : 'early'}`);
        } else {
          events.push(`${id} ran`);
        }
        await delivery.ack();
      };
      // One slot: the other two messages run meanwhile only because the held one gave its slot back.
      await bus.consume('hold', handler, { prefetch: 1 });
      await bus.publish('hold', [{ id: 'held', body: 1 }]);
      await waitFor(() => counts.has('held'));
      await bus.publish('hold', [{ id: 'next', body: 2 }, { id: 'last', body: 3 }]);
      await waitFor(() => events.length === 2, 400);
      // Another consumer of the queue is not given the held message, its lease kept by the heartbeat.
      await other.consume('hold', handler, { prefetch: 1 });
      await waitFor(() => events.length === 3, 5000);
      expect(events).toEqual(['next ran', 'last ran', 'held resumed on time']);
      // Held four times longer than the visibility timeout, it was never given to the other bus.
      expect(counts.get('held')).toEqual([1]);
      expect(await bus.depth('hold')).toBe(0);
    });

    it('gives every delivery held until the same time one promise (10,000 fires of a minute), resolved in the order they were held', async () => {
      const bus = open(join(dir, 'hold-shared.sqlite'));
      const at = Date.now() + 300;
      const waits: Promise<boolean>[] = [];
      const resumed: string[] = [];
      await bus.consume('shared', async (delivery) => {
        const wait = delivery.holdUntil!(at);
        waits.push(wait);
        await wait;
        resumed.push(delivery.message.id);
        await delivery.ack();
      }, { prefetch: 1 });
      await bus.publish('shared', [{ id: 'a', body: 1 }, { id: 'b', body: 2 }, { id: 'c', body: 3 }]);
      await waitFor(() => waits.length === 3);
      expect(new Set(waits).size).toBe(1);
      await waitFor(() => resumed.length === 3, 2000);
      expect(resumed).toEqual(['a', 'b', 'c']);
    });

    it('ends the wait of every held delivery (false) when its consumer stops', async () => {
      const bus = open(join(dir, 'hold-stop.sqlite'));
      const outcomes: boolean[] = [];
      let held = 0;
      const subscription = await bus.consume('stopping', async (delivery) => {
        held += 1;
        outcomes.push(await delivery.holdUntil!(Date.now() + 60_000));
        await delivery.nack({ uncounted: true });
      }, { prefetch: 1 });
      await bus.publish('stopping', [{ id: 'a', body: 1 }, { id: 'b', body: 2 }]);
      await waitFor(() => held === 2);
      const stopped = Date.now();
      await subscription.cancel();
      expect(outcomes).toEqual([false, false]);
      expect(Date.now() - stopped).toBeLessThan(1000);
      expect(await bus.depth('stopping')).toBe(2);
    });
  });

  it('rejects a publish whose body is not JSON, leaving the others of its tick unharmed', async () => {
    const bus = open(join(dir, 'unserializable.sqlite'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const [bad, good] = await Promise.allSettled([bus.publish('q', [{ id: 'bad', body: cyclic }]), bus.publish('q', [{ id: 'good', body: 1 }])]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'bus.unserializable' } });
    expect(good.status).toBe('fulfilled');
    expect(await bus.depth('q')).toBe(1);
  });

  describe('group commit', () => {
    it('commits publishes made in the same tick in one transaction, resolving each after it', async () => {
      const file = join(dir, 'group.sqlite');
      const bus = open(file);
      const before = bus.stats().commits;
      const reader = openDatabase(file);
      try {
        const count = () => (reader.prepare("SELECT count(*) AS n FROM bus_messages WHERE queue = 'batched'").get() as { n: number }).n;
        const seenOnResolve: number[] = [];
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            bus.publish('batched', [{ id: `m-${i}`, body: i }]).then(() => {
              seenOnResolve.push(count());
            }),
          ),
        );
        expect(bus.stats().commits - before).toBe(1);
        // Another connection sees every message by the time any publish resolves.
        expect(Math.min(...seenOnResolve)).toBe(100);
      } finally {
        reader.close();
      }
    });

    it('commits the acks of one tick together', async () => {
      const bus = open(join(dir, 'acks.sqlite'));
      await bus.publish('acks', Array.from({ length: 50 }, (_, i) => ({ id: `m-${i}`, body: i })));
      const held: Delivery[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await bus.consume(
        'acks',
        async (delivery) => {
          held.push(delivery);
          await gate;
        },
        { prefetch: 50 },
      );
      try {
        await waitFor(() => held.length === 50);
        const before = bus.stats().commits;
        await Promise.all(held.map((d) => d.ack()));
        expect(bus.stats().commits - before).toBe(1);
      } finally {
        release();
      }
      expect(await bus.depth('acks')).toBe(0);
    });
  });
});

describe('EmbeddedBus sharing its database with the Store', () => {
  const opened: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of opened.splice(0)) await close();
  });
  function openShared(name: string, markProcessed?: (ids: readonly string[], at: number) => void) {
    const database = openDatabase(join(dir, name));
    const store = new EmbeddedStore({ database });
    const bus = new EmbeddedBus({ database, markProcessed: markProcessed ?? ((ids, at) => store.markProcessedNow(ids, at)) });
    opened.push(async () => {
      await bus.close();
      await store.close();
      database.close();
    });
    return { database, store, bus };
  }
  /** The first delivery of a message published on `queue`; every later one lands in `taken`. */
  async function deliveryOf(bus: EmbeddedBus, queue: string, taken: Delivery[] = []): Promise<Delivery> {
    await bus.publish(queue, [{ id: 'in-1', body: { n: 1 } }]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    opened.unshift(async () => release());
    await bus.consume(queue, async (delivery) => {
      taken.push(delivery);
      await held;
    });
    await waitFor(() => taken.length > 0);
    return taken[0]!;
  }

  describe('when a delivery commits', () => {
    it('publishes, marks its ids processed and acks in one transaction', async () => {
      const { store, bus } = openShared('commit.sqlite');
      const delivery = await deliveryOf(bus, 'in');
      expect(delivery.commit).toBeDefined();
      const before = bus.stats().commits;
      await delivery.commit!({
        publishes: [{ queue: 'next', messages: [{ id: 'out-1', body: 1 }, { id: 'out-2', body: 2 }] }, { queue: 'later', messages: [{ id: 'retry-1', body: 3 }], options: { delayMs: 60_000 } }],
        processed: { ids: ['in-1', 'fused-1'], at: Date.now() },
      });
      expect(bus.stats().commits - before).toBe(1);
      expect(await bus.depth('next')).toBe(2);
      expect(await bus.depth('later')).toBe(1);
      expect(await bus.depth('in')).toBe(0);
      expect([...(await store.findProcessed(['in-1', 'fused-1', 'other']))].sort()).toEqual(['fused-1', 'in-1']);
      // Committed counts as settled: a later nack changes nothing.
      await delivery.nack();
      expect(await bus.depth('in')).toBe(0);
    });
  });

  describe('when the transaction of a commit fails', () => {
    it('publishes nothing, marks nothing and keeps the delivery, so it can be given back', async () => {
      const { database, bus } = openShared('commit-fails.sqlite', () => {
        throw new Error('disk full');
      });
      const taken: Delivery[] = [];
      const delivery = await deliveryOf(bus, 'in', taken);
      await expect(delivery.commit!({ publishes: [{ queue: 'next', messages: [{ id: 'out-1', body: 1 }] }], processed: { ids: ['in-1'], at: Date.now() } })).rejects.toMatchObject({ code: 'bus.write_failed' });
      expect(await bus.depth('next')).toBe(0);
      const row = database.prepare("SELECT count(*) AS n FROM bus_messages WHERE queue = 'in'").get() as { n: number };
      expect(row.n).toBe(1);
      // The failed commit settled nothing: given back, the message comes again, uncounted.
      await delivery.nack({ uncounted: true });
      await waitFor(() => taken.length === 2);
      expect(taken[1]!.deliveryCount).toBe(1);
    });
  });

  it('offers no commit without a Store on its database', async () => {
    const bus = new EmbeddedBus({ file: join(dir, 'alone.sqlite') });
    opened.push(() => bus.close());
    const delivery = await deliveryOf(bus, 'in');
    expect(delivery.commit).toBeUndefined();
  });
});

function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(output));
  });
}

