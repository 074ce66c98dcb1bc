/**
 * @module Numbered migrations of the embedded adapters' SQLite file (rules: ports/migrations.ts).
 *
 * Each adapter (scope) owns an ordered list of steps. `migrate` applies the steps a file has not
 * had yet, each in its own immediate transaction together with its row in `weft_migrations`, so
 * two processes opening the same file at once apply each step exactly once, and a crash between
 * steps leaves the file at a known number. A file whose number is higher than this version knows
 * (written by a newer Weft) is refused rather than misread.
 *
 * Files made before the table existed have no rows: every step is written to be idempotent
 * (`IF NOT EXISTS`, column checks), so such a file runs them all and ends at the same schema as a
 * new one. New steps are appended, never edited or renumbered once released.
 */
import { checkNumbering, refuseNewer, type MigrationReport, type MigrationStep } from '../../ports/migrations.ts';
import type { SqliteDatabase } from './open-database.ts';

export type { MigrationReport };

export interface Migration extends MigrationStep {
  up(db: SqliteDatabase): void;
}

const TABLE = `
  CREATE TABLE IF NOT EXISTS weft_migrations (
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (scope, version)
  ) WITHOUT ROWID;
`;

/** Brings `scope` of the file up to the last step of `migrations`; answers what it did. */
export function migrate(db: SqliteDatabase, scope: string, migrations: readonly Migration[]): MigrationReport {
  checkNumbering(scope, migrations);
  db.exec(TABLE);
  const current = () => (db.prepare('SELECT max(version) AS version FROM weft_migrations WHERE scope = ?').get(scope) as { version: number | null }).version ?? 0;
  const from = current();
  refuseNewer(scope, from, migrations.length);
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO weft_migrations (scope, version, name, applied_at) VALUES (?, ?, ?, ?)');
  for (const step of migrations.slice(from)) {
    const didApply = db.transaction(() => {
      // Another process may have applied it since the read above: the check is inside the lock.
      if (current() >= step.version) return false;
      step.up(db);
      record.run(scope, step.version, step.name, Date.now());
      return true;
    }).immediate();
    if (didApply) applied.push(`${step.version} ${step.name}`);
  }
  return { from, to: current(), applied };
}

/** The steps a file has had, in order (for `weft doctor`-like tools and tests). */
export function appliedMigrations(db: SqliteDatabase, scope: string): { version: number; name: string; appliedAt: number }[] {
  db.exec(TABLE);
  return (db.prepare('SELECT version, name, applied_at AS appliedAt FROM weft_migrations WHERE scope = ? ORDER BY version').all(scope) as { version: number; name: string; appliedAt: number }[]);
}
