import { describe, expect, it } from 'vitest';
import { pickInterval, presetOf, resolveRange } from './time-range.ts';
import { placeBars } from '../components/histogram.tsx';

describe('time ranges', () => {
  it('resolves a preset against now and keeps a zoomed range as it is', () => {
    expect(resolveRange({ kind: 'relative', ms: 1000 }, 5000)).toEqual({ from: 4000, to: 5000 });
    expect(resolveRange({ kind: 'absolute', from: 1, to: 2 }, 5000)).toEqual({ from: 1, to: 2 });
  });
  it('picks an interval that gives at most 60 bars', () => {
    expect(pickInterval(15 * 60e3)).toEqual({ histogram: '15s', intervalMs: 15e3 });
    expect(pickInterval(24 * 3600e3)).toEqual({ histogram: '30m', intervalMs: 1800e3 });
    expect(pickInterval(60e3)).toEqual({ histogram: '1s', intervalMs: 1e3 });
    expect(pickInterval(365 * 24 * 3600e3).histogram).toBe('1d');
  });
  it('names the preset of a range', () => {
    expect(presetOf({ kind: 'relative', ms: 3600e3 })).toBe('1h');
    expect(presetOf({ kind: 'absolute', from: 0, to: 1 })).toBe('custom');
  });
});

describe('histogram bars', () => {
  it('sit at their time within the queried span', () => {
    expect(placeBars([{ start: 120e3 }], 60e3, { from: 0, to: 600e3 })).toEqual({ width: 10, xs: [2] });
    expect(placeBars([{ start: 0 }, { start: 60e3 }], 60e3, null)).toEqual({ width: 2, xs: [0, 1] });
  });
});
