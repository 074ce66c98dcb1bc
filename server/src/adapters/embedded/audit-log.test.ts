import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeAuditLogContract } from '../../ports/audit-log.contract.ts';
import { EmbeddedAuditLog } from './audit-log.ts';
import { EmbeddedBus } from './bus.ts';
import { openDatabase } from './open-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every log of the contract opens the same file, as every MongoDB log reaches the same database.
const file = join(dir, 'contract.sqlite');
describeAuditLogContract('EmbeddedAuditLog', async () => new EmbeddedAuditLog({ file }));

// As `openEmbedded` wires it: entries join the Bus's group commit on the same connection.
const buses: EmbeddedBus[] = [];
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
});
describeAuditLogContract('EmbeddedAuditLog committing with the Bus', async () => {
  const database = openDatabase(join(dir, 'contract-grouped.sqlite'));
  const audit = new EmbeddedAuditLog({ database });
  const bus = new EmbeddedBus({ database });
  buses.push(bus);
  audit.commitWith((apply) => bus.join(apply));
  return audit;
});

describe('EmbeddedAuditLog committing with the Bus', () => {
  it('commits the entries of one tick in one transaction, each append settling once committed', async () => {
    const database = openDatabase(join(dir, 'group-commit.sqlite'));
    const audit = new EmbeddedAuditLog({ database });
    const bus = new EmbeddedBus({ database });
    audit.commitWith((apply) => bus.join(apply));
    try {
      const before = bus.stats().commits;
      const appends = Array.from({ length: 10 }, (_, i) => audit.append({ id: `e-${i}`, at: i, actor: { id: 'u', role: 'user', via: 'user' }, action: 'flow.start', target: { type: 'flow', id: `f-${i}` } }));
      expect(database.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
      await Promise.all(appends);
      expect(bus.stats().commits - before).toBe(1);
      expect((await audit.query({ limit: 100 })).entries).toHaveLength(10);
    } finally {
      await bus.close();
      database.close();
    }
  });
});
