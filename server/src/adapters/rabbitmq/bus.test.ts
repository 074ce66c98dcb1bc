import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect as amqpConnect } from 'amqplib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WeftError } from '@weft/connector-kit';
import { describeBusContract, sleep, waitFor } from '../../ports/bus.contract.ts';
import type { Delivery } from '../../ports/bus.ts';
import { coalesceWrites, RabbitBus, type RabbitBusOptions } from './bus.ts';
import { planDelayHop } from './delay-ladder.ts';

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** Unique per run, so parallel runs and leftovers never meet. */
const RUN = `weft-test-${process.pid}-${Date.now().toString(36)}`;
const unreachable = await probe();

/** Every bus the tests open, so that afterAll can delete the queues they declared. */
const opened: { prefix: string; bus: RabbitBus }[] = [];

async function open(prefix: string, options: RabbitBusOptions = {}): Promise<RabbitBus> {
  const bus = await RabbitBus.connect({ url: AMQP_URL, prefix, reconnectDelayMs: { initial: 50, max: 500 }, ...options });
  opened.push({ prefix, bus });
  return bus;
}

describe('planDelayHop', () => {
  it('rounds a delay up to the next step when that is at most 25 % late', () => {
    expect(planDelayHop(90)).toEqual({ stepMs: 100, restMs: 0 });
    expect(planDelayHop(900)).toEqual({ stepMs: 1_000, restMs: 0 });
  });
  it('splits a delay into hops rather than deliver much later than asked', () => {
    expect(planDelayHop(300)).toEqual({ stepMs: 250, restMs: 50 });
    expect(planDelayHop(61_000)).toEqual({ stepMs: 60_000, restMs: 1_000 });
    expect(planDelayHop(2 * 3_600_000)).toEqual({ stepMs: 3_600_000, restMs: 3_600_000 });
  });
  it('owes nothing for a zero or negative delay', () => {
    expect(planDelayHop(0)).toBeUndefined();
    expect(planDelayHop(-5)).toBeUndefined();
  });
});

if (unreachable !== undefined && process.env.CI === 'true') {
  describe('RabbitBus', () => {
    it('reaches the broker (required in CI)', () => {
      throw new Error(`RabbitMQ is unreachable at ${AMQP_URL}: ${unreachable}`);
    });
  });
} else if (unreachable !== undefined) {
  console.warn(`Skipping RabbitBus tests: RabbitMQ is unreachable at ${AMQP_URL} (${unreachable}). Start it or set AMQP_URL.`);
  describe.skip('RabbitBus (RabbitMQ unreachable)', () => {
    it('needs a broker', () => undefined);
  });
} else {
  afterAll(async () => {
    await deleteTestQueues();
  });

  /**
   * RabbitMQ hands a message to consumers as soon as it is enqueued; the publisher confirm follows
   * once it is on disk (classic) or committed (quorum), so a consumer can see it first. No client
   * can hold that back across processes; the port only promises that a resolved publish is durable,
   * and message ids make a delivery whose publish is then retried harmless.
   */
  const earlyDelivery = 'RabbitMQ may deliver a message before the publisher confirm reaches the publisher';

  describeBusContract('RabbitBus (quorum queues)', () => open(`${RUN}-q`), {
    skip: {
      'does not deliver a message before its publish resolves': earlyDelivery,
      'delivers higher priority messages first':
        'quorum queues on RabbitMQ 3.x ignore priorities; the classic-queue run below covers them',
    },
  });

  describeBusContract('RabbitBus (classic queues)', () => open(`${RUN}-c`, { queueType: 'classic' }), {
    skip: { 'does not deliver a message before its publish resolves': earlyDelivery },
  });

  describe('stats', () => {
    it('counts publish calls, messages, confirm frames and deliveries, and writes them to the stats file', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'weft-amqp-stats-')), 'stats.json');
      const bus = await open(`${RUN}-stats`, { statsFile: file });
      const seen: string[] = [];
      const subscription = await bus.consume('counted', async (delivery) => {
        seen.push(delivery.message.id);
        await delivery.ack();
      });
      await bus.publish('counted', Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, body: { i } })));
      await bus.publish('counted', [{ id: 'm50', body: { i: 50 } }]);
      await waitFor(() => seen.length === 51);
      const stats = bus.stats;
      expect(stats).toMatchObject({ publishCalls: 2, published: 51, delivered: 51 });
      // The broker confirms a batch with fewer frames than messages (multiple = true), never more.
      expect(stats.confirmFrames).toBeGreaterThanOrEqual(2);
      expect(stats.confirmFrames).toBeLessThanOrEqual(51);
      await waitFor(() => existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { delivered: number }).delivered === 51, 5000);
      await subscription.cancel();
    });
  });

  describe('acks', () => {
    it('settles the acks of one turn with one frame (multiple), then the queue is empty', async () => {
      const bus = await open(`${RUN}-acks`);
      let arrived = 0;
      let allIn!: () => void;
      const allArrived = new Promise<void>((resolve) => (allIn = resolve));
      const subscription = await bus.consume('batched', async (delivery) => {
        arrived += 1;
        if (arrived === 30) allIn();
        await allArrived;
        await delivery.ack();
      }, { prefetch: 64 });
      await bus.publish('batched', Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, body: { i } })));
      await waitFor(() => bus.stats.ackFrames > 0);
      expect(bus.stats.ackFrames).toBe(1);
      await subscription.cancel();
      expect(await bus.depth('batched')).toBe(0);
    });

    it('never lets a multiple ack cover a delivery still running: it is given back and comes again', async () => {
      const bus = await open(`${RUN}-acks`);
      const seen: string[] = [];
      let arrived = 0;
      let allIn!: () => void;
      const allArrived = new Promise<void>((resolve) => (allIn = resolve));
      const subscription = await bus.consume('gap', async (delivery) => {
        seen.push(`${delivery.message.id}#${delivery.deliveryCount}`);
        if (delivery.deliveryCount > 1) return delivery.ack();
        arrived += 1;
        if (arrived === 5) allIn();
        await allArrived;
        // The first stays open while the four after it are acked (in one turn); then it is given back.
        if (delivery.message.id !== 'm0') return delivery.ack();
        await sleep(100);
        return delivery.nack();
      }, { prefetch: 16 });
      await bus.publish('gap', Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, body: { i } })));
      await waitFor(() => seen.includes('m0#2'));
      await sleep(100);
      expect(seen.sort()).toEqual(['m0#1', 'm0#2', 'm1#1', 'm2#1', 'm3#1', 'm4#1']);
      await subscription.cancel();
      expect(await bus.depth('gap')).toBe(0);
    });

    it('publishes to a reply queue without publisher confirms, in order', async () => {
      const bus = await open(`${RUN}-acks`);
      const seen: string[] = [];
      const subscription = await bus.consume('replies.api-p', async (delivery) => {
        seen.push(delivery.message.id);
      }, { disposable: true });
      for (let i = 0; i < 20; i++) await bus.publish('replies.api-p', [{ id: `reply:${i}`, body: { i } }]);
      await waitFor(() => seen.length === 20);
      expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `reply:${i}`));
      expect(bus.stats).toMatchObject({ publishCalls: 20, published: 20, confirmFrames: 0 });
      await subscription.cancel();
    });

    it('takes disposable messages without acks: one whose handler settles nothing is not redelivered', async () => {
      const bus = await open(`${RUN}-acks`);
      const seen: string[] = [];
      const subscription = await bus.consume('replies.api-d', async (delivery) => {
        seen.push(delivery.message.id);
      }, { disposable: true });
      await bus.publish('replies.api-d', Array.from({ length: 5 }, (_, i) => ({ id: `reply:${i}`, body: { i } })));
      await waitFor(() => seen.length >= 5);
      await sleep(200);
      expect(seen).toEqual(['reply:0', 'reply:1', 'reply:2', 'reply:3', 'reply:4']);
      expect(bus.stats.ackFrames).toBe(0);
      await subscription.cancel();
      expect(await bus.depth('replies.api-d')).toBe(0);
    });
  });

  describe('coalesceWrites', () => {
    /** Socket writes amqplib makes while 200 messages are published in one turn of the event loop. */
    async function writesFor200Publishes(coalesce: boolean): Promise<number> {
      const model = await amqpConnect(AMQP_URL);
      try {
        if (coalesce) coalesceWrites(model);
        const socket = (model as unknown as { connection: { stream: net.Socket } }).connection.stream;
        let writes = 0;
        const counted = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
        for (const key of ['_write', '_writev'] as const) {
          const original = counted[key].bind(socket);
          counted[key] = (...args: unknown[]) => {
            writes += 1;
            return original(...args);
          };
        }
        const channel = await model.createConfirmChannel();
        const queue = `${RUN}-coalesce`;
        await channel.assertQueue(queue, { durable: false });
        writes = 0;
        for (let i = 0; i < 200; i++) channel.sendToQueue(queue, Buffer.from(`message ${i}`));
        await channel.waitForConfirms();
        const counted200 = writes;
        await channel.deleteQueue(queue);
        return counted200;
      } finally {
        await model.close();
      }
    }

    it('sends the frames of one turn in a few socket writes instead of one each', async () => {
      const coalesced = await writesFor200Publishes(true);
      const plain = await writesFor200Publishes(false);
      console.log(`socket writes for 200 publishes: ${plain} plain, ${coalesced} coalesced`);
      expect(coalesced).toBeLessThanOrEqual(5);
      expect(plain).toBeGreaterThan(coalesced);
    });
  });

  describe('RabbitBus', () => {
    const proxies: FlakyProxy[] = [];
    afterEach(async () => {
      for (const { bus } of opened) await bus.close();
      for (const proxy of proxies.splice(0)) await proxy.close();
    });

    async function openThroughProxy(options: RabbitBusOptions = {}): Promise<{ bus: RabbitBus; proxy: FlakyProxy }> {
      const proxy = await FlakyProxy.start(new URL(AMQP_URL));
      proxies.push(proxy);
      const bus = await open(`${RUN}-x`, { url: proxy.url(AMQP_URL), ...options });
      return { bus, proxy };
    }

    it('keeps reply queues in memory and every other queue durable', async () => {
      const bus = await open(`${RUN}-r`);
      const answers: unknown[] = [];
      await bus.consume('replies.api-1', async (d) => {
        answers.push(d.message.body);
        await d.ack();
      });
      await bus.publish('replies.api-1', [{ id: 'reply:1', body: { status: 200 } }]);
      await bus.publish('work', [{ id: 'job-1', body: {} }]);
      await waitFor(() => answers.length === 1);
      const { stdout } = await promisify(execFile)('rabbitmqctl', ['list_queues', '-q', '--no-table-headers', 'name', 'durable', 'type']);
      const kinds = new Map(stdout.split('\n').map((line) => line.trim().split(/\s+/)).map(([name, durable, type]) => [name, `${durable} ${type}`]));
      expect(kinds.get(`${RUN}-r.replies.api-1`)).toBe('false classic');
      expect(kinds.get(`${RUN}-r.work`)).toBe('true quorum');
    });

    it('consumes and publishes again after the connection drops', async () => {
      const { bus, proxy } = await openThroughProxy();
      const seen: string[] = [];
      await bus.consume('resume', async (d) => {
        seen.push(d.message.id);
        await d.ack();
      });
      await bus.publish('resume', [{ id: 'before', body: 1 }]);
      await waitFor(() => seen.length === 1);

      proxy.dropConnections();
      await waitFor(() => !bus.isConnected);
      // Made while disconnected: waits for the reconnection, then is confirmed.
      await bus.publish('resume', [{ id: 'after', body: 2 }]);
      await waitFor(() => seen.includes('after'));
      // An ack still on the wire when the connection dropped is lost: 'before' may come again.
      expect(seen.filter((id) => id === 'after')).toHaveLength(1);
      expect(seen.filter((id) => id !== 'before' && id !== 'after')).toEqual([]);
    });

    it('reconnects after the broker force-closes the connection', async () => {
      const { bus, proxy } = await openThroughProxy();
      const seen: string[] = [];
      await bus.consume('forced', async (d) => {
        seen.push(d.message.id);
        await d.ack();
      });
      const ports = proxy.upstreamPorts();
      expect(ports).toHaveLength(1);
      const closedByBroker = await rabbitmqctl(['close_connection', `127.0.0.1:${ports[0]} -> 127.0.0.1:${new URL(AMQP_URL).port || '5672'}`, 'weft fault test']);
      if (!closedByBroker) proxy.dropConnections(); // no rabbitmqctl here (remote broker): drop it ourselves
      await waitFor(() => proxy.upstreamPorts().some((port) => port !== ports[0]));
      await bus.publish('forced', [{ id: 'after-restart', body: 1 }]);
      await waitFor(() => seen.length === 1);
      expect(seen).toEqual(['after-restart']);
    });

    it('rejects the publishes its channel closed on before they were confirmed', async () => {
      const { bus, proxy } = await openThroughProxy();
      const batch = Array.from({ length: 20_000 }, (_, i) => ({ id: `m-${i}`, body: { i, pad: 'x'.repeat(100) } }));
      const publishing = bus.publish('unconfirmed', batch);
      await waitFor(() => proxy.bytesUp > 100_000);
      proxy.dropConnections();
      const error: unknown = await publishing.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(WeftError);
      expect(error).toMatchObject({ code: 'bus.publish_failed', retry: 'retry' });
      // The caller retries once the bus is back.
      await bus.publish('unconfirmed', [{ id: 'retry', body: 1 }]);
    });

    it('fails a publish with bus.unavailable when the broker stays away longer than reconnectWaitMs', async () => {
      const { bus, proxy } = await openThroughProxy({ reconnectWaitMs: 400 });
      proxy.refuse = true;
      proxy.dropConnections();
      await waitFor(() => !bus.isConnected);
      await expect(bus.publish('away', [{ id: 'm', body: 1 }])).rejects.toMatchObject({ code: 'bus.unavailable', retry: 'retry' });
      proxy.refuse = false;
      await waitFor(() => bus.isConnected, 5_000);
      await bus.publish('away', [{ id: 'm', body: 1 }]);
      expect(await bus.depth('away')).toBe(1);
    });

    it('waits for in-flight handlers when it closes', async () => {
      const bus = await open(`${RUN}-x`);
      await bus.publish('closing', [{ id: 'slow', body: 1 }]);
      let started = false;
      let finished = false;
      await bus.consume('closing', async (d: Delivery) => {
        started = true;
        await sleep(200);
        await d.ack();
        finished = true;
      });
      await waitFor(() => started);
      await bus.close();
      expect(finished).toBe(true);
      await expect(bus.publish('closing', [{ id: 'late', body: 1 }])).rejects.toMatchObject({ code: 'bus.closed' });
      // Its ack, made in the handler's last turn, went out before the channel closed.
      const again = await open(`${RUN}-x`);
      expect(await again.depth('closing')).toBe(0);
    });

    it('parks a message it cannot decode in the dead-letter queue instead of redelivering it', async () => {
      const prefix = `${RUN}-x`;
      const bus = await open(prefix);
      expect(await bus.depth('poison')).toBe(0); // declares the topology
      const model = await amqpConnect(AMQP_URL);
      try {
        const channel = await model.createConfirmChannel();
        channel.sendToQueue(`${prefix}.poison`, Buffer.from('{not json'), { messageId: 'bad', persistent: true });
        await channel.waitForConfirms();
        const seen: string[] = [];
        await bus.consume('poison', async (d) => {
          seen.push(d.message.id);
          await d.ack();
        });
        await waitFor(() => seen.length === 0);
        await sleep(200);
        expect(seen).toEqual([]);
        expect(await bus.depth('poison')).toBe(0);
        expect((await channel.checkQueue(`${prefix}.dead-letter`)).messageCount).toBe(1);
      } finally {
        await model.close();
      }
    });
  });
}

/** Undefined when the broker answers, else why not. */
async function probe(): Promise<string | undefined> {
  try {
    const model = await amqpConnect(AMQP_URL, { timeout: 2_000 });
    await model.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Deletes every queue and dead-letter exchange this run declared, through a bus of each prefix. */
async function deleteTestQueues(): Promise<void> {
  const byPrefix = new Map<string, Set<string>>();
  for (const { prefix, bus } of opened) {
    const names = byPrefix.get(prefix) ?? new Set<string>();
    for (const queue of bus.declaredQueues) names.add(queue);
    byPrefix.set(prefix, names);
    await bus.close();
  }
  const model = await amqpConnect(AMQP_URL);
  try {
    for (const [prefix, queues] of byPrefix) {
      const cleaner = await RabbitBus.connect({ url: AMQP_URL, prefix });
      for (const queue of queues) await cleaner.deleteQueue(queue);
      await cleaner.close();
      const channel = await model.createChannel();
      await channel.deleteQueue(`${prefix}.dead-letter`);
      await channel.deleteExchange(`${prefix}.dead-letter`);
      await channel.close();
    }
  } finally {
    await model.close();
  }
}

async function rabbitmqctl(args: string[]): Promise<boolean> {
  try {
    await promisify(execFile)('rabbitmqctl', args, { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** A TCP hop between the bus and the broker that a test can cut, or make refuse connections. */
class FlakyProxy {
  refuse = false;
  bytesUp = 0;
  readonly #server: net.Server;
  readonly #pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  private constructor(target: URL) {
    this.#server = net.createServer((client) => {
      if (this.refuse) {
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(target.port || 5672), target.hostname);
      const pair = { client, upstream };
      this.#pairs.add(pair);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.#pairs.delete(pair);
      };
      client.on('data', (chunk: Buffer) => (this.bytesUp += chunk.length));
      client.pipe(upstream).on('error', drop);
      upstream.pipe(client).on('error', drop);
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
  }

  static async start(target: URL): Promise<FlakyProxy> {
    const proxy = new FlakyProxy(target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  url(base: string): string {
    const url = new URL(base);
    url.hostname = '127.0.0.1';
    url.port = String((this.#server.address() as net.AddressInfo).port);
    return url.toString();
  }

  /** Local ports of the proxy's connections to the broker (the broker names connections by them). */
  upstreamPorts(): number[] {
    return [...this.#pairs].map((p) => p.upstream.localPort).filter((port): port is number => port !== undefined);
  }

  dropConnections(): void {
    for (const { client, upstream } of this.#pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.#pairs.clear();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

