/**
 * The FlowChecks adapters: the thread answers exactly what checking in place answers (same
 * descriptor, same problems and paths), and while it works the engine's thread goes on running.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import { createBuiltinComponents } from '../connectors/index.ts';
import { InlineFlowChecks } from './inline.ts';
import { ThreadedFlowChecks } from './thread.ts';

const manifests: Record<string, Manifest> = Object.fromEntries(createBuiltinComponents({ allowPrivateNetwork: false }).map((c) => [c.manifest.name, c.manifest]));
const modifierNames = ['uppercase', 'lowercase'];

/** hook → s1 → … → sN, each Set reading its parent; `broken` adds problems of every kind at the end. */
function chain(n: number, broken = false): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    const reads = i === 1 ? '{{{$.hook.out.body.n | uppercase}}}' : `{{{$.${previous}.out.n}}}`;
    flow[`s${i}`] = {
      type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } },
      config: { transform: { in: { [previous]: { out: { type: 'json2new', lambda: { values: { n: reads } } } } } } },
    };
    previous = `s${i}`;
  }
  if (broken) {
    flow.ghost = { type: 'weft.nothing.Here', x: 0, y: 2 };
    flow.wrongPort = { type: 'weft.utils.transform.Set', x: 1, y: 2, source: { nope: { s1: ['out'] }, in: { missing: ['out'], s2: ['nothing'] } } };
    flow.badModifier = {
      type: 'weft.utils.transform.Set', x: 2, y: 2, source: { in: { s1: ['out'] } },
      config: { transform: { in: { s1: { out: { type: 'json2new', lambda: { values: { n: '{{{$.s1.out.n | shout}}}', m: '{{{$.s3.out.n}}}' } } } } } } },
    };
  }
  return flow;
}

/** Counts turns of the event loop (setImmediate after setImmediate) until stopped. */
function loopTurns(): { readonly count: number; stop(): void } {
  let count = 0;
  let running = true;
  const turn = (): void => {
    if (!running) return;
    count++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return { get count() { return count; }, stop: () => { running = false; } };
}

describe('checking a big flow in a thread of its own', () => {
  const threaded = new ThreadedFlowChecks();
  const inline = new InlineFlowChecks();
  afterAll(() => threaded.close());

  it('answers the same descriptor and the same problems, with their paths, as checking in place', async () => {
    for (const flow of [chain(300), chain(300, true)]) {
      const [here, there] = [await inline.parse(flow), await threaded.parse(flow)];
      expect(there).toEqual(here);
      if (!here.ok) throw new Error('the chain should parse');
      const problems = await threaded.validate(here.value, manifests, modifierNames);
      expect(problems).toEqual(await inline.validate(here.value, manifests, modifierNames));
    }
    const broken = await inline.parse(chain(300, true));
    if (!broken.ok) throw new Error('the broken chain still has the right shape');
    const problems = await threaded.validate(broken.value, manifests, modifierNames);
    expect(problems.map((p) => [p.code, p.path])).toEqual(expect.arrayContaining([
      ['component.unknown_type', 'flow.ghost.type'],
      ['port.unknown', 'flow.wrongPort.source.nope'],
      ['edge.missing_component', 'flow.wrongPort.source.in.missing'],
      ['modifier.unknown', expect.stringMatching(/^flow\.badModifier\.config\.transform\.in\.s1\.out/)],
    ]));
  });

  it('answers a malformed descriptor with the same flow.schema problems', async () => {
    const flow = { ...chain(250), 'bad id!': { type: 'weft.utils.transform.Set', x: 'left', y: 0 } };
    const there = await threaded.parse(flow);
    expect(there.ok).toBe(false);
    expect(there).toEqual(await inline.parse(flow));
  });

  it('lets the engine thread go on while it works, where checking in place holds it', async () => {
    const flow = chain(1000);
    const parsed = await inline.parse(flow);
    if (!parsed.ok) throw new Error('the chain should parse');

    const whileThreaded = loopTurns();
    await threaded.validate(parsed.value, manifests, modifierNames);
    whileThreaded.stop();
    const whileInline = loopTurns();
    await inline.validate(parsed.value, manifests, modifierNames);
    whileInline.stop();

    // The thread's answer is a message: the loop turned while it was awaited. In place, the work
    // is done before the promise exists, so not one turn of the loop happened meanwhile.
    expect(whileThreaded.count).toBeGreaterThan(0);
    expect(whileInline.count).toBe(0);
  });

  it('fails a call it cannot hand over (a manifest holding a function), so that the caller checks in place', async () => {
    const parsed = await inline.parse(chain(10));
    if (!parsed.ok) throw new Error('the chain should parse');
    const withFunction = { ...manifests, odd: { ...manifests['weft.utils.transform.Set']!, describe: () => 'x' } as unknown as Manifest };
    await expect(threaded.validate(parsed.value, withFunction, modifierNames)).rejects.toThrow();
    // The thread is still there for the next call.
    expect(await threaded.validate(parsed.value, manifests, modifierNames)).toEqual([]);
  });

  it('starts its thread when warmed, before any flow, and answers the next calls on that thread', async () => {
    const warmed = new ThreadedFlowChecks();
    try {
      expect(warmed.threadsStarted).toBe(0);
      await warmed.warm();
      expect(warmed.threadsStarted).toBe(1);
      const parsed = await warmed.parse(chain(250));
      expect(parsed.ok).toBe(true);
      await warmed.warm();
      expect(warmed.threadsStarted).toBe(1);
    } finally {
      await warmed.close();
    }
  });

  it('ends a thread left without a call for idleMs, and starts another for the next call', async () => {
    const idle = new ThreadedFlowChecks({ idleMs: 100 });
    try {
      await idle.warm();
      expect(idle.threadsStarted).toBe(1);
      // Calls closer together than idleMs keep the thread.
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        expect((await idle.parse(chain(3))).ok).toBe(true);
      }
      expect(idle.threadsStarted).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Both at once: the second finds the thread the first started, not the ended one.
      const [first, second] = await Promise.all([idle.parse(chain(250)), idle.parse(chain(3))]);
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(idle.threadsStarted).toBe(2);
    } finally {
      await idle.close();
    }
  });

  it('fails the calls still waiting when closed', async () => {
    const closing = new ThreadedFlowChecks();
    const waiting = closing.parse(chain(250));
    await closing.close();
    await expect(waiting).rejects.toMatchObject({ code: 'flow.checks_unavailable' });
  });
});
