import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

const ADMIN = 'soak@example.com';
const BOMBS = 1000;
const IN_FLIGHT = 32;
const bombs = {
  spin: 'function run() { for (;;) {} }',
  hog: 'function run() { let s = "x"; for (;;) { s += s; s.indexOf("y"); } }',
};

describe('when 1,000 hostile snippets hit the sandbox', () => {
  let weft: TestWeft;
  let admin: TestUser;
  beforeAll(async () => {
    // The soak fires 1,000 test runs from one user: lift the per-minute limit on them.
    weft = await startTestWeft({ env: { WEFT_MODIFIER_TESTS_PER_MINUTE: '100000' } });
    admin = await weft.operator(ADMIN);
    const settings = await admin.call('GET', '/admin/settings');
    await admin.call('PUT', '/admin/settings', { ...settings.body, sandbox: { ...settings.body.sandbox, timeoutMs: 30, memoryBytes: 4 * 1024 * 1024 } });
  });
  afterAll(() => weft.close());

  it('stops every one with SANDBOX_TIMEOUT or SANDBOX_MEMORY while a normal flow keeps answering correctly', async () => {
    const flowId = await admin.createFlow({
      hook: node(WEBHOOK),
      answer: reply('hook.out', { doubled: '{{{$.hook.out.body.n | multiply(2)}}}' }),
    });
    await admin.startFlow(flowId);

    const started = performance.now();
    const codes = new Map<string, number>();
    let next = 0;
    let bombing = true;
    const bomber = async () => {
      while (next < BOMBS) {
        const i = next++;
        const result = await admin.call('POST', '/modifiers/test', { source: i % 2 === 0 ? bombs.spin : bombs.hog, value: i });
        const code: string = result.body.ok ? 'ok' : result.body.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    const latencies: number[] = [];
    const wrong: unknown[] = [];
    const webhooks = async () => {
      for (let n = 0; bombing; n++) {
        const t = performance.now();
        const answer = await callWebhook(weft, flowId, { n });
        latencies.push(performance.now() - t);
        if (answer.status !== 200 || answer.body?.doubled !== n * 2) wrong.push(answer.body);
      }
    };
    const traffic = [webhooks(), webhooks()];
    await Promise.all(Array.from({ length: IN_FLIGHT }, bomber));
    bombing = false;
    await Promise.all(traffic);
    const elapsedMs = performance.now() - started;

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    console.log(`[soak] ${BOMBS} bombs in ${Math.round(elapsedMs)} ms: ${JSON.stringify(Object.fromEntries(codes))}; ` +
      `${latencies.length} webhook calls, p50 ${Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0)} ms, p99 ${Math.round(p99)} ms`);
    expect(wrong).toEqual([]);
    expect(latencies.length).toBeGreaterThan(50);
    expect([...codes.keys()].sort()).toEqual(['SANDBOX_MEMORY', 'SANDBOX_TIMEOUT']);
    expect((codes.get('SANDBOX_MEMORY') ?? 0) + (codes.get('SANDBOX_TIMEOUT') ?? 0)).toBe(BOMBS);
    // ~40 s is the goal on 2 idle cores; measured 45 s with the machine at load 10 (other suites running).
    expect(elapsedMs).toBeLessThan(75_000);
  }, 90_000);
});
