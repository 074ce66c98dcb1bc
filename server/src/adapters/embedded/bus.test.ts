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
      expect(deliveries[0]!.at - takenAt).toBeGreaterThanOrEqual(400 - 15);
      expect(await next.depth('jobs')).toBe(0);
    });

    it('does not redeliver a message whose handler outlives the visibility timeout', async () => {
      const file = join(dir, 'slow.sqlite');
      const bus = open(file, { visibilityTimeoutMs: 150 });
      const other = open(file, { visibilityTimeoutMs: 150 });
      const counts: number[] = [];
      const slow = async (delivery: Delivery) => {
        counts.push(delivery.deliveryCount);
        await sleep(600);
        await delivery.ack();
      };
      await bus.consume('slow', slow);
      await other.consume('slow', slow);
      await bus.publish('slow', [{ id: 'm', body: 1 }]);
      await waitFor(() => counts.length === 1);
      await sleep(900);
      expect(counts).toEqual([1]);
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

function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(output));
  });
}

