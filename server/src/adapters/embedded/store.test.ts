import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { EmbeddedStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every store of the contract opens the same file, as every MongoDB store reaches the same database.
const file = join(dir, 'contract.sqlite');
describeStoreContract('EmbeddedStore', async () => new EmbeddedStore({ file }));
