/**
 * What a timer's fire published ahead of its due time keeps while the worker holds it (engine
 * README, "Timers ahead of time"): 10,000 fires of one minute are held at once, so each keeps only
 * what its preparation gave; its component's context is dropped once its receive returns, before
 * the run waits for a worker slot.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { engineRunningFlow } from './embedded-engine.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import type { Embedded } from '../../src/adapters/embedded/index.ts';
import { Engine } from '../../src/engine/engine.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const USER = 'user-held-fires';
const fires: { at: number; context: WeakRef<object> }[] = [];
let openGate: () => void = () => {};
let gate = Promise.resolve();

/** Sets `n` timers `arm` ms ahead on a call; on each fire, notes when and its context, and sends on. */
const Fire = defineComponent(
  { name: 'test.held.Fire', label: 'Fire', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      if (context.messages.timeout) {
        fires.push({ at: Date.now(), context: new WeakRef(context) });
        await context.sendJson({ fired: true }, 'out');
        return;
      }
      const { arm, n } = (context.messages.in?.content as { body: { arm: number; n: number } }).body;
      for (let i = 0; i < n; i += 1) await context.setTimeout({}, arm);
    },
  },
);

/** Pure, so it runs in its sender's delivery, holding that delivery's worker slot until the gate opens. */
const Gate = defineComponent(
  { name: 'test.held.Gate', label: 'Gate', pure: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive() {
      await gate;
    },
  },
);

describe('a fire held until its due time', () => {
  let embedded: Embedded;
  let engine: Engine;

  afterEach(async () => {
    openGate();
    await engine.stop();
    await embedded.close();
  });

  async function start(): Promise<void> {
    fires.length = 0;
    gate = new Promise<void>((resolve) => (openGate = resolve));
    ({ embedded, engine } = await engineRunningFlow({
      components: [Fire, Gate],
      pollIntervalMs: 10,
      // One worker slot: while one fire's run holds it (Gate), the other's waits after its receive.
      engine: { prefetch: 1, timerPollMs: 20, timerLookaheadMs: 10_000, onError: () => {} },
    }, USER, 'held', {
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      fire: { type: 'test.held.Fire', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: {} },
      gate: { type: 'test.held.Gate', x: 2, y: 0, source: { in: { fire: ['out'] } }, config: {} },
    }));
  }

  const call = (body: unknown) => engine.acceptWebhook('held', 'hook', { method: 'POST', path: '/flows/held/components/hook', headers: { 'content-type': 'application/json' }, query: {}, body });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('keeps no context while its run waits for a worker slot after the receive', async () => {
    await start();
    await call({ arm: 600, n: 2 });
    // Both received once due; the first run holds the only slot (Gate), the second waits for it.
    for (let waited = 0; fires.length < 2 && waited < 3000; waited += 20) await sleep(20);
    expect(fires).toHaveLength(2);
    await sleep(50);
    gc();
    await sleep(0);
    gc();
    expect(fires.map(({ context }) => context.deref() === undefined)).toEqual([true, true]);
    openGate();
  });
});
