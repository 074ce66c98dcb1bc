/**
 * @module Numbered migrations, the rules every adapter keeps: each adapter (a scope: `store`,
 * `templates`…) has an ordered list of steps numbered 1, 2, 3…; a database records the steps it
 * has had; start-up applies the missing ones in order; a database at a number higher than this
 * version knows was written by a newer Weft and is refused rather than misread. Steps are appended,
 * never edited or renumbered once released, and each is idempotent (a database made before the
 * numbering runs them all).
 */
import { WeftError } from '@weft/connector-kit';

export interface MigrationStep {
  /** 1, 2, 3…: the position in its scope's list. */
  version: number;
  /** What the step does, kept beside the number for people reading the database. */
  name: string;
}

export interface MigrationReport {
  /** The scope's number before and after the call. */
  from: number;
  to: number;
  /** `"<version> <name>"` of each step this call applied. */
  applied: string[];
}

/** Throws unless `steps` are numbered 1…n in order. */
export function checkNumbering(scope: string, steps: readonly MigrationStep[]): void {
  steps.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${scope}/${step.name} is numbered ${step.version}, expected ${index + 1}`);
  });
}

/** Throws `store.too_new` when the database is past the last step this version knows. */
export function refuseNewer(scope: string, at: number, known: number): void {
  if (at <= known) return;
  throw new WeftError(
    'store.too_new',
    `The database's ${scope} schema is at migration ${at}, but this version of Weft knows only up to ${known}: it was written by a newer Weft. Start that version, or restore a backup made by this one.`,
    { retry: 'never', status: 503 },
  );
}
