/** @module EmbeddedAuditLog: the AuditLog port on one SQLite table of the embedded file, made on first open. */
import { migrate } from './migrations.ts';
import { auditCursor, auditLimit, readAuditCursor, type AuditEntry, type AuditLog, type AuditPage, type AuditQuery } from '../../ports/audit-log.ts';
import type { Statement } from 'better-sqlite3';
import { resolveDatabase, type DatabaseSource, type SqliteDatabase } from './open-database.ts';

export type EmbeddedAuditLogOptions = DatabaseSource;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_log (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    tenant_id TEXT,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entry TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at, id);
  CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant_id, at, id);
`;

export class EmbeddedAuditLog implements AuditLog {
  readonly #db: SqliteDatabase;
  readonly #isOwned: boolean;
  readonly #insert: Statement<[string, number, string | null, string, string, string]>;
  /** The Bus's group commit, when it shares this connection (`commitWith`). */
  #groupCommit: ((apply: () => void) => Promise<void> | undefined) | undefined;

  constructor(options: EmbeddedAuditLogOptions) {
    const { db, isOwned } = resolveDatabase(options);
    this.#db = db;
    this.#isOwned = isOwned;
    migrate(db, 'audit', [{ version: 1, name: 'the audit log', up: (database) => database.exec(SCHEMA) }]);
    this.#insert = db.prepare('INSERT INTO audit_log (id, at, tenant_id, actor_id, action, entry) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
  }

  /**
   * Commit entries with the Bus's group commit on this same connection (10,000 flows started through
   * the API: one transaction a tick, not a commit per entry). An append still settles once committed.
   */
  commitWith(groupCommit: (apply: () => void) => Promise<void> | undefined): void {
    this.#groupCommit = groupCommit;
  }

  async append(entry: AuditEntry): Promise<void> {
    const row = [entry.id, entry.at, entry.tenantId ?? null, entry.actor.id, entry.action, JSON.stringify(entry)] as const;
    let failure: { error: unknown } | undefined;
    const committed = this.#groupCommit?.(() => {
      try {
        this.#insert.run(...row);
      } catch (error) {
        // This entry alone fails: the others of the tick still commit.
        failure = { error };
      }
    });
    if (committed === undefined) {
      this.#insert.run(...row);
      return;
    }
    await committed;
    if (failure) throw failure.error;
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.tenantId !== undefined) { where.push('tenant_id = ?'); args.push(query.tenantId); }
    if (query.actorId !== undefined) { where.push('actor_id = ?'); args.push(query.actorId); }
    if (query.action !== undefined) { where.push('action = ?'); args.push(query.action); }
    if (query.from !== undefined) { where.push('at >= ?'); args.push(query.from); }
    if (query.to !== undefined) { where.push('at < ?'); args.push(query.to); }
    const after = query.cursor === undefined ? undefined : readAuditCursor(query.cursor);
    if (after) { where.push('(at < ? OR (at = ? AND id < ?))'); args.push(after.at, after.at, after.id); }
    const limit = auditLimit(query.limit);
    const sql = `SELECT entry FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...args, limit + 1) as { entry: string }[];
    const entries = rows.slice(0, limit).map((row) => JSON.parse(row.entry) as AuditEntry);
    const last = entries.at(-1);
    return rows.length > limit && last ? { entries, nextCursor: auditCursor(last) } : { entries };
  }

  async prune(before: number): Promise<number> {
    return this.#db.prepare('DELETE FROM audit_log WHERE at < ?').run(before).changes;
  }

  async close(): Promise<void> {
    if (this.#isOwned && this.#db.open) this.#db.close();
  }
}
