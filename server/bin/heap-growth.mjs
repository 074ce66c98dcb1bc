// How far V8 lets a heap grow past what its last full GC found alive, for every thread of a Weft process.
import { setFlagsFromString } from 'node:v8';

/**
 * After each full GC, V8 lets the old generation grow to up to 4× what it found alive before it
 * collects again. At 10,000 started flows (~80 MB alive) the fires of one minute took the heap, and
 * the RSS, 250–300 MB past that. `WEFT_HEAP_GROWING_PERCENT=50` caps the growth at 1.5× (more full
 * GCs, concurrent on V8's helper threads): ~10–70 MB less RSS at 10,000 flows, but a 1,000-component
 * flow's run took ~25 % longer and `/health` waited longer meanwhile (bench/README.md, 2026-12-05), so
 * the default, 0, leaves V8's own choice. Read when GC runs, so setting it at start-up covers the
 * worker threads too.
 */
export function applyHeapGrowth(value = process.env.WEFT_HEAP_GROWING_PERCENT) {
  const percent = value === undefined ? 0 : Number(value);
  if (!/^\d+$/.test(value ?? '0') || percent > 1000) {
    throw new Error(`WEFT_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000, got "${value}"`);
  }
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
