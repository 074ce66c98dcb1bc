import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, type ListenEmit } from '@weft/connector-kit';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { node } from '../connectors/flow-builder.ts';
import { refuseNextPublishes } from '../bus-faults.ts';
import { loadConfig } from '../../src/config.ts';

/**
 * An in-process message source that behaves like a broker with acks: a message leaves the queue
 * when delivered, is acked when `emit` resolves, and goes back to the head of the queue when `emit`
 * rejects or its consumer's connection drops before the ack.
 */
class FakeBroker {
  readonly queue: { id: string; body: unknown }[] = [];
  readonly acked: string[] = [];
  readonly consumers = new Set<FakeConsumer>();
  opens = 0;
  closes = 0;
  /** Each call to `emit` still waiting for its answer. */
  pending = 0;
  failNextOpens = 0;
  /** Opens that never answer, like a connect to a host that drops packets. */
  hangNextOpens = 0;

  publish(id: string, body: unknown): void {
    this.queue.push({ id, body });
    this.pump();
  }

  subscribe(emit: ListenEmit): FakeConsumer {
    if (this.failNextOpens > 0) {
      this.failNextOpens -= 1;
      throw new Error('connection refused by the fake broker');
    }
    const consumer: FakeConsumer = { emit, isAlive: true, unacked: new Map() };
    this.opens += 1;
    this.consumers.add(consumer);
    this.pump();
    return consumer;
  }

  /** The consumer's connection is gone (closed, or its process died): its unacked messages go back. */
  drop(consumer: FakeConsumer): void {
    if (!consumer.isAlive) return;
    consumer.isAlive = false;
    this.consumers.delete(consumer);
    this.queue.unshift(...consumer.unacked.values());
    consumer.unacked.clear();
    this.pump();
  }

  pump(): void {
    for (;;) {
      const consumer = [...this.consumers][0];
      const message = consumer ? this.queue.shift() : undefined;
      if (!consumer || !message) return;
      consumer.unacked.set(message.id, message);
      this.pending += 1;
      consumer.emit(message.body).then(
        () => {
          this.pending -= 1;
          if (consumer.isAlive && consumer.unacked.delete(message.id)) this.acked.push(message.id);
        },
        () => {
          this.pending -= 1;
          if (consumer.isAlive && consumer.unacked.delete(message.id)) {
            this.queue.unshift(message);
            setTimeout(() => this.pump(), 50);
          }
        },
      );
    }
  }
}

interface FakeConsumer {
  emit: ListenEmit;
  isAlive: boolean;
  unacked: Map<string, { id: string; body: unknown }>;
}

const brokers = new Map<string, FakeBroker>();

const FakeListen = defineComponent(
  {
    name: 'test.fake.Listen', label: 'Fake listen', trigger: true,
    outPorts: [{ name: 'out' }],
    properties: { inspector: { inputs: { topic: { type: 'text', label: 'Topic' } } } },
  },
  {
    async listen(context, emit) {
      const broker = brokers.get(String(context.properties.topic))!;
      if (broker.hangNextOpens > 0) {
        broker.hangNextOpens -= 1;
        await new Promise(() => undefined);
      }
      const consumer = broker.subscribe(emit);
      return async () => {
        broker.closes += 1;
        broker.drop(consumer);
      };
    },
  },
);

const LISTEN_ENV = { WEFT_LISTEN_POLL_MS: '50', WEFT_LISTEN_LEASE_MS: '600' };

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function listenFlow(topic: string) {
  return {
    listen: node('test.fake.Listen', [], { properties: { topic } }),
    set: node('weft.utils.transform.Set', ['listen.out'], { lambda: { values: { got: '{{{$.listen.out.n}}}' } } }),
  };
}

async function setValues(user: TestUser, flowId: string): Promise<unknown[]> {
  const page = await user.call<{ records: { componentId: string; direction: string; payload: unknown }[] }>('GET', `/logs?flowId=${flowId}&componentId=set&direction=out&limit=1000`);
  return page.body.records.map((record) => (record.payload as { got?: unknown } | null)?.got);
}

let running: TestWeft[] = [];
afterEach(async () => {
  for (const weft of running.reverse()) await weft.close();
  running = [];
  vi.restoreAllMocks();
});

async function start(options: Parameters<typeof startTestWeft>[0] = {}): Promise<TestWeft> {
  const weft = await startTestWeft({ components: [FakeListen], ...options, env: { ...LISTEN_ENV, ...options.env } });
  running.push(weft);
  return weft;
}

describe('when a flow with a listen trigger runs', () => {
  it('opens the listener once, starts a run for each message and acks it only after the run is accepted', async () => {
    const broker = new FakeBroker();
    brokers.set('orders', broker);
    const weft = await start();
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('orders'));
    await user.startFlow(flowId);
    await until(() => broker.opens === 1, 'the listener opened');
    for (let n = 1; n <= 5; n++) broker.publish(`m${n}`, { n });
    await until(async () => (await setValues(user, flowId)).length === 5, 'five runs reached Set');
    expect((await setValues(user, flowId)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(broker.acked.sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(broker.opens).toBe(1);
  });

  it('closes the listener when the flow stops, and messages sent meanwhile wait in the source', async () => {
    const broker = new FakeBroker();
    brokers.set('stop', broker);
    const weft = await start();
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('stop'));
    await user.startFlow(flowId);
    await until(() => broker.opens === 1, 'the listener opened');
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
    await until(() => broker.closes === 1, 'the listener closed');
    broker.publish('late', { n: 9 });
    expect(weft.weft.engine.listeners.open).toEqual([]);
    expect(broker.queue.map((m) => m.id)).toEqual(['late']);
    await user.startFlow(flowId);
    await until(() => broker.acked.includes('late'), 'the message sent while stopped was taken after the restart');
  });

  it('does not ack a message the Bus did not take, and takes it again once the Bus works', async () => {
    const broker = new FakeBroker();
    brokers.set('bus-down', broker);
    const weft = await start();
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('bus-down'));
    await user.startFlow(flowId);
    await until(() => broker.opens === 1, 'the listener opened');
    const down = refuseNextPublishes(weft.weft.engine.bus, 2);
    broker.publish('m1', { n: 1 });
    await until(() => broker.acked.includes('m1'), 'm1 acked after the Bus came back');
    expect(down.refused()).toBe(2);
    await until(async () => (await setValues(user, flowId)).length === 1, 'one run reached Set');
  });

  it('keeps at most WEFT_LISTEN_IN_FLIGHT emits in progress; the others wait', async () => {
    const broker = new FakeBroker();
    brokers.set('slow', broker);
    const weft = await start({ env: { WEFT_LISTEN_IN_FLIGHT: '2' } });
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('slow'));
    await user.startFlow(flowId);
    await until(() => broker.opens === 1, 'the listener opened');
    const bus = weft.weft.engine.bus;
    const publish = bus.publish.bind(bus);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let publishing = 0;
    let most = 0;
    vi.spyOn(bus, 'publish').mockImplementation(async (queue, messages, options) => {
      publishing += 1;
      most = Math.max(most, publishing);
      await held;
      publishing -= 1;
      return publish(queue, messages, options);
    });
    for (let n = 1; n <= 6; n++) broker.publish(`m${n}`, { n });
    await until(() => publishing === 2 && broker.pending === 6, 'two publishes in progress, six emits waiting');
    expect(broker.acked).toEqual([]);
    release();
    await until(() => broker.acked.length === 6, 'all six acked');
    expect(most).toBe(2);
  });

  it('logs a source that fails to open in the flow\'s logs, and opens it again after a pause', async () => {
    const broker = new FakeBroker();
    broker.failNextOpens = 1;
    brokers.set('flaky', broker);
    const errors: unknown[] = [];
    const weft = await start();
    vi.spyOn(weft.weft.engine, 'reportError').mockImplementation((error) => void errors.push(error));
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('flaky'));
    await user.startFlow(flowId);
    const records = await user.waitForLogs({ flowId, componentId: 'listen' }, (rs) => rs.some((r) => r.port === 'listen' && r.severity === 'error'));
    const line = records.find((r) => r.port === 'listen')!.payload as { message: string };
    expect(line.message).toContain('connection refused by the fake broker');
    expect(line.message).toContain('opens again in');
    await until(() => broker.opens === 1, 'the listener opened on its second try');
    broker.publish('m1', { n: 1 });
    await until(() => broker.acked.includes('m1'), 'm1 acked');
    expect(errors.some((error) => String((error as Error).message).includes('connection refused'))).toBe(true);
  });
});

describe('when a source never answers while opening', () => {
  it('gives up after the lease time, logs it, and opens it again', async () => {
    const broker = new FakeBroker();
    broker.hangNextOpens = 1;
    brokers.set('silent', broker);
    const weft = await start();
    vi.spyOn(weft.weft.engine, 'reportError').mockImplementation(() => undefined);
    const user = await weft.signup();
    const flowId = await user.createFlow(listenFlow('silent'));
    await user.startFlow(flowId);
    const records = await user.waitForLogs({ flowId, componentId: 'listen' }, (rs) => rs.some((r) => r.port === 'listen'));
    expect(JSON.stringify(records)).toContain('did not open within 600 ms');
    await until(() => broker.opens === 1, 'the listener opened on its second try');
    broker.publish('m1', { n: 1 });
    await until(() => broker.acked.includes('m1'), 'm1 acked');
  });
});

describe('when several scheduler processes share one store', () => {
  it('opens each listener in one process only, and another reopens it after the holder dies', { timeout: 30_000 }, async () => {
    const broker = new FakeBroker();
    brokers.set('shared', broker);
    const a = await start({ roles: ['api', 'worker', 'scheduler', 'indexer'] });
    const user = await a.signup();
    const flowId = await user.createFlow(listenFlow('shared'));
    await user.startFlow(flowId);
    await until(() => a.weft.engine.listeners.open.length === 1, 'A opened the listener');
    const b = await start({ roles: ['worker', 'scheduler'], dataDir: a.dataDir });
    // A few polls of B while A holds the lease: B must not open a second consumer.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.weft.engine.listeners.open).toEqual([]);
    expect(broker.opens).toBe(1);

    // A freezes (no more lease renewals, no more Bus writes) and its connection to the broker dies,
    // with a message it had taken but not yet handed to the Bus.
    let thaw!: () => void;
    const frozen = new Promise<void>((resolve) => (thaw = resolve));
    const store = a.weft.engine.store;
    const acquire = store.acquireLease.bind(store);
    vi.spyOn(store, 'acquireLease').mockImplementation(async (...args) => {
      await frozen;
      return acquire(...args);
    });
    const bus = a.weft.engine.bus;
    const publish = bus.publish.bind(bus);
    vi.spyOn(bus, 'publish').mockImplementation(async (...args) => {
      await frozen;
      return publish(...args);
    });
    broker.publish('in-flight', { n: 7 });
    await until(() => broker.pending === 1, 'A took the message');
    broker.drop([...broker.consumers][0]!);

    await until(() => b.weft.engine.listeners.open.length === 1, 'B reopened the listener after the lease ran out');
    await until(() => broker.acked.includes('in-flight'), 'the message A never handed over was taken by B');
    broker.publish('after', { n: 8 });
    await until(() => broker.acked.includes('after'), 'B takes new messages');
    await until(async () => (await setValues(user, flowId)).length >= 2, 'both runs reached Set');
    expect(new Set(await setValues(user, flowId))).toEqual(new Set([7, 8]));
    thaw();
    // A wakes up, finds its lease taken and closes its own listener; B keeps it.
    await until(() => a.weft.engine.listeners.open.length === 0, 'A let go');
    expect(b.weft.engine.listeners.open).toEqual([`${flowId}:listen`]);
  });

  it('hands the listener over at once when its holder stops gracefully', async () => {
    const broker = new FakeBroker();
    brokers.set('handover', broker);
    const a = await start({ roles: ['api', 'worker', 'scheduler', 'indexer'], env: { WEFT_LISTEN_LEASE_MS: '60000' } });
    const user = await a.signup();
    const flowId = await user.createFlow(listenFlow('handover'));
    await user.startFlow(flowId);
    await until(() => a.weft.engine.listeners.open.length === 1, 'A opened the listener');
    const b = await start({ roles: ['worker', 'scheduler'], dataDir: a.dataDir, env: { WEFT_LISTEN_LEASE_MS: '60000' } });
    await a.weft.engine.listeners.stop();
    // Well within the 60 s lease: the release let B take it.
    await until(() => b.weft.engine.listeners.open.length === 1, 'B took the listener over');
    broker.publish('m1', { n: 1 });
    await until(() => broker.acked.includes('m1'), 'm1 acked by B');
    expect(broker.opens).toBe(2);
    expect(broker.closes).toBe(1);
  });
});

describe('the listener settings', () => {
  it('refuse a poll slower than a third of the lease, which could let a lease run out between renewals', () => {
    expect(() => loadConfig({ WEFT_LISTEN_POLL_MS: '6000', WEFT_LISTEN_LEASE_MS: '15000' })).toThrow(/WEFT_LISTEN_POLL_MS.*a third of WEFT_LISTEN_LEASE_MS/);
    expect(loadConfig({ WEFT_LISTEN_POLL_MS: '5000', WEFT_LISTEN_LEASE_MS: '15000' }).WEFT_LISTEN_POLL_MS).toBe(5000);
  });
});

describe('when flows start and stop', () => {
  it('looks only at the flow nudged: its listener opens and closes at once, without reading every running flow', async () => {
    const broker = new FakeBroker();
    brokers.set('nudged', broker);
    // A full poll once a minute: only the nudge can open the listener within the test.
    const weft = await start({ env: { WEFT_LISTEN_POLL_MS: '60000', WEFT_LISTEN_LEASE_MS: '180000' } });
    const user = await weft.signup();
    const store = weft.weft.engine.store;
    const listRunningFlows = vi.spyOn(store, 'listRunningFlows');
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await user.createFlow({ set: node('weft.utils.transform.Set', [], { lambda: { values: {} } }) }));
    for (const flowId of others) await user.startFlow(flowId);
    const flowId = await user.createFlow(listenFlow('nudged'));
    await user.startFlow(flowId);
    await until(() => broker.opens === 1, 'the listener opened on the nudge');
    expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
    await until(() => broker.closes === 1, 'the listener closed on the nudge');
    expect(weft.weft.engine.listeners.open).toEqual([]);
    // Seven starts and stops, each looked at alone: not one scan of the running flows.
    expect(listRunningFlows).not.toHaveBeenCalled();
  });

  it('asks the Store at its poll only for the running flows that use a type that listens', async () => {
    const weft = await start();
    const user = await weft.signup();
    const listRunningFlows = vi.spyOn(weft.weft.engine.store, 'listRunningFlows');
    await user.startFlow(await user.createFlow({ set: node('weft.utils.transform.Set', [], { lambda: { values: {} } }) }));
    await weft.weft.engine.listeners.refresh();
    expect(listRunningFlows).toHaveBeenCalled();
    for (const [filter] of listRunningFlows.mock.calls) expect(filter?.usingTypes).toContain(FakeListen.manifest.name);
    expect(await listRunningFlows.mock.results[0]!.value).toEqual([]);
  });
});
