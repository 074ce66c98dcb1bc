/**
 * @module Numbered migrations of the MongoDB adapters (rules: ports/migrations.ts). The steps a
 * database has had are documents of `weft_migrations` (`_id` "<scope>:<version>"). MongoDB has no
 * transaction spanning a schema change and a write, so two processes starting together may both
 * run a step: every step is idempotent, and the record of it is an upsert. Indexes are not steps:
 * `createIndexes` is declarative and runs at every start.
 */
import type { Db } from 'mongodb';
import { checkNumbering, refuseNewer, type MigrationReport, type MigrationStep } from '../../ports/migrations.ts';

export interface MongoMigration extends MigrationStep {
  up(): Promise<void>;
}

interface MigrationDoc {
  _id: string;
  scope: string;
  version: number;
  name: string;
  appliedAt: Date;
}

/** Brings `scope` of the database up to the last of `steps`; answers what it did. */
export async function migrateMongo(db: Db, scope: string, steps: readonly MongoMigration[]): Promise<MigrationReport> {
  checkNumbering(scope, steps);
  const records = db.collection<MigrationDoc>('weft_migrations');
  const current = async () => (await records.find({ scope }).sort({ version: -1 }).limit(1).next())?.version ?? 0;
  const from = await current();
  refuseNewer(scope, from, steps.length);
  const applied: string[] = [];
  for (const step of steps.slice(from)) {
    await step.up();
    const result = await records.updateOne(
      { _id: `${scope}:${step.version}` },
      { $setOnInsert: { scope, version: step.version, name: step.name, appliedAt: new Date() } },
      { upsert: true },
    );
    if (result.upsertedCount > 0) applied.push(`${step.version} ${step.name}`);
  }
  return { from, to: await current(), applied };
}
