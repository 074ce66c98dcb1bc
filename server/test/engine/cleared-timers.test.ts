/**
 * `context.clearTimeout` of a timer the scheduler already published ahead of its due time (engine
 * README, "Timers ahead of time"): the message is on the Bus, held by the worker until due, so
 * deleting the timer's row is not enough; the fire must still be dropped.
 */
import { engineRunningFlow } from './embedded-engine.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import type { Embedded } from '../../src/adapters/embedded/index.ts';
import { Engine } from '../../src/engine/engine.ts';

const USER = 'user-cleared-timers';
const fired = { count: 0 };

/** Sets a timer on `{ arm: ms }`, clears the one it set on `{ clear: true }`; counts its fires. */
const Later = defineComponent(
  { name: 'test.timers.Later', label: 'Later', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      if (context.messages.timeout) {
        fired.count += 1;
        await context.sendJson({ fired: true }, 'out');
        return;
      }
      // Without a mapping, what the webhook sent: the request, its JSON under `body`.
      const content = (context.messages.in?.content as { body: { arm?: number; clear?: boolean } }).body;
      if (typeof content.arm === 'number') await context.state.set('timer', await context.setTimeout({}, content.arm));
      if (content.clear === true) await context.clearTimeout((await context.state.get<string>('timer'))!);
    },
  },
);

describe('a timer cleared after the scheduler took it ahead of its due time', () => {
  let embedded: Embedded;
  let engine: Engine;

  afterEach(async () => {
    await engine.stop();
    await embedded.close();
  });

  async function start(): Promise<void> {
    fired.count = 0;
    ({ embedded, engine } = await engineRunningFlow({
      components: [Later],
      pollIntervalMs: 10,
      engine: { timerPollMs: 20, timerLookaheadMs: 10_000, onError: () => {} },
    }, USER, 'later', {
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      later: { type: 'test.timers.Later', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: {} },
    }));
  }

  const call = (body: unknown) => engine.acceptWebhook('later', 'hook', { method: 'POST', path: '/flows/later/components/hook', headers: { 'content-type': 'application/json' }, query: {}, body });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('fires when it is not cleared (the timer is taken ahead and held until due)', async () => {
    await start();
    await call({ arm: 700 });
    await sleep(300);
    // Taken ahead: its row is gone, its message waits on the Bus.
    expect(await engine.store.claimDueTimers(Date.now() + 60_000, 10, 'test', 1)).toEqual([]);
    expect(fired.count).toBe(0);
    await sleep(1000);
    expect(fired.count).toBe(1);
  });

  it('does not fire once cleared, though its message was already on the Bus', async () => {
    await start();
    await call({ arm: 700 });
    await sleep(300);
    await call({ clear: true });
    await sleep(1000);
    expect(fired.count).toBe(0);
  });
});
