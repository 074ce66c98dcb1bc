import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderHook } from '@testing-library/react';
import { useLoadEvery } from './use-load-every.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a list that loads again while the page is open', () => {
  it('loads on mount, then every pollMs, and stops when unmounted', () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => undefined);
    const { unmount } = renderHook(() => useLoadEvery(load, 1000));
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2500);
    expect(load).toHaveBeenCalledTimes(3);
    unmount();
    vi.advanceTimersByTime(5000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('loads once when polling is off', () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => undefined);
    renderHook(() => useLoadEvery(load, 0));
    vi.advanceTimersByTime(60_000);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
