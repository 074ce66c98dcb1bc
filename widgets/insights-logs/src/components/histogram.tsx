/** @module Histogram: activity over time as SVG bars; click (or Enter on) a bar to zoom into its interval. */
import type { KeyboardEvent } from 'react';
import { useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { formatTimestamp } from './format.ts';

const HEIGHT = 80;

/**
 * Slot of each bucket on a time axis covering the queried span, so a quiet hour with one busy
 * minute shows one thin bar at that minute, not one bar across the whole chart.
 */
export function placeBars(buckets: { start: number }[], intervalMs: number, span: { from: number; to: number } | null): { width: number; xs: number[] } {
  if (!span || intervalMs <= 0) return { width: Math.max(1, buckets.length), xs: buckets.map((_, i) => i) };
  const origin = Math.floor(span.from / intervalMs) * intervalMs;
  const xs = buckets.map((b) => Math.max(0, Math.floor((b.start - origin) / intervalMs)));
  const width = Math.max(1, Math.ceil((span.to - origin) / intervalMs), ...xs.map((x) => x + 1));
  return { width, xs };
}

export function Histogram() {
  const t = useStrings();
  const histogram = useInsightsStore((s) => s.histogram);
  const status = useInsightsStore((s) => s.histogramStatus);
  const span = useInsightsStore((s) => s.histogramSpan);
  const setRange = useInsightsStore((s) => s.setRange);

  if (status === 'error') return <p className="weft-il__histogram-note">{t('insights.histogramFailed')}</p>;
  const buckets = histogram?.buckets ?? [];
  const intervalMs = histogram?.intervalMs ?? 1;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const layout = placeBars(buckets, intervalMs, span);
  const zoom = (start: number) => setRange({ kind: 'absolute', from: start, to: start + intervalMs });
  const onKey = (event: KeyboardEvent, start: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      zoom(start);
    }
  };

  return (
    <figure className="weft-il__histogram" aria-busy={status === 'loading'}>
      <figcaption className="weft-visually-hidden">{t('insights.histogram')}</figcaption>
      <svg viewBox={`0 0 ${layout.width} ${HEIGHT}`} preserveAspectRatio="none" role="group" aria-label={t('insights.histogram')}>
        {buckets.map((bucket, index) => {
          const x = layout.xs[index] ?? index;
          const h = bucket.count === 0 ? 0 : Math.max(2, (bucket.count / max) * (HEIGHT - 4));
          const label = t('insights.bar', { count: bucket.count, from: formatTimestamp(bucket.start), to: formatTimestamp(bucket.start + intervalMs) });
          return (
            <g key={bucket.start} role="button" tabIndex={0} aria-label={label} className="weft-il__bar" onClick={() => zoom(bucket.start)} onKeyDown={(e) => onKey(e, bucket.start)}>
              <title>{label}</title>
              <rect x={x} y={0} width={1} height={HEIGHT} className="weft-il__bar-hit" />
              <rect x={x + 0.1} y={HEIGHT - h} width={0.8} height={h} className="weft-il__bar-fill" />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
