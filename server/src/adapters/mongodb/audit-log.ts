/**
 * @module MongoAuditLog: the AuditLog port on one MongoDB collection (`audit_log`). Details travel
 * as JSON text: their keys are the caller's and MongoDB field names should not carry dots or `$`.
 */
import { MongoClient, type Collection, type Filter } from 'mongodb';
import { WeftError } from '@weft/connector-kit';
import { auditCursor, auditLimit, readAuditCursor, type AuditEntry, type AuditLog, type AuditPage, type AuditQuery } from '../../ports/audit-log.ts';
import { dbNameFrom, errorMessage, isDuplicateKey } from './store.ts';

export interface MongoAuditLogOptions {
  url: string;
  /** Default: the database named in `url`, else `weft`. */
  dbName?: string;
}

interface AuditDoc {
  _id: string;
  at: number;
  tenantId: string | null;
  actorId: string;
  action: string;
  entryJson: string;
}

export class MongoAuditLog implements AuditLog {
  readonly #client: MongoClient;
  readonly #entries: Collection<AuditDoc>;

  private constructor(client: MongoClient, dbName: string) {
    this.#client = client;
    this.#entries = client.db(dbName).collection('audit_log');
  }

  /** Connects, then creates the indexes (idempotent). Rejects with `audit.unavailable`. */
  static async connect(options: MongoAuditLogOptions): Promise<MongoAuditLog> {
    const client = new MongoClient(options.url, { writeConcern: { w: 'majority' }, serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const log = new MongoAuditLog(client, options.dbName ?? dbNameFrom(options.url));
      await log.#entries.createIndexes([{ key: { at: -1, _id: -1 } }, { key: { tenantId: 1, at: -1, _id: -1 } }, { key: { actorId: 1, at: -1 } }]);
      return log;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new WeftError('audit.unavailable', `Cannot open MongoDB: ${errorMessage(error)}`, { retry: 'retry', status: 503, cause: error });
    }
  }

  async append(entry: AuditEntry): Promise<void> {
    try {
      await this.#entries.insertOne({ _id: entry.id, at: entry.at, tenantId: entry.tenantId ?? null, actorId: entry.actor.id, action: entry.action, entryJson: JSON.stringify(entry) });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const and: Filter<AuditDoc>[] = [];
    if (query.tenantId !== undefined) and.push({ tenantId: query.tenantId });
    if (query.actorId !== undefined) and.push({ actorId: query.actorId });
    if (query.action !== undefined) and.push({ action: query.action });
    if (query.from !== undefined) and.push({ at: { $gte: query.from } });
    if (query.to !== undefined) and.push({ at: { $lt: query.to } });
    const after = query.cursor === undefined ? undefined : readAuditCursor(query.cursor);
    if (after) and.push({ $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] });
    const limit = auditLimit(query.limit);
    const docs = await this.#entries.find(and.length ? { $and: and } : {}).sort({ at: -1, _id: -1 }).limit(limit + 1).toArray();
    const entries = docs.slice(0, limit).map((doc) => JSON.parse(doc.entryJson) as AuditEntry);
    const last = entries.at(-1);
    return docs.length > limit && last ? { entries, nextCursor: auditCursor(last) } : { entries };
  }

  async prune(before: number): Promise<number> {
    return (await this.#entries.deleteMany({ at: { $lt: before } })).deletedCount;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
