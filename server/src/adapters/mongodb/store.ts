/** @module MongoDB Store: one collection per record kind, majority writes, atomic single-document updates. */
import { Binary, MongoClient, MongoServerError, type Collection, type Db, type Filter, type IndexDescription } from 'mongodb';
import { WeftError } from '@weft/connector-kit';
import { applyAccountPatch } from '../../ports/account-patch.ts';
import { migrateMongo } from './migrations.ts';
import type {
  AccountPatch,
  AccountRecord,
  ConnectorPackageRecord,
  DataItem,
  FlowListQuery,
  FlowPatch,
  FlowRecord,
  FlowUpdateResult,
  FlowVersionRecord,
  HostKeyRecord,
  ModifierRecord,
  ModifierSaveResult,
  PurgeCounts,
  RunValue,
  Store,
  TenantPatch,
  TenantRecord,
  TimerRecord,
  TokenRecord,
  UnprocessedMessage,
  UserPatch,
  UserRecord,
  RunningFlowFilter,
} from '../../ports/store.ts';
import { runsAnyType } from '../../ports/store.ts';

export interface MongoStoreOptions {
  /** A MongoDB connection string, e.g. `mongodb://127.0.0.1:27017/?replicaSet=rs0`. */
  url: string;
  /** Default: the database named in `url`, else `weft`. */
  dbName?: string;
}

/*
 * Opaque user JSON (state values, data items, descriptors, message bodies, settings) is stored as
 * a JSON string: user payloads may hold keys such as `$schema` or `a.b` that MongoDB update
 * operators refuse, and the Store never queries inside them. Numbers in state are kept native so
 * that `$inc` can add to them atomically.
 */

interface UserDoc extends Omit<UserRecord, 'id'> {
  _id: string;
}
interface TenantDoc extends Omit<TenantRecord, 'id'> {
  _id: string;
}
interface HostKeyDoc extends Omit<HostKeyRecord, 'id'> {
  _id: string;
}
interface TokenDoc extends Omit<TokenRecord, 'hash'> {
  _id: string;
}
interface FlowDoc extends Omit<FlowRecord, 'flowId' | 'flow' | 'publishedFlow'> {
  _id: string;
  flowJson: string;
  publishedFlowJson?: string;
}
/** `_id`: flow id, SEP, version. */
interface FlowVersionDoc extends Omit<FlowVersionRecord, 'flow'> {
  _id: string;
  flowJson: string;
}
interface StateDoc {
  _id: string;
  scope: string;
  key: string;
  json?: string;
  num?: number;
}
interface DataDoc {
  _id: string;
  userId: string;
  storeId: string;
  key: string;
  json: string;
  updatedAt: number;
}
interface UnprocessedDoc extends Omit<UnprocessedMessage, 'id' | 'message'> {
  _id: string;
  messageJson: string;
}
interface TimerDoc {
  _id: string;
  dueAt: number;
  flowId: string;
  bodyJson: string;
  /** 0 when nobody holds it. */
  leaseUntil: number;
  leaseOwner?: string;
}
interface ProcessedDoc {
  _id: string;
  at: number;
  /** Wall-clock time of the first mark; a TTL index drops ids nobody pruned. */
  storedAt: Date;
}
interface RunValueDoc {
  _id: string;
  userId: string;
  hash: string;
  json: string;
  expiresAt: number;
}
interface LeaseDoc {
  _id: string;
  owner: string;
  until: number;
}
interface QuotaDoc {
  _id: string;
  key: string;
  windowStart: number;
  count: number;
  expireAt: Date;
}
interface SettingDoc {
  _id: string;
  json: string;
}
/** The tarball is a BinData field: the upload limit (WEFT_CONNECTOR_MAX_BYTES) keeps it under the 16 MB document limit. */
interface ConnectorPackageDoc {
  _id: string;
  json: string;
  tarball: Binary;
}
interface ModifierDoc extends Omit<ModifierRecord, 'name' | 'examples'> {
  _id: string;
  examplesJson: string;
}
interface AccountDoc extends Omit<AccountRecord, 'id'> {
  _id: string;
}
interface ModifierVersionDoc extends Omit<ModifierDoc, '_id'> {
  _id: string;
  name: string;
}

/** Case-insensitive ordering for flow names (index and queries must use the same collation). */
const NAME_COLLATION = { locale: 'en', strength: 2 } as const;
/** Processed ids older than this are dropped even if `pruneProcessed` is never called. */
const PROCESSED_TTL_SECONDS = 14 * 24 * 3600;
const SEP = '\u0000';

interface Collections {
  users: Collection<UserDoc>;
  tenants: Collection<TenantDoc>;
  hostKeys: Collection<HostKeyDoc>;
  tokens: Collection<TokenDoc>;
  flows: Collection<FlowDoc>;
  state: Collection<StateDoc>;
  data: Collection<DataDoc>;
  unprocessed: Collection<UnprocessedDoc>;
  timers: Collection<TimerDoc>;
  processed: Collection<ProcessedDoc>;
  runValues: Collection<RunValueDoc>;
  leases: Collection<LeaseDoc>;
  quotas: Collection<QuotaDoc>;
  settings: Collection<SettingDoc>;
  modifiers: Collection<ModifierDoc>;
  modifierVersions: Collection<ModifierVersionDoc>;
  flowVersions: Collection<FlowVersionDoc>;
  accounts: Collection<AccountDoc>;
  connectorPackages: Collection<ConnectorPackageDoc>;
}

const INDEXES: { [K in keyof Collections]?: IndexDescription[] } = {
  users: [
    { key: { email: 1 }, unique: true, name: 'email_unique' },
    { key: { createdAt: 1, _id: 1 } },
    { key: { tenantId: 1, externalId: 1 }, unique: true, partialFilterExpression: { externalId: { $exists: true } }, name: 'tenant_external_unique' },
    { key: { tenantId: 1, createdAt: 1, _id: 1 } },
  ],
  tenants: [{ key: { externalId: 1 }, unique: true, partialFilterExpression: { externalId: { $exists: true } }, name: 'external_unique' }, { key: { createdAt: 1, _id: 1 } }],
  hostKeys: [{ key: { hash: 1 }, unique: true }, { key: { createdAt: 1, _id: 1 } }],
  tokens: [{ key: { userId: 1 } }],
  flows: [
    { key: { userId: 1, updatedAt: -1 } },
    { key: { userId: 1, createdAt: -1 } },
    { key: { userId: 1, name: 1 }, collation: NAME_COLLATION, name: 'userId_name_ci' },
    { key: { stage: 1 } },
    { key: { tenantId: 1, updatedAt: -1 } },
    { key: { tenantId: 1, createdAt: -1 } },
    { key: { tenantId: 1, name: 1 }, collation: NAME_COLLATION, name: 'tenantId_name_ci' },
  ],
  state: [{ key: { scope: 1, key: 1 }, unique: true }],
  data: [{ key: { userId: 1, storeId: 1, key: 1 }, unique: true }],
  unprocessed: [{ key: { userId: 1, createdAt: -1 } }, { key: { userId: 1, flowId: 1, createdAt: -1 } }, { key: { flowId: 1 } }],
  timers: [{ key: { dueAt: 1, leaseUntil: 1 } }, { key: { leaseUntil: 1 } }, { key: { flowId: 1 } }],
  processed: [{ key: { at: 1 } }, { key: { storedAt: 1 }, expireAfterSeconds: PROCESSED_TTL_SECONDS }],
  quotas: [{ key: { expireAt: 1 }, expireAfterSeconds: 0 }],
  runValues: [{ key: { expiresAt: 1 } }],
  modifierVersions: [{ key: { name: 1, version: 1 }, unique: true }],
  flowVersions: [{ key: { flowId: 1, version: -1 } }],
  accounts: [{ key: { userId: 1, createdAt: 1, _id: 1 } }, { key: { createdAt: 1, _id: 1 } }],
};

export class MongoStore implements Store {
  readonly #client: MongoClient;
  readonly #c: Collections;
  readonly #db: Db;

  private constructor(client: MongoClient, db: Db) {
    this.#client = client;
    this.#db = db;
    this.#c = {
      users: db.collection('users'),
      tenants: db.collection('tenants'),
      hostKeys: db.collection('host_keys'),
      tokens: db.collection('tokens'),
      flows: db.collection('flows'),
      state: db.collection('state'),
      data: db.collection('data'),
      unprocessed: db.collection('unprocessed'),
      timers: db.collection('timers'),
      processed: db.collection('processed'),
      runValues: db.collection('run_values'),
      leases: db.collection('leases'),
      quotas: db.collection('quotas'),
      settings: db.collection('settings'),
      modifiers: db.collection('modifiers'),
      modifierVersions: db.collection('modifier_versions'),
      flowVersions: db.collection('flow_versions'),
      accounts: db.collection('accounts'),
      connectorPackages: db.collection('connector_packages'),
    };
  }

  /** Connects, then creates the indexes (idempotent). Rejects with `store.unavailable`. */
  static async connect(options: MongoStoreOptions): Promise<MongoStore> {
    const client = new MongoClient(options.url, { writeConcern: { w: 'majority' }, serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const store = new MongoStore(client, client.db(options.dbName ?? dbNameFrom(options.url)));
      await store.#createIndexes();
      await migrateMongo(store.#db, 'store', [
        { version: 1, name: 'flow drafts and published versions', up: () => store.#upgradeFlowVersions() },
        { version: 2, name: 'tenants of users and flows', up: () => store.#upgradeTenants() },
      ]);
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new WeftError('store.unavailable', `Cannot open MongoDB: ${errorMessage(error)}`, { retry: 'retry', status: 503, cause: error });
    }
  }

  async #createIndexes(): Promise<void> {
    for (const [name, indexes] of Object.entries(INDEXES)) {
      if (indexes !== undefined && indexes.length > 0) await this.#c[name as keyof Collections].createIndexes(indexes);
    }
  }

  /**
   * Drafts and versions, in place: every flow ever started but never published gets its current
   * descriptor as published version 1, so a running flow keeps running what it ran. Idempotent.
   */
  async #upgradeFlowVersions(): Promise<void> {
    const filter: Filter<FlowDoc> = { publishedVersion: { $exists: false }, $or: [{ startedAt: { $exists: true } }, { stage: 'running' }] };
    for await (const doc of this.#c.flows.find(filter)) {
      const entry: FlowVersionDoc = {
        _id: `${doc._id}${SEP}1`, flowId: doc._id, userId: doc.userId, version: 1, name: doc.name, flowJson: doc.flowJson,
        publishedAt: doc.startedAt ?? doc.updatedAt, publishedBy: doc.userId, draftVersion: doc.version,
      };
      await this.#c.flowVersions.replaceOne({ _id: entry._id }, entry, { upsert: true });
      await this.#c.flows.updateOne({ _id: doc._id, publishedVersion: { $exists: false } }, { $set: { publishedVersion: 1, publishedFlowJson: doc.flowJson } });
    }
  }

  /**
   * Tenants, in place: each user without a tenant gets one of its own (`t-<user id>`, so two
   * processes upgrading at once make the same one) as its owner; each flow joins its owner's tenant.
   */
  async #upgradeTenants(): Promise<void> {
    for await (const doc of this.#c.users.find({ tenantId: { $exists: false } })) {
      const tenantId = `t-${doc._id}`;
      await this.#c.tenants.updateOne({ _id: tenantId }, { $setOnInsert: { name: doc.email, limits: {}, createdAt: doc.createdAt } }, { upsert: true });
      await this.#c.users.updateOne({ _id: doc._id, tenantId: { $exists: false } }, { $set: { tenantId, tenantRole: 'owner' } });
    }
    for await (const doc of this.#c.flows.find({ tenantId: { $exists: false } })) {
      const owner = await this.#c.users.findOne({ _id: doc.userId });
      await this.#c.flows.updateOne({ _id: doc._id, tenantId: { $exists: false } }, { $set: { tenantId: owner?.tenantId ?? `t-${doc.userId}` } });
    }
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  // ─── users and tokens ────────────────────────────────────────────────────

  async createUser(user: UserRecord): Promise<void> {
    const { id, ...rest } = user;
    try {
      await this.#c.users.insertOne({ _id: id, ...rest, email: user.email.toLowerCase() });
    } catch (error) {
      if (isDuplicateKey(error) && (await this.getUserByEmail(user.email)) === undefined && user.externalId !== undefined) {
        throw new WeftError('user.exists', 'A user with this external id already exists in the tenant', { retry: 'never', status: 409, path: 'externalId', cause: error });
      }
      if (isDuplicateKey(error)) throw new WeftError('user.exists', 'A user with this email already exists', { retry: 'never', status: 409, path: 'email', cause: error });
      throw error;
    }
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    return toUser(await this.#c.users.findOne({ _id: id }));
  }

  async getUsers(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.#c.users.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return docs.map((d) => toUser(d)!);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return toUser(await this.#c.users.findOne({ email: email.toLowerCase() }));
  }

  async listUsers(query: { limit?: number; offset?: number }): Promise<{ items: UserRecord[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.#c.users.find({}).sort({ createdAt: 1, _id: 1 }).skip(query.offset ?? 0).limit(query.limit ?? 50).toArray(),
      this.#c.users.countDocuments({}),
    ]);
    return { items: docs.map((d) => toUser(d)!), total };
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const set = definedOnly(patch);
    if (Object.keys(set).length === 0) return this.getUser(id);
    return toUser(await this.#c.users.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }));
  }

  async createToken(token: TokenRecord): Promise<void> {
    const { hash, ...rest } = token;
    await this.#c.tokens.replaceOne({ _id: hash }, rest, { upsert: true });
  }

  async getToken(hash: string): Promise<TokenRecord | undefined> {
    const doc = await this.#c.tokens.findOne({ _id: hash });
    if (doc === null) return undefined;
    const { _id, ...rest } = doc;
    return { hash: _id, ...rest };
  }

  async revokeToken(hash: string, at: number): Promise<void> {
    await this.#c.tokens.updateOne({ _id: hash, revokedAt: { $exists: false } }, { $set: { revokedAt: at } });
  }

  async revokeUserTokens(userId: string, at: number): Promise<number> {
    const result = await this.#c.tokens.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: at } });
    return result.modifiedCount;
  }

  // ─── tenants, their users and host keys ──────────────────────────────────

  async createTenant(tenant: TenantRecord): Promise<void> {
    const { id, ...rest } = tenant;
    try {
      await this.#c.tenants.insertOne({ _id: id, ...rest });
    } catch (error) {
      if (isDuplicateKey(error)) throw new WeftError('tenant.exists', `A tenant with external id "${tenant.externalId ?? id}" already exists.`, { retry: 'never', status: 409, cause: error });
      throw error;
    }
  }

  async getTenant(id: string): Promise<TenantRecord | undefined> {
    return toTenant(await this.#c.tenants.findOne({ _id: id }));
  }

  async getTenants(ids: readonly string[]): Promise<TenantRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.#c.tenants.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return docs.map((d) => toTenant(d)!);
  }

  async getTenantByExternalId(externalId: string): Promise<TenantRecord | undefined> {
    return toTenant(await this.#c.tenants.findOne({ externalId }));
  }

  async listTenants(query: { limit?: number; offset?: number }): Promise<{ items: TenantRecord[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.#c.tenants.find({}).sort({ createdAt: 1, _id: 1 }).skip(query.offset ?? 0).limit(query.limit ?? 50).toArray(),
      this.#c.tenants.countDocuments({}),
    ]);
    return { items: docs.map((d) => toTenant(d)!), total };
  }

  async updateTenant(id: string, patch: TenantPatch): Promise<TenantRecord | undefined> {
    const set = definedOnly(patch);
    if (Object.keys(set).length === 0) return this.getTenant(id);
    return toTenant(await this.#c.tenants.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }));
  }

  async deleteTenant(id: string): Promise<boolean> {
    return (await this.#c.tenants.deleteOne({ _id: id })).deletedCount === 1;
  }

  async getUserByExternalId(tenantId: string, externalId: string): Promise<UserRecord | undefined> {
    return toUser(await this.#c.users.findOne({ tenantId, externalId }));
  }

  async listTenantUsers(tenantId: string): Promise<UserRecord[]> {
    const docs = await this.#c.users.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((d) => toUser(d)!);
  }

  async purgeUser(userId: string): Promise<PurgeCounts | undefined> {
    if ((await this.#c.users.deleteOne({ _id: userId })).deletedCount === 0) return undefined;
    const [tokens, dataItems, unprocessedMessages, accounts, runValues] = await Promise.all([
      this.#c.tokens.deleteMany({ userId }),
      this.#c.data.deleteMany({ userId }),
      this.#c.unprocessed.deleteMany({ userId }),
      this.#c.accounts.deleteMany({ userId }),
      this.#c.runValues.deleteMany({ userId }),
    ]);
    return {
      tokens: tokens.deletedCount, dataItems: dataItems.deletedCount, unprocessedMessages: unprocessedMessages.deletedCount,
      accounts: accounts.deletedCount, runValues: runValues.deletedCount,
    };
  }

  async createHostKey(key: HostKeyRecord): Promise<void> {
    const { id, ...rest } = key;
    await this.#c.hostKeys.insertOne({ _id: id, ...rest });
  }

  async getHostKeyByHash(hash: string): Promise<HostKeyRecord | undefined> {
    return toHostKey(await this.#c.hostKeys.findOne({ hash }));
  }

  async listHostKeys(): Promise<HostKeyRecord[]> {
    const docs = await this.#c.hostKeys.find({}).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((d) => toHostKey(d)!);
  }

  async revokeHostKey(id: string, at: number): Promise<boolean> {
    return (await this.#c.hostKeys.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at } })).modifiedCount === 1;
  }

  async touchHostKey(id: string, at: number): Promise<void> {
    await this.#c.hostKeys.updateOne({ _id: id }, { $max: { lastUsedAt: at } });
  }

  // ─── flows ───────────────────────────────────────────────────────────────

  async createFlow(flow: FlowRecord): Promise<void> {
    try {
      await this.#c.flows.insertOne(fromFlow(flow));
    } catch (error) {
      if (isDuplicateKey(error)) throw new WeftError('flow.exists', `Flow ${flow.flowId} already exists`, { retry: 'never', status: 409, cause: error });
      throw error;
    }
  }

  async getFlow(flowId: string, userId?: string): Promise<FlowRecord | undefined> {
    return toFlow(await this.#c.flows.findOne(userId === undefined ? { _id: flowId } : { _id: flowId, userId }));
  }

  async listFlows(query: FlowListQuery): Promise<{ items: FlowRecord[]; total: number }> {
    const filter: Filter<FlowDoc> = query.userId !== undefined ? { userId: query.userId } : query.tenantId !== undefined ? { tenantId: query.tenantId } : {};
    if (query.stage !== undefined) filter.stage = query.stage;
    if (query.search !== undefined && query.search !== '') filter.name = { $regex: escapeRegex(query.search), $options: 'i' };
    for (const [name, value] of Object.entries(query.customFields ?? {})) {
      // The field's text form matches, as in the embedded Store: "12" finds 12, "true" finds true.
      const candidates: (string | number | boolean)[] = [value];
      if (value.trim() !== '' && Number.isFinite(Number(value))) candidates.push(Number(value));
      if (value === 'true' || value === 'false') candidates.push(value === 'true');
      (filter as Record<string, unknown>)[`customFields.${name}`] = { $in: candidates };
    }
    const direction = query.order === 'asc' ? 1 : -1;
    const [docs, total] = await Promise.all([
      this.#c.flows
        .find(filter, { collation: NAME_COLLATION })
        .sort({ [query.sort ?? 'updatedAt']: direction, _id: direction })
        .skip(query.offset ?? 0)
        .limit(query.limit ?? 50)
        .toArray(),
      this.#c.flows.countDocuments(filter),
    ]);
    return { items: docs.map((d) => toFlow(d)!), total };
  }

  async listRunningFlows(filter?: RunningFlowFilter): Promise<FlowRecord[]> {
    if (filter?.usingTypes.length === 0) return [];
    const docs = await this.#c.flows.find({ stage: 'running' }).toArray();
    const records = docs.map((d) => toFlow(d)!);
    return filter === undefined ? records : records.filter((record) => runsAnyType(record, filter.usingTypes));
  }

  async updateFlow(flowId: string, userId: string, patch: FlowPatch, expectedVersion?: number): Promise<FlowUpdateResult> {
    const { flow, ...fields } = patch;
    const set: Partial<FlowDoc> = { ...definedOnly(fields), updatedAt: Date.now() };
    if (flow !== undefined) set.flowJson = JSON.stringify(flow);
    // The version filter makes the compare-and-set one atomic document update.
    const filter: Filter<FlowDoc> = expectedVersion === undefined ? { _id: flowId, userId } : { _id: flowId, userId, version: expectedVersion };
    const updated = await this.#c.flows.findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (updated !== null) return { ok: true, flow: toFlow(updated)! };
    const current = await this.getFlow(flowId, userId);
    if (current === undefined) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'conflict', current };
  }

  async deleteFlow(flowId: string, userId: string): Promise<boolean> {
    const deleted = (await this.#c.flows.deleteOne({ _id: flowId, userId })).deletedCount === 1;
    if (deleted) await this.#c.flowVersions.deleteMany({ flowId });
    return deleted;
  }

  async publishFlow(entry: FlowVersionRecord): Promise<FlowUpdateResult> {
    const { flow, ...rest } = entry;
    const flowJson = JSON.stringify(flow);
    const previous: Filter<FlowDoc> = entry.version === 1 ? { publishedVersion: { $exists: false } } : { publishedVersion: entry.version - 1 };
    const filter: Filter<FlowDoc> = { _id: entry.flowId, userId: entry.userId, version: entry.draftVersion, ...previous };
    const conflictOrMissing = async (): Promise<FlowUpdateResult> => {
      const current = await this.getFlow(entry.flowId, entry.userId);
      return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not_found' };
    };
    if ((await this.#c.flows.countDocuments(filter, { limit: 1 })) === 0) return conflictOrMissing();
    // The version first: its _id is unique, so of two concurrent publishes of the same number one
    // fails here. (Without a replica set there are no transactions to make both writes atomic.)
    try {
      await this.#c.flowVersions.insertOne({ _id: `${entry.flowId}${SEP}${entry.version}`, ...rest, flowJson });
    } catch (error) {
      if (isDuplicateKey(error)) return conflictOrMissing();
      throw error;
    }
    const updated = await this.#c.flows.findOneAndUpdate(
      filter,
      { $set: { publishedVersion: entry.version, publishedFlowJson: flowJson }, $max: { updatedAt: entry.publishedAt } },
      { returnDocument: 'after' },
    );
    if (updated !== null) return { ok: true, flow: toFlow(updated)! };
    await this.#c.flowVersions.deleteOne({ _id: `${entry.flowId}${SEP}${entry.version}` });
    return conflictOrMissing();
  }

  async listFlowVersions(flowId: string, userId: string): Promise<FlowVersionRecord[]> {
    const docs = await this.#c.flowVersions.find({ flowId, userId }).sort({ version: -1 }).toArray();
    return docs.map(toFlowVersion);
  }

  async getFlowVersion(flowId: string, userId: string, version: number): Promise<FlowVersionRecord | undefined> {
    const doc = await this.#c.flowVersions.findOne({ _id: `${flowId}${SEP}${version}`, userId });
    return doc === null ? undefined : toFlowVersion(doc);
  }

  // ─── state ───────────────────────────────────────────────────────────────

  async stateGet(scope: string, key: string): Promise<unknown> {
    const doc = await this.#c.state.findOne({ _id: stateId(scope, key) });
    if (doc === null) return undefined;
    if (doc.num !== undefined) return doc.num;
    return doc.json === undefined ? undefined : JSON.parse(doc.json);
  }

  async stateSet(scope: string, key: string, value: unknown): Promise<void> {
    const update =
      typeof value === 'number'
        ? { $set: { scope, key, num: value }, $unset: { json: '' as const } }
        : { $set: { scope, key, json: JSON.stringify(value ?? null) }, $unset: { num: '' as const } };
    await retryOnDuplicate(() => this.#c.state.updateOne({ _id: stateId(scope, key) }, update, { upsert: true }));
  }

  async stateUnset(scope: string, key: string): Promise<void> {
    await this.#c.state.deleteOne({ _id: stateId(scope, key) });
  }

  async stateClear(scopePrefix: string): Promise<void> {
    // An anchored, case-sensitive regex is a range scan on the scope index.
    await this.#c.state.deleteMany({ scope: { $regex: `^${escapeRegex(scopePrefix)}` } });
  }

  async stateIncrement(scope: string, key: string, by: number): Promise<number> {
    const doc = await retryOnDuplicate(() =>
      this.#c.state.findOneAndUpdate(
        { _id: stateId(scope, key) },
        { $inc: { num: by }, $unset: { json: '' }, $setOnInsert: { scope, key } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    return doc?.num ?? by;
  }

  // ─── data stores ─────────────────────────────────────────────────────────

  async dataGet(userId: string, storeId: string, key: string): Promise<DataItem | undefined> {
    return toDataItem(await this.#c.data.findOne({ _id: dataId(userId, storeId, key) }));
  }

  async dataSet(userId: string, storeId: string, key: string, value: unknown): Promise<void> {
    const doc = { userId, storeId, key, json: JSON.stringify(value ?? null), updatedAt: Date.now() };
    await retryOnDuplicate(() => this.#c.data.replaceOne({ _id: dataId(userId, storeId, key) }, doc, { upsert: true }));
  }

  async dataRemove(userId: string, storeId: string, key: string): Promise<boolean> {
    return (await this.#c.data.deleteOne({ _id: dataId(userId, storeId, key) })).deletedCount === 1;
  }

  async dataFind(userId: string, storeId: string, query: { prefix?: string; limit?: number }): Promise<DataItem[]> {
    const filter: Filter<DataDoc> = { userId, storeId };
    if (query.prefix !== undefined && query.prefix !== '') filter.key = { $regex: `^${escapeRegex(query.prefix)}` };
    const docs = await this.#c.data.find(filter).sort({ key: 1 }).limit(query.limit ?? 100).toArray();
    return docs.map((d) => toDataItem(d)!);
  }

  // ─── unprocessed messages ────────────────────────────────────────────────

  async addUnprocessed(message: UnprocessedMessage): Promise<void> {
    const { id, message: body, ...rest } = message;
    // $setOnInsert: adding the same id again changes nothing.
    await retryOnDuplicate(() =>
      this.#c.unprocessed.updateOne({ _id: id }, { $setOnInsert: { ...rest, messageJson: JSON.stringify(body) } }, { upsert: true }),
    );
  }

  async listUnprocessed(query: { userId?: string; userIds?: readonly string[]; flowId?: string; limit?: number; offset?: number }): Promise<{ items: UnprocessedMessage[]; total: number }> {
    const filter: Filter<UnprocessedDoc> = {};
    if (query.userId !== undefined) filter.userId = query.userId;
    if (query.userIds !== undefined) filter.$and = [{ userId: { $in: [...query.userIds] } }];
    if (query.flowId !== undefined) filter.flowId = query.flowId;
    const [docs, total] = await Promise.all([
      this.#c.unprocessed.find(filter).sort({ createdAt: -1, _id: 1 }).skip(query.offset ?? 0).limit(query.limit ?? 50).toArray(),
      this.#c.unprocessed.countDocuments(filter),
    ]);
    return { items: docs.map((d) => toUnprocessed(d)!), total };
  }

  async getUnprocessed(id: string, userId?: string): Promise<UnprocessedMessage | undefined> {
    return toUnprocessed(await this.#c.unprocessed.findOne(ownedBy(id, userId)));
  }

  async updateUnprocessed(id: string, userId: string | undefined, message: Record<string, unknown>): Promise<UnprocessedMessage | undefined> {
    const doc = await this.#c.unprocessed.findOneAndUpdate(
      ownedBy(id, userId),
      { $set: { messageJson: JSON.stringify(message), updatedAt: Date.now() } },
      { returnDocument: 'after' },
    );
    return toUnprocessed(doc);
  }

  async deleteUnprocessed(id: string, userId?: string): Promise<boolean> {
    return (await this.#c.unprocessed.deleteOne(ownedBy(id, userId))).deletedCount === 1;
  }

  // ─── timers ──────────────────────────────────────────────────────────────

  async putTimer(timer: TimerRecord): Promise<void> {
    // A replace also drops any lease: a re-armed timer is due again at its new time.
    const doc = { dueAt: timer.dueAt, flowId: timer.flowId, bodyJson: JSON.stringify(timer.body), leaseUntil: 0 };
    await retryOnDuplicate(() => this.#c.timers.replaceOne({ _id: timer.id }, doc, { upsert: true }));
  }

  async deleteTimer(id: string): Promise<boolean> {
    return (await this.#c.timers.deleteOne({ _id: id })).deletedCount === 1;
  }

  async deleteTimers(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.#c.timers.deleteMany({ _id: { $in: [...ids] } })).deletedCount;
  }

  async deleteFlowTimers(flowId: string): Promise<number> {
    return (await this.#c.timers.deleteMany({ flowId })).deletedCount;
  }

  async claimDueTimers(now: number, limit: number, owner: string, leaseMs: number): Promise<TimerRecord[]> {
    const claimed: TimerRecord[] = [];
    // One atomic findOneAndUpdate per timer: two schedulers can never lease the same one.
    while (claimed.length < limit) {
      const doc = await this.#c.timers.findOneAndUpdate(
        { dueAt: { $lte: now }, leaseUntil: { $lte: now } },
        { $set: { leaseUntil: now + leaseMs, leaseOwner: owner } },
        { sort: { dueAt: 1 }, returnDocument: 'after' },
      );
      if (doc === null) break;
      claimed.push({ id: doc._id, dueAt: doc.dueAt, flowId: doc.flowId, body: parseObject(doc.bodyJson) });
    }
    return claimed;
  }

  // ─── processed ids ───────────────────────────────────────────────────────

  async markProcessed(messageIds: readonly string[], at: number): Promise<void> {
    if (messageIds.length === 0) return;
    const storedAt = new Date();
    await this.#c.processed.bulkWrite(
      messageIds.map((id) => ({ updateOne: { filter: { _id: id }, update: { $setOnInsert: { at, storedAt } }, upsert: true } })),
      { ordered: false },
    );
  }

  async findProcessed(messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const docs = await this.#c.processed.find({ _id: { $in: [...messageIds] } }, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((d) => d._id));
  }

  async pruneProcessed(before: number): Promise<number> {
    return (await this.#c.processed.deleteMany({ at: { $lt: before } })).deletedCount;
  }

  // ─── run values ──────────────────────────────────────────────────────────

  async putRunValues(userId: string, values: readonly RunValue[], expiresAt: number): Promise<void> {
    if (values.length === 0) return;
    await this.#c.runValues.bulkWrite(
      values.map(({ hash, json }) => ({
        updateOne: {
          filter: { _id: `${userId}${SEP}${hash}` },
          update: { $setOnInsert: { userId, hash, json }, $max: { expiresAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async getRunValue(userId: string, hash: string): Promise<string | undefined> {
    return (await this.#c.runValues.findOne({ _id: `${userId}${SEP}${hash}` }, { projection: { json: 1 } }))?.json;
  }

  async extendRunValues(userId: string, hashes: readonly string[], expiresAt: number): Promise<void> {
    if (hashes.length === 0) return;
    await this.#c.runValues.updateMany({ _id: { $in: hashes.map((hash) => `${userId}${SEP}${hash}`) } }, { $max: { expiresAt } });
  }

  async pruneRunValues(before: number): Promise<number> {
    return (await this.#c.runValues.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }

  // ─── leases ──────────────────────────────────────────────────────────────

  async acquireLease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    try {
      // Matches a lease we hold or one that has lapsed; a live lease of another owner makes the
      // upsert insert a second `_id`, which the unique `_id` refuses.
      await this.#c.leases.updateOne(
        { _id: name, $or: [{ owner }, { until: { $lte: now } }] },
        { $set: { owner, until: now + ttlMs } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.#c.leases.deleteOne({ _id: name, owner });
  }

  // ─── quotas ──────────────────────────────────────────────────────────────

  async takeQuota(key: string, limit: number, windowMs: number, now: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const doc = await retryOnDuplicate(() =>
      this.#c.quotas.findOneAndUpdate(
        { _id: `${key}${SEP}${windowStart}` },
        // Expiry by wall clock: `now` is the caller's clock and may be anything.
        { $inc: { count: 1 }, $setOnInsert: { key, windowStart, expireAt: new Date(Date.now() + windowMs + 60_000) } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    if ((doc?.count ?? 1) <= limit) return { ok: true };
    return { ok: false, retryAfterMs: windowStart + windowMs - now };
  }

  // ─── settings ────────────────────────────────────────────────────────────

  async getSetting(key: string): Promise<unknown> {
    const doc = await this.#c.settings.findOne({ _id: key });
    return doc === null ? undefined : JSON.parse(doc.json);
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await retryOnDuplicate(() => this.#c.settings.replaceOne({ _id: key }, { json: JSON.stringify(value ?? null) }, { upsert: true }));
  }

  // ─── custom modifiers ────────────────────────────────────────────────────

  async listModifiers(): Promise<ModifierRecord[]> {
    const docs = await this.#c.modifiers.find({}).sort({ _id: 1 }).toArray();
    return docs.map((d) => toModifier(d));
  }

  async getModifier(name: string): Promise<ModifierRecord | undefined> {
    const doc = await this.#c.modifiers.findOne({ _id: name });
    return doc === null ? undefined : toModifier(doc);
  }

  async saveModifier(record: Omit<ModifierRecord, 'version' | 'createdAt'>, expectedVersion?: number): Promise<ModifierSaveResult> {
    const { name, examples, ...fields } = record;
    const set = { ...fields, examplesJson: JSON.stringify(examples) };
    let saved: ModifierDoc | null = null;
    if (expectedVersion === 0 || expectedVersion === undefined) {
      try {
        const doc: ModifierDoc = { _id: name, ...set, version: 1, createdAt: record.updatedAt };
        await this.#c.modifiers.insertOne(doc);
        saved = doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (expectedVersion === 0) return this.#modifierConflict(name);
      }
    }
    if (saved === null) {
      const filter: Filter<ModifierDoc> = expectedVersion === undefined ? { _id: name } : { _id: name, version: expectedVersion };
      saved = await this.#c.modifiers.findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' });
      if (saved === null) return this.#modifierConflict(name);
    }
    const { _id, ...version } = saved;
    // History after the current version: a crash in between loses one history entry, never the
    // modifier itself. (Without a replica set there are no transactions to make this atomic.)
    await retryOnDuplicate(() =>
      this.#c.modifierVersions.replaceOne({ _id: `${_id}${SEP}${version.version}` }, { ...version, name: _id }, { upsert: true }),
    );
    return { ok: true, modifier: toModifier(saved) };
  }

  async #modifierConflict(name: string): Promise<ModifierSaveResult> {
    const current = await this.getModifier(name);
    return current === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'conflict', current };
  }

  async listModifierVersions(name: string): Promise<ModifierRecord[]> {
    const docs = await this.#c.modifierVersions.find({ name }).sort({ version: 1 }).toArray();
    return docs.map(({ name: modifierName, ...doc }) => toModifier({ ...doc, _id: modifierName }));
  }

  async deleteModifier(name: string): Promise<boolean> {
    const deleted = (await this.#c.modifiers.deleteOne({ _id: name })).deletedCount === 1;
    await this.#c.modifierVersions.deleteMany({ name });
    return deleted;
  }

  // ─── connected accounts ──────────────────────────────────────────────────

  async createAccount(account: AccountRecord): Promise<void> {
    const { id, ...rest } = account;
    await this.#c.accounts.insertOne({ _id: id, ...rest });
  }

  async getAccount(id: string, userId?: string): Promise<AccountRecord | undefined> {
    return toAccount(await this.#c.accounts.findOne(userId === undefined ? { _id: id } : { _id: id, userId }));
  }

  async listAccounts(query: { userId?: string; limit?: number; offset?: number }): Promise<AccountRecord[]> {
    const docs = await this.#c.accounts
      .find(query.userId === undefined ? {} : { userId: query.userId })
      .sort({ createdAt: 1, _id: 1 })
      .skip(Math.max(0, Math.floor(query.offset ?? 0)))
      .limit(Math.min(Math.max(1, Math.floor(query.limit ?? 100)), 1000))
      .toArray();
    return docs.map((doc) => toAccount(doc)!);
  }

  async updateAccount(id: string, userId: string | undefined, patch: AccountPatch, expectedSealed?: string): Promise<AccountRecord | undefined> {
    // Read, apply, then replace only if the document is unchanged (its updatedAt and sealed value): an atomic compare-and-set.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.getAccount(id, userId);
      if (current === undefined || (expectedSealed !== undefined && current.sealed !== expectedSealed)) return undefined;
      const { id: _id, ...next } = applyAccountPatch(current, patch);
      const replaced = await this.#c.accounts.replaceOne({ _id: id, updatedAt: current.updatedAt, sealed: current.sealed, status: current.status }, next);
      if (replaced.matchedCount === 1) return { id, ...next };
    }
    return undefined;
  }

  async deleteAccount(id: string, userId: string): Promise<boolean> {
    return (await this.#c.accounts.deleteOne({ _id: id, userId })).deletedCount === 1;
  }

  // ─── connector packages ──────────────────────────────────────────────────

  async listConnectorPackages(): Promise<ConnectorPackageRecord[]> {
    const docs = await this.#c.connectorPackages.find({}, { projection: { tarball: 0 } }).sort({ _id: 1 }).toArray();
    return docs.map((doc) => JSON.parse(doc.json) as ConnectorPackageRecord);
  }

  async putConnectorPackage(record: ConnectorPackageRecord, tarball: Uint8Array): Promise<void> {
    await this.#c.connectorPackages.replaceOne({ _id: record.name }, { json: JSON.stringify(record), tarball: new Binary(tarball) }, { upsert: true });
  }

  async getConnectorTarball(name: string): Promise<{ record: ConnectorPackageRecord; tarball: Uint8Array } | undefined> {
    const doc = await this.#c.connectorPackages.findOne({ _id: name });
    if (doc === null) return undefined;
    return { record: JSON.parse(doc.json) as ConnectorPackageRecord, tarball: new Uint8Array(doc.tarball.value()) };
  }

  async deleteConnectorPackage(name: string): Promise<boolean> {
    return (await this.#c.connectorPackages.deleteOne({ _id: name })).deletedCount === 1;
  }
}

// ─── document mapping ──────────────────────────────────────────────────────

function toUser(doc: UserDoc | null): UserRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function toTenant(doc: TenantDoc | null): TenantRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function toHostKey(doc: HostKeyDoc | null): HostKeyRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function fromFlow(flow: FlowRecord): FlowDoc {
  const { flowId, flow: descriptor, publishedFlow, ...rest } = flow;
  return { _id: flowId, ...rest, flowJson: JSON.stringify(descriptor), ...(publishedFlow !== undefined ? { publishedFlowJson: JSON.stringify(publishedFlow) } : {}) };
}

function toFlow(doc: FlowDoc | null): FlowRecord | undefined {
  if (doc === null) return undefined;
  const { _id, flowJson, publishedFlowJson, customFields, ...rest } = doc;
  return {
    flowId: _id, ...rest, flow: parseObject(flowJson), ...(publishedFlowJson !== undefined ? { publishedFlow: parseObject(publishedFlowJson) } : {}),
    ...(customFields !== undefined && Object.keys(customFields).length > 0 ? { customFields } : {}),
  };
}

function toFlowVersion(doc: FlowVersionDoc): FlowVersionRecord {
  const { _id: _ignored, flowJson, ...rest } = doc;
  return { ...rest, flow: parseObject(flowJson) };
}

function toDataItem(doc: DataDoc | null): DataItem | undefined {
  if (doc === null) return undefined;
  return { key: doc.key, value: JSON.parse(doc.json), updatedAt: doc.updatedAt };
}

function toUnprocessed(doc: UnprocessedDoc | null): UnprocessedMessage | undefined {
  if (doc === null) return undefined;
  const { _id, messageJson, ...rest } = doc;
  return { id: _id, ...rest, message: parseObject(messageJson) };
}

function toModifier(doc: ModifierDoc): ModifierRecord {
  const { _id, examplesJson, ...rest } = doc;
  return { name: _id, ...rest, examples: JSON.parse(examplesJson) as ModifierRecord['examples'] };
}

function toAccount(doc: AccountDoc | null): AccountRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function parseObject(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// ─── helpers of this adapter ───────────────────────────────────────────────

function stateId(scope: string, key: string): string {
  return `${scope}${SEP}${key}`;
}

function dataId(userId: string, storeId: string, key: string): string {
  return `${userId}${SEP}${storeId}${SEP}${key}`;
}

function ownedBy(id: string, userId: string | undefined): Filter<UnprocessedDoc> {
  return userId === undefined ? { _id: id } : { _id: id, userId };
}

/** Drops keys whose value is undefined, so `$set` never writes nulls for absent fields. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Two concurrent upserts of one new `_id` can both miss and one then fails with 11000; once more finds the document. */
async function retryOnDuplicate<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return operation();
  }
}

export function dbNameFrom(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(url)?.[1];
  return path !== undefined && path !== '' ? decodeURIComponent(path) : 'weft';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
