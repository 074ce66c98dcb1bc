/** @module Sandbox benchmark: per-call overhead of a small modifier through the QuickJS pool. */
import { pathToFileURL } from 'node:url';
import { createSandbox } from '../server/src/sandbox/index.ts';

const MODIFIER = 'function run(v){ return String(v).toUpperCase() }';
const WARMUP = 2_000;
const CALLS = 20_000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

/** Figures in microseconds (µs) unless the key says otherwise. */
export async function runSandboxBench(): Promise<Record<string, number>> {
  // Native baseline: the same function in the engine's own realm.
  const native = (v: unknown): string => String(v).toUpperCase();
  const nativeTimes: number[] = [];
  let sink = '';
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    sink = native(`value ${i & 7}`);
    nativeTimes.push(performance.now() - started);
  }
  if (sink === '') throw new Error('unreachable');

  const sandbox = createSandbox({ workers: 2 });
  try {
    const coldStarted = performance.now();
    const first = await sandbox.call(MODIFIER, 'run', ['warm']);
    const coldMs = performance.now() - coldStarted;
    if (!first.ok) throw new Error(`modifier failed: ${first.error.message}`);
    for (let i = 0; i < WARMUP; i++) await sandbox.call(MODIFIER, 'run', ['warm']);

    // Sequential: one call in flight, so the round trip is the whole cost.
    const inWorker: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const result = await sandbox.call(MODIFIER, 'run', [`value ${i & 7}`]);
      roundTrip.push(performance.now() - started);
      inWorker.push(result.durationMs);
    }

    // Concurrent: 64 in flight over the pool, for throughput.
    const batches = 200;
    const width = 64;
    const throughputStarted = performance.now();
    for (let b = 0; b < batches; b++) {
      await Promise.all(Array.from({ length: width }, (_, i) => sandbox.call(MODIFIER, 'run', [i])));
    }
    const callsPerSecond = (batches * width) / ((performance.now() - throughputStarted) / 1000);

    return {
      nativeMedianUs: median(nativeTimes) * 1000,
      inWorkerMedianUs: median(inWorker) * 1000,
      inWorkerP99Us: percentile(inWorker, 0.99) * 1000,
      roundTripMedianUs: median(roundTrip) * 1000,
      roundTripP99Us: percentile(roundTrip, 0.99) * 1000,
      firstCallMs: coldMs,
      concurrentCallsPerSecond: callsPerSecond,
    };
  } finally {
    await sandbox.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runSandboxBench();
  console.log(`sandbox: ${MODIFIER}`);
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(26)} ${value.toFixed(2)}`);
}
