import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { EmbeddedStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every store of the contract opens the same file, as every MongoDB store reaches the same database.
const file = join(dir, 'contract.sqlite');
describeStoreContract('EmbeddedStore', async () => new EmbeddedStore({ file }));

describe('EmbeddedStore upgrade to drafts and versions', () => {
  it('publishes, in place, the descriptor of every flow ever started as version 1, and leaves never-started flows unpublished', async () => {
    const oldFile = join(dir, 'before-versions.sqlite');
    const db = new Database(oldFile);
    // The flows table as it was before drafts and versions.
    db.exec(`CREATE TABLE flows (flow_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, stage TEXT NOT NULL, version INTEGER NOT NULL,
      flow TEXT NOT NULL, error_flow_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, started_at INTEGER)`);
    const descriptor = { hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0, source: {}, config: {} } };
    const insert = db.prepare('INSERT INTO flows VALUES (?, ?, ?, ?, ?, ?, NULL, 1, 2, ?)');
    insert.run('running', 'u1', 'Running', 'running', 7, JSON.stringify(descriptor), 500);
    insert.run('stopped-once', 'u1', 'Stopped once', 'stopped', 3, JSON.stringify(descriptor), 400);
    insert.run('never', 'u1', 'Never started', 'stopped', 1, JSON.stringify(descriptor), null);
    db.close();

    const store = new EmbeddedStore({ file: oldFile });
    const running = await store.getFlow('running');
    expect(running).toMatchObject({ stage: 'running', version: 7, flow: descriptor, publishedVersion: 1, publishedFlow: descriptor });
    expect(await store.listFlowVersions('running', 'u1')).toEqual([
      { flowId: 'running', userId: 'u1', version: 1, name: 'Running', flow: descriptor, publishedAt: 500, publishedBy: 'u1', draftVersion: 7 },
    ]);
    expect(await store.getFlow('stopped-once')).toMatchObject({ publishedVersion: 1 });
    const never = await store.getFlow('never');
    expect(never?.publishedVersion).toBeUndefined();
    expect(never?.publishedFlow).toBeUndefined();
    expect(await store.listFlowVersions('never', 'u1')).toEqual([]);
    await store.close();

    // Opening it again changes nothing more.
    const again = new EmbeddedStore({ file: oldFile });
    expect(await again.listFlowVersions('running', 'u1')).toHaveLength(1);
    await again.close();
  });
});
