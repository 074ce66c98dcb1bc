import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate, type Migration } from './migrations.ts';
import { EmbeddedStore, STORE_MIGRATIONS } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Store file written by the Weft of 2026-12-03, before migrations were numbered. */
const FIXTURE = fileURLToPath(new URL('../../../test/upgrade/fixture-2026-12-03/weft.sqlite', import.meta.url));

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

describe('numbered migrations of the embedded file', () => {
  it('numbers a new file at the last Store and template migrations', async () => {
    const file = join(dir, 'new.sqlite');
    await new EmbeddedStore({ file }).close();
    const db = new Database(file);
    const store = appliedMigrations(db, 'store');
    expect(store.map((step) => step.version)).toEqual([1, 2, 3, 4, 5]);
    expect(store[2]?.name).toMatch(/tenants/);
    expect(tables(db)).toEqual(expect.arrayContaining(['accounts', 'connector_packages', 'flows', 'modifiers', 'tenants', 'users']));
    db.close();
  });

  it('upgrades in place a file made before the numbering, keeping its users and flows, and then has nothing left to do', async () => {
    const file = join(dir, 'fixture.sqlite');
    copyFileSync(FIXTURE, file);
    const before = new Database(file);
    expect(tables(before)).not.toContain('weft_migrations');
    const users = (before.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const flows = (before.prepare('SELECT count(*) AS n FROM flows').get() as { n: number }).n;
    before.close();
    expect(users).toBeGreaterThan(0);

    const store = new EmbeddedStore({ file });
    expect((await store.listUsers({ limit: 100 })).items).toHaveLength(users);
    await store.close();

    const db = new Database(file);
    expect(appliedMigrations(db, 'store').map((step) => step.version)).toEqual([1, 2, 3, 4, 5]);
    expect((db.prepare('SELECT count(*) AS n FROM flows WHERE tenant_id IS NOT NULL').get() as { n: number }).n).toBe(flows);
    expect(migrate(db, 'store', STORE_MIGRATIONS)).toEqual({ from: 5, to: 5, applied: [] });
    db.close();
  });

  it('refuses a file written by a newer Weft, with a code and a message that says what to do', () => {
    const file = join(dir, 'newer.sqlite');
    const db = new Database(file);
    migrate(db, 'store', [step(1), step(2), step(3)]);
    expect(() => migrate(db, 'store', [step(1), step(2)])).toThrow(expect.objectContaining({ code: 'store.too_new', message: expect.stringMatching(/migration 3.*only up to 2.*newer Weft/) }));
    db.close();
  });

  it('applies nothing of a step that fails, and applies it on the next start', () => {
    const db = new Database(join(dir, 'failing.sqlite'));
    let fails = true;
    const flaky: Migration = {
      version: 2, name: 'flaky', up: (database) => {
        database.exec('CREATE TABLE half (id TEXT)');
        if (fails) throw new Error('disk full');
      },
    };
    expect(() => migrate(db, 'scope', [step(1), flaky])).toThrow('disk full');
    expect(appliedMigrations(db, 'scope').map((row) => row.version)).toEqual([1]);
    expect(tables(db)).not.toContain('half');
    fails = false;
    expect(migrate(db, 'scope', [step(1), flaky]).applied).toEqual(['2 flaky']);
    db.close();
  });

  it('keeps scopes apart and rejects a list numbered out of order', () => {
    const db = new Database(join(dir, 'scopes.sqlite'));
    migrate(db, 'a', [step(1), step(2)]);
    expect(migrate(db, 'b', [step(1)])).toMatchObject({ from: 0, to: 1 });
    expect(() => migrate(db, 'c', [step(2)])).toThrow(/numbered 2, expected 1/);
    db.close();
  });
});

function step(version: number): Migration {
  return { version, name: `step ${version}`, up: (db) => db.exec(`CREATE TABLE IF NOT EXISTS t${version} (id TEXT)`) };
}

