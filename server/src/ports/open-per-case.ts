/**
 * @module Open per case: the store lifecycle the contract suites share. A case opens as many
 * adapters as it needs (some open a second to read what the first stored), and each is closed once
 * the case ends, so no connection or file handle outlives its case.
 *
 * ```ts
 * describe(`AuditLog contract: ${name}`, () => {
 *   const open = openPerCase(makeLog);
 *   it('…', async () => { const log = await open(); … });
 * });
 * ```
 */
import { afterEach } from 'vitest';
import type { Closable } from './store.ts';

/** Call it inside the suite's `describe`, so that its `afterEach` belongs to that suite only. */
export function openPerCase<S extends Closable>(make: () => Promise<S>): () => Promise<S> {
  const opened: S[] = [];
  afterEach(async () => {
    for (const adapter of opened.splice(0)) await adapter.close();
  });
  return async () => {
    const adapter = await make();
    opened.push(adapter);
    return adapter;
  };
}
