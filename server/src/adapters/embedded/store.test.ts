import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { EmbeddedBus } from './bus.ts';
import { openDatabase } from './open-database.ts';
import { descriptorsKnownToMatch } from '../../ports/store.ts';
import { REUSE_PARSED_ABOVE } from '../../ports/descriptor-json.ts';
import { EmbeddedStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every store of the contract opens the same file, as every MongoDB store reaches the same database.
const file = join(dir, 'contract.sqlite');
describeStoreContract('EmbeddedStore', async () => new EmbeddedStore({ file }));

// As `openEmbedded` wires it: timer and state writes join the Bus's group commit on the same connection.
const grouped: EmbeddedBus[] = [];
afterAll(async () => {
  await Promise.all(grouped.map((bus) => bus.close()));
});
describeStoreContract('EmbeddedStore committing with the Bus', async () => {
  const database = openDatabase(join(dir, 'contract-grouped.sqlite'));
  const store = new EmbeddedStore({ database });
  const bus = new EmbeddedBus({ database });
  grouped.push(bus);
  store.commitWith((apply) => bus.join(apply));
  return store;
});

describe('EmbeddedStore committing with the Bus', () => {
  it('commits the timer and state writes of one tick in one transaction with its publishes, each settling once committed, a failed one alone', async () => {
    const database = openDatabase(join(dir, 'group-commit.sqlite'));
    const store = new EmbeddedStore({ database });
    const bus = new EmbeddedBus({ database });
    store.commitWith((apply) => bus.join(apply));
    // A write SQLite refuses, to see that it fails alone.
    database.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON state WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    try {
      const before = bus.stats().commits;
      const writes = Array.from({ length: 20 }, (_, i) => [
        store.putTimer({ id: `t-${i}`, dueAt: 1000 + i, flowId: 'f', body: { i } }),
        store.stateSet('scope', `k-${i}`, { i }),
      ]).flat();
      const refused = store.stateSet('scope', 'boom', 1);
      const published = bus.publish('messages', [{ id: 'm-1', body: {} }]);
      // Nothing is committed before the tick ends.
      expect(database.prepare('SELECT count(*) AS n FROM timers').get()).toEqual({ n: 0 });
      await expect(refused).rejects.toThrow('refused');
      await Promise.all([...writes, published]);
      expect(bus.stats().commits - before).toBe(1);
      expect(database.prepare('SELECT count(*) AS n FROM timers').get()).toEqual({ n: 20 });
      expect(await store.stateGet('scope', 'k-19')).toEqual({ i: 19 });
      expect(await store.stateGet('scope', 'boom')).toBeUndefined();
      expect(await store.deleteTimer('t-3')).toBe(true);
      expect(await store.deleteTimer('t-3')).toBe(false);
      expect(await bus.depth('messages')).toBe(1);
    } finally {
      await bus.close();
      await store.close();
      database.close();
    }
    // The Bus closed, a write no longer waits for it.
    const alone = new EmbeddedStore({ file: join(dir, 'group-commit.sqlite') });
    const closedBus = new EmbeddedBus({ file: join(dir, 'group-commit-bus.sqlite') });
    await closedBus.close();
    alone.commitWith((apply) => closedBus.join(apply));
    await alone.putTimer({ id: 't-late', dueAt: 1, flowId: 'f', body: {} });
    expect((await alone.claimDueTimers(10, 10, 'me', 1000)).map((timer) => timer.id)).toEqual(['t-late']);
    await alone.close();
  });
});

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

describe('EmbeddedStore flow descriptors', () => {
  it('parses a descriptor only when it is read, and keeps the one a patch leaves alone as it was stored', async () => {
    const store = new EmbeddedStore({ file: join(dir, 'descriptors.sqlite') });
    const draft = { a: { type: 'weft.utils.transform.Set', x: 0, y: 0, source: {}, config: { properties: { n: 1 }, transform: {} } } };
    const live = { b: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: {}, config: { properties: { n: 2 }, transform: {} } } };
    await store.createFlow({ flowId: 'lazy', userId: 'u', tenantId: 't', name: 'Lazy', stage: 'stopped', version: 1, flow: live, createdAt: 1, updatedAt: 1 });
    const published = await store.publishFlow({ flowId: 'lazy', userId: 'u', version: 1, name: 'Lazy', flow: live, publishedAt: 2, publishedBy: 'u', draftVersion: 1 });
    expect(published.ok).toBe(true);
    expect((await store.updateFlow('lazy', 'u', { flow: draft }, 1)).ok).toBe(true);

    const parse = vi.spyOn(JSON, 'parse');
    try {
      const record = await store.getFlow('lazy');
      const started = await store.updateFlow('lazy', 'u', { stage: 'running', startedAt: 3 });
      // Neither read nor the update parsed a descriptor: none of them was read.
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('weft.utils'))).toEqual([]);
      expect(record?.stage).toBe('stopped');
      expect(started.ok && started.flow.stage).toBe('running');
      // Read: the draft alone is parsed, once, and is then a plain property.
      expect(record?.flow).toEqual(draft);
      expect(record?.flow).toBe(record?.flow);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('weft.utils'))).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
    const again = await store.getFlow('lazy');
    expect(again).toMatchObject({ stage: 'running', startedAt: 3, version: 3, flow: draft, publishedVersion: 1, publishedFlow: live });
    expect(Object.keys(again!)).toEqual(Object.keys({ ...again }));
    expect(JSON.parse(JSON.stringify(again))).toEqual({ ...again });
    // A record is written like any object: the value set is the value read.
    again!.flow = live;
    expect(again!.flow).toBe(live);
    expect(descriptorsKnownToMatch(again!)).toBe(false);

    // Published as drafted: the Store tells so without parsing either, until one is replaced.
    await store.createFlow({ flowId: 'same', userId: 'u', tenantId: 't', name: 'Same', stage: 'stopped', version: 1, flow: live, createdAt: 1, updatedAt: 1 });
    await store.publishFlow({ flowId: 'same', userId: 'u', version: 1, name: 'Same', flow: live, publishedAt: 2, publishedBy: 'u', draftVersion: 1 });
    const counting = vi.spyOn(JSON, 'parse');
    try {
      const same = (await store.getFlow('same'))!;
      expect(descriptorsKnownToMatch(same)).toBe(true);
      expect(counting.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('weft.utils'))).toEqual([]);
      expect(descriptorsKnownToMatch({ ...same })).toBe(false);
      same.publishedFlow = draft;
      expect(descriptorsKnownToMatch(same)).toBe(false);
    } finally {
      counting.mockRestore();
    }
    expect(descriptorsKnownToMatch((await store.getFlow('lazy'))!)).toBe(false);
    await store.close();
  });

  it('parses a big descriptor once for every read of its text (draft, published copy, next request), and writes the text it was read from', async () => {
    const store = new EmbeddedStore({ file: join(dir, 'big-descriptors.sqlite') });
    const big = { a: { type: 'weft.utils.transform.Set', x: 0, y: 0, source: {}, config: { properties: { note: 'x'.repeat(REUSE_PARSED_ABOVE) }, transform: {} } } };
    await store.createFlow({ flowId: 'big', userId: 'u', tenantId: 't', name: 'Big', stage: 'stopped', version: 1, flow: big, createdAt: 1, updatedAt: 1 });
    const parse = vi.spyOn(JSON, 'parse');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const draft = (await store.getFlow('big'))!.flow;
      expect(draft).toEqual(big);
      const published = await store.publishFlow({ flowId: 'big', userId: 'u', version: 1, name: 'Big', flow: draft, publishedAt: 2, publishedBy: 'u', draftVersion: 1 });
      expect(published.ok).toBe(true);
      const started = await store.updateFlow('big', 'u', { stage: 'running', startedAt: 3 });
      const read = (await store.getFlow('big'))!;
      expect(started.ok && started.flow.publishedFlow).toBe(draft);
      expect(read.flow).toBe(draft);
      expect(read.publishedFlow).toBe(draft);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('weft.utils'))).toHaveLength(1);
      // Published from the text it was read from, not stringified again.
      expect(stringify.mock.calls.filter(([value]) => value === draft)).toEqual([]);
    } finally {
      parse.mockRestore();
      stringify.mockRestore();
    }
    const row = new Database(join(dir, 'big-descriptors.sqlite'), { readonly: true }).prepare('SELECT flow, published_flow FROM flows').get() as { flow: string; published_flow: string };
    expect(row.published_flow).toBe(JSON.stringify(big));
    expect(row.flow).toBe(JSON.stringify(big));
    await store.close();
  });
});
