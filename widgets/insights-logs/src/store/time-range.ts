/** @module Time range: presets relative to now, absolute ranges from zooming, and the histogram interval that fits. */

export type TimeRange = { kind: 'relative'; ms: number } | { kind: 'absolute'; from: number; to: number };

export const RANGE_PRESETS = [
  { id: '15m', ms: 15 * 60e3 },
  { id: '1h', ms: 3600e3 },
  { id: '24h', ms: 24 * 3600e3 },
  { id: '7d', ms: 7 * 24 * 3600e3 },
  { id: '30d', ms: 30 * 24 * 3600e3 },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

export function resolveRange(range: TimeRange, now: number): { from: number; to: number } {
  return range.kind === 'relative' ? { from: now - range.ms, to: now } : { from: range.from, to: range.to };
}

const INTERVALS: [string, number][] = [
  ['1s', 1e3], ['5s', 5e3], ['15s', 15e3], ['30s', 30e3], ['1m', 60e3], ['5m', 300e3], ['15m', 900e3],
  ['30m', 1800e3], ['1h', 3600e3], ['3h', 3 * 3600e3], ['6h', 6 * 3600e3], ['12h', 12 * 3600e3], ['1d', 24 * 3600e3],
];

/** The smallest interval giving at most `maxBuckets` bars, so the histogram stays readable at any zoom. */
export function pickInterval(spanMs: number, maxBuckets = 60): { histogram: string; intervalMs: number } {
  for (const [histogram, intervalMs] of INTERVALS) {
    if (spanMs / intervalMs <= maxBuckets) return { histogram, intervalMs };
  }
  const [histogram, intervalMs] = INTERVALS[INTERVALS.length - 1]!;
  return { histogram, intervalMs };
}

export function presetOf(range: TimeRange): RangePresetId | 'custom' {
  if (range.kind === 'absolute') return 'custom';
  return RANGE_PRESETS.find((preset) => preset.ms === range.ms)?.id ?? 'custom';
}
