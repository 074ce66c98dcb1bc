/**
 * The engine hands a flow above `flowChecksAbove` components to its FlowChecks (in the server, a
 * worker thread) and waits for it without holding its own thread; smaller flows, and any failure
 * of the checker, are checked in place, with the same problems.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import { parseFlow, type FlowProblem } from '@weft/flow';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { InlineFlowChecks } from '../../src/flow-checks/inline.ts';
import type { FlowChecks, ParsedFlow } from '../../src/ports/flow-checks.ts';
import type { FlowRecord } from '../../src/ports/store.ts';
import { engineSettings } from '../../src/runtime.ts';

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

  function engineWith(flowChecks: FlowChecks): Engine {
    embedded = openEmbedded({ file: ':memory:' });
    return new Engine({
      store: embedded.store, bus: embedded.bus, logIndex: embedded.logIndex,
      components: createBuiltinComponents({ allowPrivateNetwork: false }),
      ...engineSettings(loadConfig({})),
      publicUrl: 'http://127.0.0.1:1',
      flowChecks, flowChecksAbove: 20,
    });
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
});
