/**
 * @module useLoadEvery: load once on mount, then again every `pollMs` while mounted (0 or less: once),
 * for lists whose items change while the page is open (accounts refreshed, runs finishing).
 */
import { useEffect } from 'react';

export function useLoadEvery(load: () => Promise<unknown>, pollMs: number): void {
  useEffect(() => {
    void load();
    if (pollMs <= 0) return;
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [load, pollMs]);
}
