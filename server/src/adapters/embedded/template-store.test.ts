import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeTemplateStoreContract } from '../../ports/template-store.contract.ts';
import { EmbeddedTemplateStore } from './template-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every store of the contract opens the same file, as every MongoDB store reaches the same database.
const file = join(dir, 'contract.sqlite');
describeTemplateStoreContract('EmbeddedTemplateStore', async () => new EmbeddedTemplateStore({ file }));
