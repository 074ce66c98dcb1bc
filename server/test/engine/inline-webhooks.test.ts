/**
 * Inline webhook deliveries (server/src/engine/inline-delivery.ts): where this process's worker
 * consumes the webhook's queue, a call runs in its request, and only what the run leaves to do is
 * published before the answer. Each case watches every publish the engine makes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ComponentDefinition } from '@weft/connector-kit';
import { countingEffect, failingPure, waitForRunRecords } from './test-components.ts';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import type { Bus, PublishOptions } from '../../src/ports/bus.ts';
import type { LogRecord } from '../../src/ports/log-index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { engineSettings } from '../../src/runtime.ts';
import { Engine, type WebhookOutcome } from '../../src/engine/engine.ts';
import type { HttpAnswer } from '../../src/engine/held-responses.ts';

const USER = 'user-inline';
const effects = { count: 0 };
const failing = { calls: 0 };

/** Has an effect (not pure): it runs in a delivery of its own. */
const Effect = countingEffect('test.inline.Effect', effects);
const FailingPure = failingPure('test.inline.FailingPure', failing);

interface Published {
  componentId: string;
  attempt: number;
  delayMs: number;
}

/** The embedded Bus, with every publish noted, and a switch that makes publishes fail. */
function watchedBus(inner: Bus, published: Published[], broken: { publish: boolean }): Bus {
  return {
    publish: async (queue, messages, options: PublishOptions = {}) => {
      if (broken.publish) throw new Error('disk full');
      for (const message of messages) {
        const body = message.body as { componentId?: string; attempt?: number };
        if (body.componentId !== undefined) published.push({ componentId: body.componentId, attempt: body.attempt ?? 0, delayMs: options.delayMs ?? 0 });
      }
      return inner.publish(queue, messages, options);
    },
    depth: (queue) => inner.depth(queue),
    purge: (queue) => inner.purge(queue),
    close: () => inner.close(),
    consume: (queue, handler, options) => inner.consume(queue, handler, options),
  };
}

const hook = (waitForResponse = true) => ({ type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse } } });
const set = (from: string) => ({
  type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { [from]: ['out'] } },
  config: { transform: { in: { [from]: { out: { type: 'json2new', lambda: { values: { word: `{{{$.${from}.out.body.word | upper}}}` } } } } } } },
});
const reply = (from: string) => ({
  type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { [from]: ['out'] } },
  config: { transform: { in: { [from]: { out: { type: 'json2new', lambda: { body: `{{{$.${from}.out}}}` } } } } } },
});
const of = (type: string, from: string) => ({ type, x: 1, y: 0, source: { in: { [from]: ['out'] } }, config: {} });

describe('a webhook call run in its request', () => {
  let embedded: Embedded;
  let engine: Engine;
  let published: Published[];
  const broken = { publish: false };

  async function start(options: { inline?: boolean; worker?: boolean; components?: ComponentDefinition[] } = {}): Promise<void> {
    embedded = openEmbedded({ file: ':memory:', bus: { pollIntervalMs: 10 } });
    const settings = engineSettings(loadConfig({}));
    published = [];
    broken.publish = false;
    effects.count = 0;
    failing.calls = 0;
    engine = new Engine({
      store: embedded.store,
      bus: watchedBus(embedded.bus, published, broken),
      logIndex: embedded.logIndex,
      components: [...createBuiltinComponents({ allowPrivateNetwork: false }), Effect, FailingPure, ...(options.components ?? [])],
      ...settings,
      publicUrl: 'http://127.0.0.1:1',
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 3 },
      limits: { ...settings.limits, ...(options.inline === undefined ? {} : { inlineWebhooks: options.inline }) },
      onError: () => {},
    });
    if (options.worker !== false) await engine.startWorker();
  }

  async function flowOf(flowId: string, flow: Record<string, unknown>): Promise<void> {
    const now = Date.now();
    await engine.store.createFlow({ flowId, userId: USER, tenantId: USER, name: flowId, stage: 'running', version: 1, flow, createdAt: now, updatedAt: now });
  }

  const call = (flowId: string, word: string) =>
    engine.acceptWebhook(flowId, 'hook', { method: 'POST', path: `/flows/${flowId}/components/hook`, headers: { 'content-type': 'application/json' }, query: {}, body: { word } });

  async function answerOf(outcome: WebhookOutcome): Promise<HttpAnswer> {
    if (outcome.kind !== 'held') throw new Error(`expected a held call, got ${outcome.kind}`);
    return outcome.answer;
  }

  const records = (correlationId: string, until: (records: LogRecord[]) => boolean) => waitForRunRecords(engine, USER, correlationId, until);

  afterEach(async () => {
    await engine.stop();
    await embedded.close();
  });

  it('answers a run of pure steps without storing a message, and every step still writes its in and out records', async () => {
    await start();
    await flowOf('pure', { hook: hook(), set: set('hook'), reply: reply('set') });
    const outcome = await call('pure', 'inline');
    expect((await answerOf(outcome)).body).toEqual({ word: 'INLINE' });
    expect(published).toEqual([]);
    const list = await records(outcome.correlationId, (r) => r.filter((x) => x.direction === 'in').length === 3);
    expect(list.filter((r) => r.direction === 'in').map((r) => r.componentId)).toEqual(['hook', 'set', 'reply']);
    // The Response answers the call; it sends nothing on.
    expect(list.filter((r) => r.direction === 'out').map((r) => r.componentId)).toEqual(['hook', 'set']);
  });

  it('answers before it files the steps\' log records, and a stop right after the answer still files every one', async () => {
    await start();
    await flowOf('reports', { hook: hook(), set: set('hook'), reply: reply('set') });
    const written: string[] = [];
    const write = engine.logs.write.bind(engine.logs);
    engine.logs.write = (record, payload) => {
      written.push(`${record.componentId} ${record.direction}`);
      write(record, payload);
    };
    const outcome = await call('reports', 'early');
    // The run is committed and answered; its reports come after (they used to hold the answer).
    expect(written).toEqual([]);
    expect((await answerOf(outcome)).body).toEqual({ word: 'EARLY' });
    await engine.stop();
    expect(written.sort()).toEqual(['hook in', 'hook out', 'reply in', 'set in', 'set out']);
    const page = await embedded.logIndex.query({ userId: USER, correlationId: outcome.correlationId, limit: 50 });
    expect(page.records.map((r) => `${r.componentId} ${r.direction}`).sort()).toEqual(['hook in', 'hook out', 'reply in', 'set in', 'set out']);
  });

  it('publishes the call first, as before, when inline deliveries are off or this process runs no worker', async () => {
    await start({ inline: false });
    await flowOf('off', { hook: hook(), set: set('hook'), reply: reply('set') });
    expect((await answerOf(await call('off', 'bus'))).body).toEqual({ word: 'BUS' });
    expect(published.map((p) => p.componentId)).toEqual(['hook']);
    await engine.stop();
    await embedded.close();

    await start({ worker: false });
    await flowOf('api-only', { hook: hook(false), x: of('test.inline.Effect', 'hook') });
    expect((await call('api-only', 'later')).kind).toBe('accepted');
    expect(published.map((p) => p.componentId)).toEqual(['hook']);
    expect(effects.count).toBe(0);
  });

  it('accepts a call only once the message for its next impure step is stored', async () => {
    await start();
    await flowOf('impure', { hook: hook(false), x: of('test.inline.Effect', 'hook') });
    const outcome = await call('impure', 'effect');
    expect(outcome.kind).toBe('accepted');
    // Stored before the answer: the Effect's own message, not the call's.
    expect(published.map((p) => p.componentId)).toEqual(['x']);
    await records(outcome.correlationId, (r) => r.some((x) => x.componentId === 'x' && x.direction === 'in'));
    expect(effects.count).toBe(1);
  });

  it('refuses the call with bus.unavailable, and runs nothing later, when what it leaves to do cannot be stored', async () => {
    await start();
    await flowOf('broken', { hook: hook(false), x: of('test.inline.Effect', 'hook') });
    broken.publish = true;
    await expect(call('broken', 'lost')).rejects.toMatchObject({ code: 'bus.unavailable', status: 503 });
    broken.publish = false;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(effects.count).toBe(0);
    expect(await embedded.bus.depth('messages')).toBe(0);
  });

  it('retries a failing pure step over the Bus with its own input, then parks it and answers 500', async () => {
    await start();
    await flowOf('failing', { hook: hook(), bad: of('test.inline.FailingPure', 'hook'), reply: reply('bad') });
    const outcome = await call('failing', 'boom');
    const answer = await answerOf(outcome);
    expect(answer.status).toBe(500);
    expect((answer.body as { error: { code: string } }).error.code).toBe('flow.failed');
    expect(failing.calls).toBe(3);
    // The call itself was never stored: its delivery published only the failing step's first retry,
    // delayed (later retries are commits of the Bus's own deliveries, which this watch does not see).
    expect(published.map((p) => `${p.componentId}#${p.attempt}`)).toEqual(['bad#2']);
    expect(published[0]!.delayMs).toBeGreaterThan(0);
    const parked = await engine.store.listUnprocessed({ userId: USER, limit: 10 });
    expect(parked.items.map((item) => [item.componentId, item.attempts])).toEqual([['bad', 3]]);
  });
});
