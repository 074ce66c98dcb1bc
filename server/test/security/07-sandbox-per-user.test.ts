/**
 * Issue 11, item 7: a warm sandbox context was reused for byte-identical code, so user B saw
 * values user A's calls left in a global. Warm contexts are now per user and source.
 */
import { FlowDescriptor } from '@weft/flow';
import { createModifierRegistry } from '@weft/variables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customModifierDefinition } from '../../src/engine/custom-modifiers.ts';
import { indexOutEdges, planRoutes } from '../../src/engine/routes-plan.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

/** Remembers the first value it is given in a global, and answers what the global held before. */
const LEAKY = 'function run(v) { const seen = globalThis.x === undefined ? null : globalThis.x; if (v !== null) globalThis.x = v; return seen }';

describe('when two users run byte-identical code in the sandbox', () => {
  let sandbox: Sandbox;
  // One worker: every call lands on the same thread, where the warm contexts live.
  beforeAll(() => {
    sandbox = createSandbox({ workers: 1 });
  });
  afterAll(() => sandbox.close());

  it('user B does not see the global user A set, and A still sees its own', async () => {
    expect(await sandbox.call(LEAKY, 'run', ['secret of A'], undefined, 'user-a')).toMatchObject({ ok: true, value: null });
    expect(await sandbox.call(LEAKY, 'run', [null], undefined, 'user-b')).toMatchObject({ ok: true, value: null });
    // A's own warm context is reused: its module-level state is still there.
    expect(await sandbox.call(LEAKY, 'run', [null], undefined, 'user-a')).toMatchObject({ ok: true, value: 'secret of A' });
    // And B's writes stay B's.
    await sandbox.call(LEAKY, 'run', ['secret of B'], undefined, 'user-b');
    expect(await sandbox.call(LEAKY, 'run', [null], undefined, 'user-a')).toMatchObject({ ok: true, value: 'secret of A' });
  });

  it('user ids that merely concatenate alike stay apart', async () => {
    // Keys are built from the id and the source: "ab" + "c…" must not meet "a" + "bc…".
    await sandbox.call('c = 0;' + LEAKY, 'run', ['from ab'], undefined, 'ab');
    expect(await sandbox.call('bc = 0;' + LEAKY, 'run', [null], undefined, 'a')).toMatchObject({ ok: true, value: null });
  });
});

describe('when a custom modifier runs in the flows of two users', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox({ workers: 1 });
  });
  afterAll(() => sandbox.close());

  it('each user evaluates it in their own context', async () => {
    const registry = createModifierRegistry();
    registry.register(customModifierDefinition({
      name: 'remember', label: 'Remember', description: 'keeps a value', category: 'custom', args: [], examples: [],
      source: LEAKY, version: 1, createdAt: 0, updatedAt: 0, updatedBy: 'admin',
    }, sandbox, () => ({ timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024, maxOutputBytes: 1024 * 1024 })));
    const flow = FlowDescriptor.parse({
      hook: { type: WEBHOOK },
      set: {
        type: 'weft.utils.transform.Set', source: { in: { hook: ['out'] } },
        config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { seen: '{{{$.hook.out.v | remember}}}' } } } } } },
      },
    });
    const evaluate = async (userId: string, v: unknown) => {
      const { messages: [planned] } = await planRoutes({
        outEdges: indexOutEdges(flow), parent: { id: `m-${userId}-${String(v)}`, userId, flowId: `f-${userId}`, correlationId: 'c', scope: {} },
        senderId: 'hook', sends: [{ port: 'out', data: { v } }], modifiers: registry,
      });
      return planned?.content;
    };
    expect(await evaluate('user-a', 'secret of A')).toEqual({ seen: null });
    expect(await evaluate('user-b', null)).toEqual({ seen: null });
    expect(await evaluate('user-a', null)).toEqual({ seen: 'secret of A' });
  });
});

describe('through the API and the JavaScript component', () => {
  let weft: TestWeft;
  let a: TestUser;
  let b: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_SANDBOX_WORKERS: '1' } });
    a = await weft.signup();
    b = await weft.signup();
  });
  afterAll(() => weft.close());

  it('POST /modifiers/test: B does not read the global A set with the same source', async () => {
    const first = await a.call('POST', '/modifiers/test', { source: LEAKY, value: 'secret of A' });
    expect(first.body).toMatchObject({ ok: true, value: null });
    const other = await b.call('POST', '/modifiers/test', { source: LEAKY, value: null });
    expect(other.body).toMatchObject({ ok: true, value: null });
    const again = await a.call('POST', '/modifiers/test', { source: LEAKY, value: null });
    expect(again.body).toMatchObject({ ok: true, value: 'secret of A' });
  });

  it('the JavaScript component: B\'s flow does not read the global A\'s flow set with the same code', async () => {
    const code = 'async function run(input) {\n  const seen = globalThis.x === undefined ? null : globalThis.x;\n  if (input.order.set) globalThis.x = input.order.set;\n  return { seen };\n}';
    const flow = () => ({
      hook: node(WEBHOOK),
      code: node('weft.utils.code.JavaScript', ['hook.out'], { lambda: { order: '{{{$.hook.out.body}}}' }, properties: { code } }),
      answer: reply('code.out', '{{{$.code.out}}}'),
    });
    const flowA = await a.createFlow(flow());
    const flowB = await b.createFlow(flow());
    await a.startFlow(flowA);
    await b.startFlow(flowB);
    expect((await callWebhook(weft, flowA, { set: 'token-of-A' })).body).toEqual({ seen: null });
    expect((await callWebhook(weft, flowB, {})).body).toEqual({ seen: null });
    expect((await callWebhook(weft, flowA, {})).body).toEqual({ seen: 'token-of-A' });
  });
});
