/**
 * The engine hands a flow above `flowChecksAbove` components to its FlowChecks (in the server, a
 * worker thread) and waits for it without holding its own thread; smaller flows, and any failure
 * of the checker, are checked in place, with the same problems.
 */
import { embeddedEngine } from './embedded-engine.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import { parseFlow, type FlowProblem } from '@weft/flow';
import type { Embedded } from '../../src/adapters/embedded/index.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { loadInSlices, load } from '../../src/engine/flow-cache.ts';
import { loopSlicing } from '../../src/engine/loop-slices.ts';
import { Engine } from '../../src/engine/engine.ts';
import { InlineFlowChecks } from '../../src/flow-checks/inline.ts';
import type { FlowChecks, ParsedFlow } from '../../src/ports/flow-checks.ts';
import type { FlowRecord } from '../../src/ports/store.ts';

/** A checker that answers only when released, as the thread answers only once it is done; `fails` makes it reject. */
class HeldChecks implements FlowChecks {
  readonly calls: { method: string; types: string[] }[] = [];
  readonly #inline = new InlineFlowChecks();
  readonly #held: (() => void)[] = [];
  constructor(private readonly fails = false) {}

  parse(json: unknown): Promise<ParsedFlow> {
    this.calls.push({ method: 'parse', types: [] });
    return this.#later(() => this.#inline.parse(json));
  }

  validate(flow: Record<string, unknown>, manifests: Readonly<Record<string, Manifest>>, modifierNames: readonly string[]): Promise<FlowProblem[]> {
    this.calls.push({ method: 'validate', types: Object.keys(manifests).sort() });
    return this.#later(() => this.#inline.validate(flow, manifests, modifierNames));
  }

  warm(): Promise<void> {
    return Promise.resolve();
  }

  release(): void {
    for (const go of this.#held.splice(0)) go();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #later<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#held.push(() => (this.fails ? reject(new Error('the thread died')) : resolve(work())));
    });
  }
}

/** hook → s1 … sN, plus a component of a type nobody installed; as saved (parsed, defaults filled). */
function brokenChain(n: number): Record<string, unknown> {
  const parsed = parseFlow(rawBrokenChain(n));
  if (!parsed.ok) throw new Error('the chain has the right shape');
  return parsed.value;
}

function rawBrokenChain(n: number): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 }, ghost: { type: 'weft.nothing.Here', x: 0, y: 1 } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    flow[`s${i}`] = { type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } }, config: { transform: {} } };
    previous = `s${i}`;
  }
  return flow;
}

const record = (flow: Record<string, unknown>): FlowRecord => ({ flowId: 'f', userId: 'u', tenantId: 't', name: 'big', stage: 'stopped', version: 1, flow, createdAt: 0, updatedAt: 0 });

describe('validating a big flow', () => {
  let embedded: Embedded | undefined;
  afterEach(async () => {
    await embedded?.close();
    embedded = undefined;
  });

  function engineWith(flowChecks: FlowChecks, flowChecksAbove = 20): Engine {
    const made = embeddedEngine({ engine: { flowChecks, flowChecksAbove } });
    embedded = made.embedded;
    return made.engine;
  }

  it('waits for the checker, while the engine thread serves other work, then answers what checking in place answers', async () => {
    const checks = new HeldChecks();
    const engine = engineWith(checks);
    const flow = brokenChain(30);
    let settled = false;
    const problems = engine.problems(record(flow)).finally(() => { settled = true; });
    // Other work of the engine thread (a /health call, a timer) runs meanwhile.
    const otherWork = await new Promise<string>((resolve) => setImmediate(() => resolve('served')));
    expect(otherWork).toBe('served');
    expect(settled).toBe(false);
    expect(checks.calls).toEqual([{ method: 'validate', types: ['weft.utils.http.Webhook', 'weft.utils.transform.Set'] }]);
    checks.release();
    expect(await problems).toEqual(engine.validate(record(flow)));
    expect((await problems).map((p) => [p.code, p.path])).toContainEqual(['component.unknown_type', 'flow.ghost.type']);
  });

  it('parses a big descriptor sent to the API through the checker', async () => {
    const checks = new HeldChecks();
    const engine = engineWith(checks);
    const parsed = engine.parseFlow({ ...brokenChain(30), 'bad id!': { type: 'weft.utils.transform.Set', x: 'left', y: 0 } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(checks.calls.map((c) => c.method)).toEqual(['parse']);
    checks.release();
    const answer = await parsed;
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.problems.map((p) => p.path)).toContain('flow.bad id!');
  });

  it('checks a flow at or below the threshold in place', async () => {
    const checks = new HeldChecks();
    const engine = engineWith(checks);
    const flow = brokenChain(10);
    expect(await engine.problems(record(flow))).toEqual(engine.validate(record(flow)));
    expect((await engine.parseFlow(flow)).ok).toBe(true);
    expect(checks.calls).toEqual([]);
  });

  it('checks in place, with the same problems, when the checker fails', async () => {
    const checks = new HeldChecks(true);
    const engine = engineWith(checks);
    const flow = brokenChain(30);
    const problems = engine.problems(record(flow));
    await new Promise((resolve) => setImmediate(resolve));
    checks.release();
    expect(await problems).toEqual(engine.validate(record(flow)));
  });

  it('validates the same big descriptor once (its stored or published copy too) until the installed types change', async () => {
    const checks = new HeldChecks();
    const engine = engineWith(checks);
    const flow = brokenChain(30);
    const first = engine.problems(record(flow));
    await new Promise((resolve) => setImmediate(resolve));
    checks.release();
    const problems = await first;
    // The copy read back from the Store: same text, another object.
    expect(await engine.problems(record(JSON.parse(JSON.stringify(flow)) as Record<string, unknown>))).toEqual(problems);
    expect(checks.calls.map((c) => c.method)).toEqual(['validate']);
    // Another descriptor is checked on its own.
    const other = engine.problems(record(brokenChain(31)));
    await new Promise((resolve) => setImmediate(resolve));
    checks.release();
    await other;
    expect(checks.calls.map((c) => c.method)).toEqual(['validate', 'validate']);
    // A type installed since: the answer may differ, so the flow is checked again.
    engine.components.register(createBuiltinComponents({ allowPrivateNetwork: false })[0]!);
    const again = engine.problems(record(flow));
    await new Promise((resolve) => setImmediate(resolve));
    checks.release();
    expect(await again).toEqual(problems);
    expect(checks.calls.map((c) => c.method)).toEqual(['validate', 'validate', 'validate']);
  });

  it('validates a big descriptor ahead once it is parsed for saving, so that validating the saved flow waits for nothing more', async () => {
    const checks = new HeldChecks();
    const engine = engineWith(checks);
    const parsing = engine.parseFlow(rawBrokenChain(30));
    await new Promise((resolve) => setImmediate(resolve));
    checks.release();
    const parsed = await parsing;
    if (!parsed.ok) throw new Error('the chain has the right shape');
    expect(checks.calls.map((c) => c.method)).toEqual(['parse', 'validate']);
    checks.release();
    const saved = JSON.parse(JSON.stringify(parsed.value)) as Record<string, unknown>;
    const problems = await engine.problems(record(saved));
    expect(checks.calls.map((c) => c.method)).toEqual(['parse', 'validate']);
    expect(problems).toEqual(engine.validate(record(saved)));
  });

  it('starts a big flow in slices, the event loop turning between them, and indexes it in slices', async () => {
    const engine = engineWith(new InlineFlowChecks());
    const parsed = await engine.parseFlow(mappedChain(300));
    if (!parsed.ok) throw new Error('the chain should parse');
    const stored: FlowRecord = { ...record(parsed.value), flowId: 'big-start' };
    await engine.store.createFlow(stored);
    expect(await engine.problems(stored)).toEqual([]);

    let turns = 0;
    let running = true;
    const turn = (): void => {
      if (!running) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    // Slices of 0 ms: a turn of the loop after each component started and each chunk indexed.
    loopSlicing.sliceMs = 0;
    try {
      await engine.startFlow(stored);
    } finally {
      loopSlicing.sliceMs = 8;
      running = false;
    }
    // Without slices the loop turns only on the Store's calls (a handful).
    expect(turns).toBeGreaterThan(300);
    const started = await engine.flows.get('big-start');
    expect(started?.record.stage).toBe('running');
    expect(started?.reads).toEqual(load(stored, stored.flow, false).reads);
  });

  it('indexes a flow in slices exactly as at once', async () => {
    const parsed = parseFlow(mappedChain(300));
    if (!parsed.ok) throw new Error('the chain should parse');
    const at = record(parsed.value);
    const sliced = await loadInSlices(at, parsed.value, false);
    const whole = load(at, parsed.value, false);
    expect(sliced.outEdges).toEqual(whole.outEdges);
    expect(sliced.reads).toEqual(whole.reads);
    expect(Object.keys(sliced.reads)).toEqual(Object.keys(whole.reads));
    expect([...sliced.names]).toEqual([...whole.names]);
  });
});

/** hook → s1 … sN, each Set reading its parent's output and the webhook's body (as sent to the API). */
function mappedChain(n: number): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    const reads = i === 1 ? '{{{$.hook.out.body.n}}}' : `{{{$.${previous}.out.n}}}`;
    flow[`s${i}`] = {
      type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } },
      config: { transform: { in: { [previous]: { out: { type: 'json2new', lambda: { values: { step: i, n: reads, who: '{{{$.hook.out.body.who}}}' } } } } } } },
    };
    previous = `s${i}`;
  }
  return flow;
}
