/**
 * @module AuditLog contract: the behaviour every AuditLog adapter must show, run unchanged by each
 * adapter's `audit-log.test.ts`. Cases use unique tenant and actor ids, so logs may share a database.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from './audit-log.ts';
import { openPerCase } from './open-per-case.ts';

const uid = () => randomUUID();

function anEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: uid(), at: 1_000, actor: { id: `u-${uid()}`, role: 'owner', tenantId: 't-1', via: 'user' }, action: 'flow.create',
    tenantId: `t-${uid()}`, target: { type: 'flow', id: uid() }, details: { name: 'Invoices' }, ...overrides,
  };
}

export function describeAuditLogContract(name: string, makeLog: () => Promise<AuditLog>): void {
  describe(`AuditLog contract: ${name}`, () => {
    const open = openPerCase(makeLog);

    it('reads an appended entry back whole; appending the same id again is a no-op', async () => {
      const log = await open();
      const entry = anEntry();
      await log.append(entry);
      await log.append({ ...entry, action: 'flow.delete' });
      expect((await log.query({ tenantId: entry.tenantId! })).entries).toEqual([entry]);
    });

    it('answers newest first and filters by tenant, actor, action and time', async () => {
      const log = await open();
      const tenantId = `t-${uid()}`;
      const alice = { id: `u-${uid()}`, role: 'owner', tenantId, via: 'user' as const };
      const bob = { id: `u-${uid()}`, role: 'editor', tenantId, via: 'user' as const };
      const a = anEntry({ tenantId, actor: alice, at: 100, action: 'flow.create' });
      const b = anEntry({ tenantId, actor: bob, at: 200, action: 'flow.start' });
      const c = anEntry({ tenantId, actor: alice, at: 300, action: 'flow.start' });
      const elsewhere = anEntry({ at: 250 });
      for (const entry of [a, b, c, elsewhere]) await log.append(entry);
      const ids = async (query: Parameters<AuditLog['query']>[0]) => (await log.query(query)).entries.map((entry) => entry.id);
      expect(await ids({ tenantId })).toEqual([c.id, b.id, a.id]);
      expect(await ids({ tenantId, actorId: alice.id })).toEqual([c.id, a.id]);
      expect(await ids({ tenantId, action: 'flow.start' })).toEqual([c.id, b.id]);
      expect(await ids({ tenantId, from: 200, to: 300 })).toEqual([b.id]);
      expect(await ids({ actorId: bob.id })).toEqual([b.id]);
    });

    it('pages with a cursor, entries at the same time included, without repeats or gaps', async () => {
      const log = await open();
      const tenantId = `t-${uid()}`;
      const entries = Array.from({ length: 7 }, (_, i) => anEntry({ tenantId, at: 1000 + Math.floor(i / 3) }));
      for (const entry of entries) await log.append(entry);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await log.query({ tenantId, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(7);
      expect([...seen].sort()).toEqual(entries.map((entry) => entry.id).sort());
    });

    it('prunes entries older than a time and says how many went', async () => {
      const log = await open();
      const tenantId = `t-${uid()}`;
      const old = anEntry({ tenantId, at: 10 });
      const recent = anEntry({ tenantId, at: 5_000_000_000_000 });
      await log.append(old);
      await log.append(recent);
      expect(await log.prune(11)).toBeGreaterThanOrEqual(1);
      expect((await log.query({ tenantId })).entries.map((entry) => entry.id)).toEqual([recent.id]);
    });

    it('keeps an installation-wide entry (no tenant) visible to an unfiltered query only', async () => {
      const log = await open();
      const actorId = `op-${uid()}`;
      const { tenantId: _omit, ...wide } = anEntry({ actor: { id: actorId, role: 'operator', via: 'user' }, action: 'settings.update', target: { type: 'settings', id: 'retry' } });
      await log.append(wide);
      expect((await log.query({ actorId })).entries).toEqual([wide]);
      expect((await log.query({ actorId, tenantId: 't-none' })).entries).toEqual([]);
    });
  });
}
