/**
 * Issue 11, item 5 (sandbox parts): eight parallel `POST /modifiers/test` infinite loops starved
 * everyone. Each user now runs a few sandbox calls at once (the rest wait in that user's own
 * queue, served in fair turns), a user's queue is bounded (`sandbox.busy`, 429), and
 * `POST /modifiers/test` is rate-limited per user (`modifiers.rate_limited`, 429 + Retry-After).
 * No assertion measures speed: B's call is compared with A's, in the order they finish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const LOOP = 'function run() { for (;;) {} }';
const NORMAL = 'function run(v) { return String(v).toUpperCase() }';

/** Runs `calls`, noting the order in which they finish. */
function finishOrder<T>(calls: Record<string, Promise<T>>): { order: string[]; done: Promise<Record<string, T>> } {
  const order: string[] = [];
  const entries = Object.entries(calls).map(async ([name, call]) => {
    const result = await call;
    order.push(name);
    return [name, result] as const;
  });
  return { order, done: Promise.all(entries).then((pairs) => Object.fromEntries(pairs) as Record<string, T>) };
}

describe('when user A floods the sandbox pool with endless loops', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox({ workers: 2, limits: { timeoutMs: 300 } });
  });
  afterAll(() => sandbox.close());

  it('user B\'s single call finishes before most of A\'s', async () => {
    const calls: Record<string, Promise<unknown>> = {};
    for (let i = 0; i < 8; i++) calls[`a${i}`] = sandbox.call(LOOP, 'run', [], undefined, 'user-a');
    calls.b = sandbox.call(NORMAL, 'run', ['fair'], undefined, 'user-b');
    const { order, done } = finishOrder(calls);
    const results = await done;
    expect(results.b).toMatchObject({ ok: true, value: 'FAIR' });
    // A holds at most two workers; B takes the first one A gives back.
    expect(order.indexOf('b')).toBeLessThan(4);
  }, 60_000);

  it('A\'s calls beyond its cap wait in A\'s queue, and beyond its bound fail at once with SANDBOX_BUSY', async () => {
    const small = createSandbox({ workers: 1, callsPerUser: 1, queuedPerUser: 2, limits: { timeoutMs: 300 } });
    try {
      // Once the worker is up, A's first call runs at once instead of waiting in the queue.
      expect(await small.call(NORMAL, 'run', ['ready'], undefined, 'user-a')).toMatchObject({ ok: true });
      const flood = Array.from({ length: 5 }, () => small.call(LOOP, 'run', [], undefined, 'user-a'));
      const other = small.call(NORMAL, 'run', ['still'], undefined, 'user-b');
      const codes = (await Promise.all(flood)).map((r) => (r.ok ? 'ok' : r.error.code));
      // One runs, two wait, two are refused.
      expect(codes.sort()).toEqual(['SANDBOX_BUSY', 'SANDBOX_BUSY', 'SANDBOX_TIMEOUT', 'SANDBOX_TIMEOUT', 'SANDBOX_TIMEOUT']);
      expect(await other).toMatchObject({ ok: true, value: 'STILL' });
    } finally {
      await small.close();
    }
  }, 60_000);

  it('a cold pool (workers still starting) accepts as many of A\'s calls as a warm one: the bound counts running and waiting together', async () => {
    // CI once refused one of eight calls with SANDBOX_BUSY because the workers were not ready yet,
    // so every call counted as waiting.
    const cold = createSandbox({ workers: 1, callsPerUser: 1, queuedPerUser: 2, limits: { timeoutMs: 200 } });
    try {
      const flood = Array.from({ length: 4 }, () => cold.call(LOOP, 'run', [], undefined, 'user-a'));
      const codes = (await Promise.all(flood)).map((r) => (r.ok ? 'ok' : r.error.code));
      expect(codes.sort()).toEqual(['SANDBOX_BUSY', 'SANDBOX_TIMEOUT', 'SANDBOX_TIMEOUT', 'SANDBOX_TIMEOUT']);
    } finally {
      await cold.close();
    }
  }, 60_000);
});

describe('through POST /modifiers/test', () => {
  let weft: TestWeft;
  let a: TestUser;
  let b: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({
      env: { WEFT_SANDBOX_WORKERS: '2', WEFT_SANDBOX_TIMEOUT_MS: '500', WEFT_SANDBOX_QUEUE_PER_USER: '6', WEFT_MODIFIER_TESTS_PER_MINUTE: '20' },
    });
    a = await weft.signup();
    b = await weft.signup();
  });
  afterAll(() => weft.close());

  it('eight parallel endless loops of A do not starve B', async () => {
    const calls: Record<string, Promise<unknown>> = {};
    for (let i = 0; i < 8; i++) calls[`a${i}`] = a.call('POST', '/modifiers/test', { source: LOOP, value: i });
    // Let A's requests reach the sandbox first, as in the attack.
    await new Promise((resolve) => setTimeout(resolve, 200));
    calls.b = b.call('POST', '/modifiers/test', { source: NORMAL, value: 'fair' });
    const { order, done } = finishOrder(calls);
    const results = (await done) as Record<string, { status: number; body: { ok: boolean; value?: unknown; error?: { code: string } } }>;
    expect(results.b).toMatchObject({ status: 200, body: { ok: true, value: 'FAIR' } });
    for (let i = 0; i < 8; i++) expect(results[`a${i}`]).toMatchObject({ status: 200, body: { ok: false, error: { code: 'SANDBOX_TIMEOUT' } } });
    expect(order.indexOf('b')).toBeLessThan(4);
  }, 60_000);

  it('a user whose queue is full gets 429 sandbox.busy', async () => {
    const c = await weft.signup();
    const answers = await Promise.all(Array.from({ length: 12 }, () => c.call('POST', '/modifiers/test', { source: LOOP, value: null })));
    const busy = answers.filter((answer) => answer.status === 429);
    // Two run and six wait; whatever arrives while they do is refused.
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of answers.filter((x) => x.status !== 429)) expect(answer).toMatchObject({ status: 200, body: { ok: false, error: { code: 'SANDBOX_TIMEOUT' } } });
    expect(busy[0]!.body).toMatchObject({ error: { code: 'sandbox.busy', message: expect.any(String) } });
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  it('running code is rate-limited per user: 429 modifiers.rate_limited with Retry-After', async () => {
    const d = await weft.signup();
    const e = await weft.signup();
    for (let i = 0; i < 20; i++) expect((await d.call('POST', '/modifiers/test', { source: NORMAL, value: i })).status).toBe(200);
    const refused = await d.call('POST', '/modifiers/test', { source: NORMAL, value: 'one too many' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'modifiers.rate_limited', message: expect.stringContaining('20 times') } });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Built-in modifiers run no user code and are not counted; other users keep their own budget.
    expect(await d.call('POST', '/modifiers/test', { name: 'upper', value: 'built-in' })).toMatchObject({ status: 200, body: { ok: true, value: 'BUILT-IN' } });
    expect(await e.call('POST', '/modifiers/test', { source: NORMAL, value: 'mine' })).toMatchObject({ status: 200, body: { ok: true, value: 'MINE' } });
  }, 60_000);
});
