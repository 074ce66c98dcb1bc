/** @module Relative time: "3 minutes ago" in the widget's locale (last change, last run). */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3], ['month', 30 * 24 * 3600e3], ['week', 7 * 24 * 3600e3], ['day', 24 * 3600e3],
  ['hour', 3600e3], ['minute', 60e3], ['second', 1e3],
];

export function formatRelativeTime(time: number, now: number, locale: string): string {
  const diff = time - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, 'second');
}
