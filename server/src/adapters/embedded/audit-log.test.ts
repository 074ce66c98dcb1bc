import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeAuditLogContract } from '../../ports/audit-log.contract.ts';
import { EmbeddedAuditLog } from './audit-log.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every log of the contract opens the same file, as every MongoDB log reaches the same database.
const file = join(dir, 'contract.sqlite');
describeAuditLogContract('EmbeddedAuditLog', async () => new EmbeddedAuditLog({ file }));
