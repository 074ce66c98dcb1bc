import { describe, expect, it } from 'vitest';
import type { Store } from '../ports/store.ts';
import { ProcessedIds } from './processed-ids.ts';

function fakeStore() {
  const processed = new Set<string>(['old']);
  const calls = { mark: 0, find: 0 };
  const store = {
    async markProcessed(ids: readonly string[]) {
      calls.mark += 1;
      for (const id of ids) processed.add(id);
    },
    async findProcessed(ids: readonly string[]) {
      calls.find += 1;
      return new Set(ids.filter((id) => processed.has(id)));
    },
  } as unknown as Store;
  return { store, calls, processed };
}

describe('processed ids of concurrent deliveries', () => {
  it('are marked in one Store call, and each caller waits for its own mark', async () => {
    const { store, calls, processed } = fakeStore();
    const ids = new ProcessedIds(store, Date.now);
    await Promise.all(Array.from({ length: 50 }, (_, i) => ids.mark(`m${i}`)));
    expect(calls.mark).toBe(1);
    expect(processed.size).toBe(51);
  });

  it('are checked in one Store call, each caller learning about its own id', async () => {
    const { store, calls } = fakeStore();
    const ids = new ProcessedIds(store, Date.now);
    const [a, b, c] = await Promise.all([ids.has('old'), ids.has('new'), ids.has('other')]);
    expect([a, b, c]).toEqual([true, false, false]);
    expect(calls.find).toBe(1);
  });

  it('fail every caller of a batch when the Store fails', async () => {
    const store = { markProcessed: () => Promise.reject(new Error('disk full')) } as unknown as Store;
    const ids = new ProcessedIds(store, Date.now);
    const results = await Promise.allSettled([ids.mark('a'), ids.mark('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
