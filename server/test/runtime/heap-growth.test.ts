/**
 * bin/heap-growth.mjs (applied by bin/weft.js at start-up): `WEFT_HEAP_GROWING_PERCENT` (default 0: V8's
 * own choice) bounds how far V8 lets the heap grow past what its last full GC found alive.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module of bin/, without types
import { applyHeapGrowth } from '../../bin/heap-growth.mjs';

const growth = new URL('../../bin/heap-growth.mjs', import.meta.url).href;

/** 40 MB kept alive while objects that outlive a few scavenges (so reach the old generation) keep dying. */
const churn = `
import(${JSON.stringify(growth)}).then(({ applyHeapGrowth }) => {
  applyHeapGrowth(process.env.GROWTH);
  const live = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'x' + i }));
  const ring = new Array(200000);
  let peak = 0;
  for (let n = 0; n < 2000000; n++) {
    ring[n % ring.length] = { n, a: [n, n + 1], s: String(n) };
    if (n % 50000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  console.log(JSON.stringify({ peakMb: peak / 1048576, live: live.length }));
});`;

function peakHeapMb(value: string | undefined): Promise<number> {
  const { GROWTH: _ignored, ...env } = process.env;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', churn], { env: value === undefined ? env : { ...env, GROWTH: value }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve((JSON.parse(stdout) as { peakMb: number }).peakMb);
    });
  });
}

describe('bin/heap-growth.mjs', () => {
  it('keeps the heap well below what V8 lets it grow to on its own', async () => {
    const own = await peakHeapMb('0');
    const bounded = await peakHeapMb('50');
    const unset = await peakHeapMb(undefined);
    expect(bounded).toBeLessThan(own * 0.75);
    expect(unset).toBeGreaterThan(bounded / 0.75); // unset: the default, 0 (V8's own choice)
  }, 120_000);

  it('refuses what is not a whole number from 0 to 1000', () => {
    for (const value of ['x', '-1', '1.5', '1001', ' ']) expect(() => applyHeapGrowth(value)).toThrow(/WEFT_HEAP_GROWING_PERCENT/);
  });

  it('stops weft before anything starts when the setting is wrong', async () => {
    const failure = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [new URL('../../bin/weft.js', import.meta.url).pathname, 'start'], { cwd: tmpdir(), env: { ...process.env, WEFT_HEAP_GROWING_PERCENT: 'lots' }, timeout: 60_000 }, (error, _stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
      });
    });
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/WEFT_HEAP_GROWING_PERCENT must be a whole number/) });
  });
});
