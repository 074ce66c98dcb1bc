/**
 * Issue 11, item 16: a memory bomb came back as `SANDBOX_THROWN: "null"` (QuickJS throws null
 * when out of memory), and a growing promise chain or an async loop piling up arrays killed its
 * worker thread (`SANDBOX_CRASHED`). Each bomb must now end as SANDBOX_MEMORY or SANDBOX_TIMEOUT
 * for its own call, while another call in flight on the same worker still succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxLimits, type SandboxResult } from '../../src/sandbox/index.ts';

const MiB = 1024 * 1024;
/** Small heaps end bombs sooner; the clock is generous, as the machine is shared. */
const LIMITS: Partial<SandboxLimits> = { timeoutMs: 4000, memoryBytes: 8 * MiB };

const bombs = {
  /** Small objects linked both ways: the heap fills up with blocks the collector cannot free. */
  graph: 'function run() { const root = {}; let cur = root; for (;;) { cur.child = { parent: cur, list: [cur, root, {}] }; cur = cur.child } }',
  /** The chain from the issue, word for word. */
  chain: 'async function run() { const f = () => Promise.resolve().then(f); await f() }',
  /** An async loop that keeps every array it makes. */
  arrays: 'async function run() { const keep = []; for (;;) { keep.push(new Array(1000).fill(7)); await null } }',
  /** The same with small arrays and an awaited promise per turn. */
  smallArrays: 'async function run() { const keep = []; for (let i = 0; ; i++) { keep.push([i, i, i, i]); await Promise.resolve(i) } }',
};

const NORMAL = 'function run(v) { return { doubled: v * 2 } }';
const codeOf = (result: SandboxResult): string => (result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`);

/** Start the bomb, then at once another user's ordinary call on the same (only) worker. */
async function bombBesideNormal(sandbox: Sandbox, bomb: string, limits: Partial<SandboxLimits> = LIMITS) {
  const bombed = sandbox.call(bomb, 'run', [], limits, 'bomber');
  const normal = sandbox.call(NORMAL, 'run', [21], undefined, 'bystander');
  return { bombed: await bombed, normal: await normal };
}

describe('when user code exhausts memory or piles up promise jobs', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox({ workers: 1 });
  });
  afterAll(() => sandbox.close());

  it('an object graph grown until the limit is SANDBOX_MEMORY, not a thrown "null"', async () => {
    const { bombed, normal } = await bombBesideNormal(sandbox, bombs.graph, { timeoutMs: 20_000, memoryBytes: 4 * MiB });
    expect(codeOf(bombed)).toMatch(/^SANDBOX_MEMORY: memory limit exceeded/);
    expect(normal).toMatchObject({ ok: true, value: { doubled: 42 } });
  }, 60_000);

  for (const [name, bomb] of Object.entries(bombs)) {
    it(`${name}: ends as SANDBOX_MEMORY or SANDBOX_TIMEOUT, and a call beside it succeeds`, async () => {
      const { bombed, normal } = await bombBesideNormal(sandbox, bomb);
      expect(codeOf(bombed)).toMatch(/^SANDBOX_(MEMORY|TIMEOUT): /);
      expect(normal).toMatchObject({ ok: true, value: { doubled: 42 } });
      // The pool is healthy afterwards: the bystander's next call works too.
      expect(await sandbox.call(NORMAL, 'run', [1], undefined, 'bystander')).toMatchObject({ ok: true, value: { doubled: 2 } });
    }, 60_000);
  }

  it('a promise chain ends at the job budget, well before the clock', async () => {
    const result = await sandbox.call(bombs.chain, 'run', [], { timeoutMs: 60_000, memoryBytes: 32 * MiB }, 'bomber');
    expect(codeOf(result)).toMatch(/^SANDBOX_(TIMEOUT: the call ran more than \d+ promise jobs|MEMORY)/);
  }, 120_000);

  it('a null the code throws itself reads as out of memory too, and the message says it may be either', async () => {
    // QuickJS's out-of-memory null and a thrown null look the same once the stack unwound; the
    // message says so when the heap is not visibly full.
    const result = await sandbox.call('function run() { throw null }', 'run', [], undefined, 'thrower');
    expect(codeOf(result)).toMatch(/^SANDBOX_MEMORY: memory limit exceeded, or the code threw null/);
  });
});

describe('when one call takes all the memory a worker may have', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    // A per-call limit far above the worker's cap: the worker's cap is the hard bound.
    sandbox = createSandbox({ workers: 1, workerMemoryBytes: 128 * MiB });
  });
  afterAll(() => sandbox.close());

  it('the call runs out of memory at the worker cap and the process does not grow past it', async () => {
    const before = process.memoryUsage().rss;
    const { bombed, normal } = await bombBesideNormal(sandbox, bombs.graph, { timeoutMs: 30_000, memoryBytes: 1024 * MiB });
    const grown = process.memoryUsage().rss - before;
    expect(codeOf(bombed)).toMatch(/^SANDBOX_MEMORY: /);
    expect(normal).toMatchObject({ ok: true, value: { doubled: 42 } });
    // QuickJS alone would have let this heap of small objects reach 2 GiB of WebAssembly memory.
    expect(grown).toBeLessThan(512 * MiB);
  }, 90_000);
});
