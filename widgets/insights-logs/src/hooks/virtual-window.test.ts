import { describe, expect, it } from 'vitest';
import { computeWindow, scrollToReveal } from './virtual-window.ts';

describe('the virtual window', () => {
  it('renders only the rows on screen of 100,000, with overscan', () => {
    const window = computeWindow(100_000, 30, 30 * 50_000, 600, 5);
    expect(window).toEqual({ start: 49_995, end: 50_026, offsetTop: 49_995 * 30, totalHeight: 3_000_000 });
    expect(window.end - window.start).toBeLessThan(40);
  });
  it('clamps at both ends and handles an empty list', () => {
    expect(computeWindow(5, 30, 0, 600)).toMatchObject({ start: 0, end: 5 });
    expect(computeWindow(100, 30, 99_999, 600)).toMatchObject({ end: 100 });
    expect(computeWindow(0, 30, 0, 600)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });
  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(0, 30, 60, 300)).toBe(0);
    expect(scrollToReveal(20, 30, 0, 300)).toBe(330);
    expect(scrollToReveal(5, 30, 0, 300)).toBeUndefined();
  });
});
