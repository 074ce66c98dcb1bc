/**
 * @module EmbeddedStore: the Store port on SQLite tables, JSON in text columns, one index per query.
 *
 * better-sqlite3 runs each statement synchronously, so within one process no two calls
 * interleave; read-modify-write methods still run in `BEGIN IMMEDIATE` transactions so that
 * another process sharing the file cannot slip in between the read and the write.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { WeftError } from '@weft/connector-kit';
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
  FlowStamp,
} from '../../ports/store.ts';
import { DESCRIPTORS_MATCH, runsAnyType } from '../../ports/store.ts';
import { descriptorJson, parseDescriptorJson } from '../../ports/descriptor-json.ts';
import { applyAccountPatch } from '../../ports/account-patch.ts';
import { resolveDatabase, type DatabaseSource, type SqliteDatabase } from './open-database.ts';
import { migrate, type Migration } from './migrations.ts';
import { toHostKey, toTenant, toUser, upgradeTenants, type TenantRow, type UserRow } from './tenant-tables.ts';

export type EmbeddedStoreOptions = DatabaseSource;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS users_created ON users (created_at, id);

  CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS tokens_user ON tokens (user_id);

  CREATE TABLE IF NOT EXISTS flows (
    flow_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    stage TEXT NOT NULL,
    version INTEGER NOT NULL,
    flow TEXT NOT NULL,
    error_flow_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    published_version INTEGER,
    published_flow TEXT
  );
  CREATE INDEX IF NOT EXISTS flows_user_created ON flows (user_id, created_at, flow_id);
  CREATE INDEX IF NOT EXISTS flows_user_updated ON flows (user_id, updated_at, flow_id);
  CREATE INDEX IF NOT EXISTS flows_user_name ON flows (user_id, name COLLATE NOCASE, flow_id);
  CREATE INDEX IF NOT EXISTS flows_running ON flows (stage) WHERE stage = 'running';

  CREATE TABLE IF NOT EXISTS state (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS data_items (
    user_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, store_id, key)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS unprocessed (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    flow_id TEXT NOT NULL,
    component_id TEXT NOT NULL,
    component_type TEXT NOT NULL,
    message TEXT NOT NULL,
    error TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS unprocessed_user ON unprocessed (user_id, created_at, id);
  CREATE INDEX IF NOT EXISTS unprocessed_flow ON unprocessed (flow_id, created_at, id);
  CREATE INDEX IF NOT EXISTS unprocessed_created ON unprocessed (created_at, id);

  CREATE TABLE IF NOT EXISTS timers (
    id TEXT PRIMARY KEY,
    due_at INTEGER NOT NULL,
    flow_id TEXT NOT NULL,
    body TEXT NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER
  );
  CREATE INDEX IF NOT EXISTS timers_due ON timers (due_at, id);
  CREATE INDEX IF NOT EXISTS timers_flow ON timers (flow_id);

  -- Keyed by message id alone (no rowid B-tree beside the key's): every delivery inserts one.
  CREATE TABLE IF NOT EXISTS processed (
    message_id TEXT PRIMARY KEY,
    at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS processed_at ON processed (at);

  CREATE TABLE IF NOT EXISTS run_values (
    user_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    json TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, hash)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS run_values_expiry ON run_values (expires_at);

  CREATE TABLE IF NOT EXISTS leases (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS quotas (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
`;

interface TokenRow {
  hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

interface FlowRow {
  flow_id: string;
  user_id: string;
  tenant_id: string;
  name: string;
  stage: string;
  version: number;
  flow: string;
  error_flow_id: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  published_version: number | null;
  /** Null also when it is the draft's text: then `published_is_draft` is 1 (see FLOW_COLUMNS). */
  published_flow: string | null;
  published_is_draft: 0 | 1 | null;
  /** JSON; null (or absent before custom fields) when the flow has none. */
  custom_fields?: string | null;
}

/**
 * The columns of a flow as read: the published descriptor only when it is not the draft's text
 * (published as drafted is the usual case). SQLite compares the two texts in C; the JS string of a
 * big flow's text (250 KB at 1,000 components: ~0.8 ms, and as much young heap) is then made once
 * on each read, not twice: a start, a stop, a publish and the flow cache's load each read the row.
 */
const FLOW_COLUMNS = `flow_id, user_id, tenant_id, name, stage, version, flow, error_flow_id, created_at, updated_at, started_at,
  published_version, CASE WHEN published_flow = flow THEN NULL ELSE published_flow END AS published_flow,
  published_flow = flow AS published_is_draft, custom_fields`;

interface FlowVersionRow {
  flow_id: string;
  version: number;
  user_id: string;
  name: string;
  flow: string;
  published_at: number;
  published_by: string;
  draft_version: number;
}

interface UnprocessedRow {
  id: string;
  user_id: string;
  flow_id: string;
  component_id: string;
  component_type: string;
  message: string;
  error: string;
  attempts: number;
  created_at: number;
  updated_at: number;
}

interface TimerRow {
  id: string;
  due_at: number;
  flow_id: string;
  body: string;
}

const FLOW_SORT_COLUMNS = { name: 'name COLLATE NOCASE', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export class EmbeddedStore implements Store {
  readonly #db: SqliteDatabase;
  readonly #isOwned: boolean;
  readonly #statements = new Map<string, Statement>();
  #isOpen = true;
  /** The Bus's group commit, when it shares this connection (`commitWith`). */
  #groupCommit: ((apply: () => void) => Promise<void> | undefined) | undefined;

  constructor(options: EmbeddedStoreOptions) {
    const { db, isOwned } = resolveDatabase(options);
    this.#db = db;
    this.#isOwned = isOwned;
    migrate(db, 'store', STORE_MIGRATIONS);
  }

  /**
   * Commit the writes of a fired timer's delivery (a timer re-armed, a component's state) with the
   * Bus's group commit on this same connection: the deliveries in flight share one transaction per
   * tick instead of one commit each. Each promise still settles only once its write is committed.
   */
  commitWith(groupCommit: (apply: () => void) => Promise<void> | undefined): void {
    this.#groupCommit = groupCommit;
  }

  /** One statement's write, in the group commit if there is one (a failed statement fails alone). */
  #grouped<T>(write: () => T): Promise<T> {
    let result: { value: T } | { error: unknown } | undefined;
    const committed = this.#groupCommit?.(() => {
      try {
        result = { value: write() };
      } catch (error) {
        result = { error };
      }
    });
    if (committed === undefined) {
      try {
        return Promise.resolve(write());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return committed.then(() => {
      if (result === undefined) throw new Error('The group commit did not run the write');
      if ('error' in result) throw result.error;
      return result.value;
    });
  }

  // Users and tokens

  async createUser(user: UserRecord): Promise<void> {
    const email = user.email.toLowerCase();
    try {
      this.#run(
        `INSERT INTO users (id, email, password_hash, role, disabled, created_at, tenant_id, tenant_role, external_id, name, contact_email)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        user.id, email, user.passwordHash, user.role, user.disabled ? 1 : 0, user.createdAt,
        user.tenantId, user.tenantRole, user.externalId ?? null, user.name ?? null, user.contactEmail ?? null,
      );
    } catch (cause) {
      if (isConstraintError(cause) && this.#get<UserRow>('SELECT * FROM users WHERE email = ?', email) !== undefined) {
        throw new WeftError('user.exists', 'A user with this email already exists', { retry: 'never', status: 409, path: 'email', cause });
      }
      if (isConstraintError(cause) && user.externalId !== undefined && this.#get<UserRow>('SELECT * FROM users WHERE tenant_id = ? AND external_id = ?', user.tenantId, user.externalId) !== undefined) {
        throw new WeftError('user.exists', 'A user with this external id already exists in the tenant', { retry: 'never', status: 409, path: 'externalId', cause });
      }
      throw cause;
    }
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    return mapOptional(this.#get<UserRow>('SELECT * FROM users WHERE id = ?', id), toUser);
  }

  async getUsers(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    // One statement whatever the count (a JSON array), so the statement cache holds one entry.
    return this.#all<UserRow>('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify([...new Set(ids)])).map(toUser);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return mapOptional(this.#get<UserRow>('SELECT * FROM users WHERE email = ?', email.toLowerCase()), toUser);
  }

  async listUsers(query: { limit?: number; offset?: number }): Promise<{ items: UserRecord[]; total: number }> {
    const items = this.#all<UserRow>('SELECT * FROM users ORDER BY created_at, id LIMIT ? OFFSET ?', pageLimit(query.limit), pageOffset(query.offset)).map(toUser);
    return { items, total: this.#count('SELECT count(*) AS n FROM users') };
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const row = this.#get<UserRow>(
      `UPDATE users SET
         disabled = coalesce(?, disabled),
         role = coalesce(?, role),
         password_hash = coalesce(?, password_hash),
         tenant_role = coalesce(?, tenant_role),
         name = coalesce(?, name),
         contact_email = coalesce(?, contact_email)
       WHERE id = ? RETURNING *`,
      patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
      patch.role ?? null,
      patch.passwordHash ?? null,
      patch.tenantRole ?? null,
      patch.name ?? null,
      patch.contactEmail ?? null,
      id,
    );
    return mapOptional(row, toUser);
  }

  async createToken(token: TokenRecord): Promise<void> {
    this.#run('INSERT INTO tokens (hash, user_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)', token.hash, token.userId, token.createdAt, token.expiresAt, token.revokedAt ?? null);
  }

  async getToken(hash: string): Promise<TokenRecord | undefined> {
    return mapOptional(this.#get<TokenRow>('SELECT * FROM tokens WHERE hash = ?', hash), toToken);
  }

  async revokeToken(hash: string, at: number): Promise<void> {
    this.#run('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL', at, hash);
  }

  async revokeUserTokens(userId: string, at: number): Promise<number> {
    return this.#run('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', at, userId).changes;
  }

  // Tenants, their users and host keys

  async createTenant(tenant: TenantRecord): Promise<void> {
    try {
      this.#run(
        'INSERT INTO tenants (id, external_id, name, subdomain, limits, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        tenant.id, tenant.externalId ?? null, tenant.name, tenant.subdomain ?? null, JSON.stringify(tenant.limits), tenant.createdAt,
      );
    } catch (cause) {
      if (isConstraintError(cause)) throw new WeftError('tenant.exists', `A tenant with external id "${tenant.externalId ?? tenant.id}" already exists.`, { retry: 'never', status: 409, cause });
      throw cause;
    }
  }

  async getTenant(id: string): Promise<TenantRecord | undefined> {
    return mapOptional(this.#get<TenantRow>('SELECT * FROM tenants WHERE id = ?', id), toTenant);
  }

  async getTenants(ids: readonly string[]): Promise<TenantRecord[]> {
    if (ids.length === 0) return [];
    return this.#all<TenantRow>('SELECT * FROM tenants WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify([...new Set(ids)])).map(toTenant);
  }

  async getTenantByExternalId(externalId: string): Promise<TenantRecord | undefined> {
    return mapOptional(this.#get<TenantRow>('SELECT * FROM tenants WHERE external_id = ?', externalId), toTenant);
  }

  async listTenants(query: { limit?: number; offset?: number }): Promise<{ items: TenantRecord[]; total: number }> {
    const items = this.#all<TenantRow>('SELECT * FROM tenants ORDER BY created_at, id LIMIT ? OFFSET ?', pageLimit(query.limit), pageOffset(query.offset)).map(toTenant);
    return { items, total: this.#count('SELECT count(*) AS n FROM tenants') };
  }

  async updateTenant(id: string, patch: TenantPatch): Promise<TenantRecord | undefined> {
    const row = this.#get<TenantRow>(
      'UPDATE tenants SET name = coalesce(?, name), subdomain = coalesce(?, subdomain), limits = coalesce(?, limits) WHERE id = ? RETURNING *',
      patch.name ?? null, patch.subdomain ?? null, patch.limits === undefined ? null : JSON.stringify(patch.limits), id,
    );
    return mapOptional(row, toTenant);
  }

  async deleteTenant(id: string): Promise<boolean> {
    return this.#run('DELETE FROM tenants WHERE id = ?', id).changes > 0;
  }

  async getUserByExternalId(tenantId: string, externalId: string): Promise<UserRecord | undefined> {
    return mapOptional(this.#get<UserRow>('SELECT * FROM users WHERE tenant_id = ? AND external_id = ?', tenantId, externalId), toUser);
  }

  async listTenantUsers(tenantId: string): Promise<UserRecord[]> {
    return this.#all<UserRow>('SELECT * FROM users WHERE tenant_id = ? ORDER BY created_at, id', tenantId).map(toUser);
  }

  async purgeUser(userId: string): Promise<PurgeCounts | undefined> {
    return this.#immediate((): PurgeCounts | undefined => {
      if (this.#run('DELETE FROM users WHERE id = ?', userId).changes === 0) return undefined;
      return {
        tokens: this.#run('DELETE FROM tokens WHERE user_id = ?', userId).changes,
        dataItems: this.#run('DELETE FROM data_items WHERE user_id = ?', userId).changes,
        unprocessedMessages: this.#run('DELETE FROM unprocessed WHERE user_id = ?', userId).changes,
        accounts: this.#run('DELETE FROM accounts WHERE user_id = ?', userId).changes,
        runValues: this.#run('DELETE FROM run_values WHERE user_id = ?', userId).changes,
      };
    });
  }

  async createHostKey(key: HostKeyRecord): Promise<void> {
    this.#run('INSERT INTO host_keys (id, hash, record, created_at) VALUES (?, ?, ?, ?)', key.id, key.hash, JSON.stringify(key), key.createdAt);
  }

  async getHostKeyByHash(hash: string): Promise<HostKeyRecord | undefined> {
    return mapOptional(this.#get<{ record: string }>('SELECT record FROM host_keys WHERE hash = ?', hash), toHostKey);
  }

  async listHostKeys(): Promise<HostKeyRecord[]> {
    return this.#all<{ record: string }>('SELECT record FROM host_keys ORDER BY created_at, id').map(toHostKey);
  }

  async revokeHostKey(id: string, at: number): Promise<boolean> {
    return this.#run(
      "UPDATE host_keys SET record = json_set(record, '$.revokedAt', ?) WHERE id = ? AND json_extract(record, '$.revokedAt') IS NULL", at, id,
    ).changes > 0;
  }

  async touchHostKey(id: string, at: number): Promise<void> {
    this.#run("UPDATE host_keys SET record = json_set(record, '$.lastUsedAt', max(coalesce(json_extract(record, '$.lastUsedAt'), 0), ?)) WHERE id = ?", at, id);
  }

  // Flows

  async createFlow(flow: FlowRecord): Promise<void> {
    try {
      this.#run(
        `INSERT INTO flows (flow_id, user_id, tenant_id, name, stage, version, flow, error_flow_id, created_at, updated_at, started_at, published_version, published_flow, custom_fields)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        flow.flowId,
        flow.userId,
        flow.tenantId,
        flow.name,
        flow.stage,
        flow.version,
        descriptorText(flow.flow),
        flow.errorFlowId ?? null,
        flow.createdAt,
        flow.updatedAt,
        flow.startedAt ?? null,
        flow.publishedVersion ?? null,
        flow.publishedFlow === undefined ? null : descriptorText(flow.publishedFlow),
        customFieldsJson(flow.customFields),
      );
    } catch (cause) {
      if (isConstraintError(cause)) throw new WeftError('flow.exists', `Flow ${flow.flowId} already exists`, { retry: 'never', status: 409, cause });
      throw cause;
    }
  }

  async getFlow(flowId: string, userId?: string): Promise<FlowRecord | undefined> {
    const row =
      userId === undefined
        ? this.#get<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE flow_id = ?`, flowId)
        : this.#get<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE flow_id = ? AND user_id = ?`, flowId, userId);
    return mapOptional(row, toFlow);
  }

  async getFlowStamp(flowId: string): Promise<FlowStamp | undefined> {
    const row = this.#get<{ version: number; published_version: number | null; created_at: number; updated_at: number }>(
      'SELECT version, published_version, created_at, updated_at FROM flows WHERE flow_id = ?', flowId,
    );
    if (row === undefined) return undefined;
    const stamp: FlowStamp = { version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
    if (row.published_version !== null) stamp.publishedVersion = row.published_version;
    return stamp;
  }

  async listFlows(query: FlowListQuery): Promise<{ items: FlowRecord[]; total: number }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.userId !== undefined) {
      where.push('user_id = ?');
      params.push(query.userId);
    } else if (query.tenantId !== undefined) {
      where.push('tenant_id = ?');
      params.push(query.tenantId);
    } else {
      where.push('1 = 1'); // allTenants: staff read every tenant's flows
    }
    if (query.stage !== undefined) {
      where.push('stage = ?');
      params.push(query.stage);
    }
    if (query.search !== undefined && query.search !== '') {
      // instr, not LIKE: the search is a plain substring, % and _ included.
      where.push('instr(lower(name), lower(?)) > 0');
      params.push(query.search);
    }
    for (const [name, value] of Object.entries(query.customFields ?? {})) {
      // The field's text form: a number as SQLite prints it, a boolean as true/false.
      const path = `$."${name.replaceAll('"', '')}"`;
      where.push(`(CASE json_type(custom_fields, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(custom_fields, ?) AS TEXT) END) = ?`);
      params.push(path, path, value);
    }
    const whereSql = where.join(' AND ');
    const sort = FLOW_SORT_COLUMNS[query.sort ?? 'updatedAt'];
    const order = (query.order ?? (query.sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
    const items = this.#all<FlowRow>(
      `SELECT ${FLOW_COLUMNS} FROM flows WHERE ${whereSql} ORDER BY ${sort} ${order}, flow_id ${order} LIMIT ? OFFSET ?`,
      ...params,
      pageLimit(query.limit),
      pageOffset(query.offset),
    ).map(toFlow);
    return { items, total: this.#count(`SELECT count(*) AS n FROM flows WHERE ${whereSql}`, ...params) };
  }

  async listRunningFlows(filter?: RunningFlowFilter): Promise<FlowRecord[]> {
    if (filter === undefined) return this.#all<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE stage = 'running' ORDER BY flow_id`).map(toFlow);
    if (filter.usingTypes.length === 0) return [];
    // The text search keeps parsing to the flows that may use a type (10,000 running flows, polled
    // every few seconds for a few that listen); the exact check follows. `_` in a type matches any
    // character here, which only lets a few more through.
    const mentions = filter.usingTypes.map(() => 'COALESCE(flows.published_flow, flows.flow) LIKE ?').join(' OR ');
    const rows = this.#all<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE stage = 'running' AND (${mentions}) ORDER BY flow_id`, ...filter.usingTypes.map((type) => `%"type":${JSON.stringify(type)}%`));
    return rows.map(toFlow).filter((record) => runsAnyType(record, filter.usingTypes));
  }

  async updateFlow(flowId: string, userId: string, patch: FlowPatch, expectedVersion?: number): Promise<FlowUpdateResult> {
    return this.#immediate((): FlowUpdateResult => {
      const row = this.#get<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE flow_id = ? AND user_id = ?`, flowId, userId);
      if (row === undefined) return { ok: false, reason: 'not_found' };
      const current = toFlow(row);
      if (expectedVersion !== undefined && current.version !== expectedVersion) return { ok: false, reason: 'conflict', current };
      // Patched field by field, not spread: a descriptor the patch leaves alone is never parsed (see toFlow).
      const next = toFlow(row);
      for (const [key, value] of Object.entries(patch)) (next as unknown as Record<string, unknown>)[key] = value;
      next.version = current.version + 1;
      next.updatedAt = Math.max(Date.now(), current.updatedAt);
      const fields = [next.name, next.stage, next.version, next.errorFlowId ?? null, next.updatedAt, next.startedAt ?? null, customFieldsJson(next.customFields)];
      if (patch.flow === undefined) {
        // A start, a stop, a rename: the descriptor (hundreds of KB in a big flow) is not written again.
        this.#run('UPDATE flows SET name = ?, stage = ?, version = ?, error_flow_id = ?, updated_at = ?, started_at = ?, custom_fields = ? WHERE flow_id = ?', ...fields, flowId);
      } else {
        this.#run(
          'UPDATE flows SET name = ?, stage = ?, version = ?, error_flow_id = ?, updated_at = ?, started_at = ?, custom_fields = ?, flow = ? WHERE flow_id = ?',
          ...fields, descriptorText(patch.flow), flowId,
        );
      }
      return { ok: true, flow: next };
    });
  }

  async deleteFlow(flowId: string, userId: string): Promise<boolean> {
    return this.#immediate(() => {
      const deleted = this.#run('DELETE FROM flows WHERE flow_id = ? AND user_id = ?', flowId, userId).changes > 0;
      if (deleted) this.#run('DELETE FROM flow_versions WHERE flow_id = ?', flowId);
      return deleted;
    });
  }

  async publishFlow(entry: FlowVersionRecord): Promise<FlowUpdateResult> {
    return this.#immediate((): FlowUpdateResult => {
      const row = this.#get<FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE flow_id = ? AND user_id = ?`, entry.flowId, entry.userId);
      if (row === undefined) return { ok: false, reason: 'not_found' };
      const current = toFlow(row);
      if (current.version !== entry.draftVersion || (current.publishedVersion ?? 0) !== entry.version - 1) return { ok: false, reason: 'conflict', current };
      const flowJson = descriptorText(entry.flow);
      this.#run(
        `INSERT INTO flow_versions (flow_id, version, user_id, name, flow, published_at, published_by, draft_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        entry.flowId, entry.version, entry.userId, entry.name, flowJson, entry.publishedAt, entry.publishedBy, entry.draftVersion,
      );
      const updatedAt = Math.max(entry.publishedAt, current.updatedAt);
      this.#run('UPDATE flows SET published_version = ?, published_flow = ?, updated_at = ? WHERE flow_id = ?', entry.version, flowJson, updatedAt, entry.flowId);
      const flow = toFlow(row);
      flow.publishedVersion = entry.version;
      flow.publishedFlow = entry.flow;
      flow.updatedAt = updatedAt;
      return { ok: true, flow };
    });
  }

  async listFlowVersions(flowId: string, userId: string): Promise<FlowVersionRecord[]> {
    return this.#all<FlowVersionRow>('SELECT * FROM flow_versions WHERE flow_id = ? AND user_id = ? ORDER BY version DESC', flowId, userId).map(toFlowVersion);
  }

  async getFlowVersion(flowId: string, userId: string, version: number): Promise<FlowVersionRecord | undefined> {
    return mapOptional(this.#get<FlowVersionRow>('SELECT * FROM flow_versions WHERE flow_id = ? AND version = ? AND user_id = ?', flowId, version, userId), toFlowVersion);
  }

  // State

  async stateGet(scope: string, key: string): Promise<unknown> {
    return mapOptional(this.#get<{ value: string }>('SELECT value FROM state WHERE scope = ? AND key = ?', scope, key), (r) => parseJson(r.value));
  }

  async stateSet(scope: string, key: string, value: unknown): Promise<void> {
    const json = toJson(value);
    await this.#grouped(() => this.#run('INSERT INTO state (scope, key, value) VALUES (?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value', scope, key, json));
  }

  async stateUnset(scope: string, key: string): Promise<void> {
    this.#run('DELETE FROM state WHERE scope = ? AND key = ?', scope, key);
  }

  async stateClear(scopePrefix: string): Promise<void> {
    // A range on the primary key, not LIKE: uses the index and treats % and _ literally.
    this.#run('DELETE FROM state WHERE scope >= ? AND scope < ?', scopePrefix, scopePrefix + PREFIX_END);
  }

  async stateIncrement(scope: string, key: string, by: number): Promise<number> {
    return this.#immediate(() => {
      const row = this.#get<{ value: string }>('SELECT value FROM state WHERE scope = ? AND key = ?', scope, key);
      const current = row === undefined ? 0 : parseJson(row.value);
      if (typeof current !== 'number') {
        throw new WeftError('state.not_a_number', `State ${scope}/${key} holds a ${typeof current}, not a number`, { retry: 'never', status: 409 });
      }
      const next = current + by;
      this.#run('INSERT INTO state (scope, key, value) VALUES (?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value', scope, key, JSON.stringify(next));
      return next;
    });
  }

  // Per-user data stores

  async dataGet(userId: string, storeId: string, key: string): Promise<DataItem | undefined> {
    const row = this.#get<{ key: string; value: string; updated_at: number }>('SELECT key, value, updated_at FROM data_items WHERE user_id = ? AND store_id = ? AND key = ?', userId, storeId, key);
    return mapOptional(row, toDataItem);
  }

  async dataSet(userId: string, storeId: string, key: string, value: unknown): Promise<void> {
    this.#run(
      `INSERT INTO data_items (user_id, store_id, key, value, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, store_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      userId,
      storeId,
      key,
      toJson(value),
      Date.now(),
    );
  }

  async dataRemove(userId: string, storeId: string, key: string): Promise<boolean> {
    return this.#run('DELETE FROM data_items WHERE user_id = ? AND store_id = ? AND key = ?', userId, storeId, key).changes > 0;
  }

  async dataFind(userId: string, storeId: string, query: { prefix?: string; limit?: number }): Promise<DataItem[]> {
    const prefix = query.prefix ?? '';
    return this.#all<{ key: string; value: string; updated_at: number }>(
      'SELECT key, value, updated_at FROM data_items WHERE user_id = ? AND store_id = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?',
      userId,
      storeId,
      prefix,
      prefix + PREFIX_END,
      pageLimit(query.limit),
    ).map(toDataItem);
  }

  // Unprocessed messages

  async addUnprocessed(message: UnprocessedMessage): Promise<void> {
    this.#run(
      `INSERT INTO unprocessed (id, user_id, flow_id, component_id, component_type, message, error, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      message.id,
      message.userId,
      message.flowId,
      message.componentId,
      message.componentType,
      JSON.stringify(message.message),
      JSON.stringify(message.error),
      message.attempts,
      message.createdAt,
      message.updatedAt,
    );
  }

  async listUnprocessed(query: { userId?: string; userIds?: readonly string[]; flowId?: string; limit?: number; offset?: number }): Promise<{ items: UnprocessedMessage[]; total: number }> {
    const where: string[] = [];
    const params: string[] = [];
    if (query.userId !== undefined) {
      where.push('user_id = ?');
      params.push(query.userId);
    }
    if (query.userIds !== undefined) {
      // One statement text per count (the cache holds a few); none finds nothing.
      where.push(query.userIds.length === 0 ? '0 = 1' : `user_id IN (${query.userIds.map(() => '?').join(', ')})`);
      params.push(...query.userIds);
    }
    if (query.flowId !== undefined) {
      where.push('flow_id = ?');
      params.push(query.flowId);
    }
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const items = this.#all<UnprocessedRow>(`SELECT * FROM unprocessed ${whereSql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, ...params, pageLimit(query.limit), pageOffset(query.offset)).map(
      toUnprocessed,
    );
    return { items, total: this.#count(`SELECT count(*) AS n FROM unprocessed ${whereSql}`, ...params) };
  }

  async getUnprocessed(id: string, userId?: string): Promise<UnprocessedMessage | undefined> {
    const row =
      userId === undefined
        ? this.#get<UnprocessedRow>('SELECT * FROM unprocessed WHERE id = ?', id)
        : this.#get<UnprocessedRow>('SELECT * FROM unprocessed WHERE id = ? AND user_id = ?', id, userId);
    return mapOptional(row, toUnprocessed);
  }

  async updateUnprocessed(id: string, userId: string | undefined, message: Record<string, unknown>): Promise<UnprocessedMessage | undefined> {
    const row = this.#get<UnprocessedRow>(
      'UPDATE unprocessed SET message = ?, updated_at = max(updated_at, ?) WHERE id = ? AND (? IS NULL OR user_id = ?) RETURNING *',
      JSON.stringify(message),
      Date.now(),
      id,
      userId ?? null,
      userId ?? null,
    );
    return mapOptional(row, toUnprocessed);
  }

  async deleteUnprocessed(id: string, userId?: string): Promise<boolean> {
    return this.#run('DELETE FROM unprocessed WHERE id = ? AND (? IS NULL OR user_id = ?)', id, userId ?? null, userId ?? null).changes > 0;
  }

  // Durable timers

  async putTimer(timer: TimerRecord): Promise<void> {
    const body = JSON.stringify(timer.body);
    // Re-arming drops any lease: the new due time is a new firing.
    await this.#grouped(() => this.#run(
      `INSERT INTO timers (id, due_at, flow_id, body, lease_owner, lease_until) VALUES (?, ?, ?, ?, NULL, NULL)
       ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, flow_id = excluded.flow_id, body = excluded.body, lease_owner = NULL, lease_until = NULL`,
      timer.id,
      timer.dueAt,
      timer.flowId,
      body,
    ));
  }

  async deleteTimer(id: string): Promise<boolean> {
    return this.#grouped(() => this.#run('DELETE FROM timers WHERE id = ?', id).changes > 0);
  }

  async deleteTimers(ids: readonly string[]): Promise<number> {
    // One transaction: a commit per timer was most of the scheduler's own cost at 10,000 fires a minute.
    return this.#immediate(() => ids.reduce((deleted, id) => deleted + this.#run('DELETE FROM timers WHERE id = ?', id).changes, 0));
  }

  async deleteFlowTimers(flowId: string): Promise<number> {
    return this.#run('DELETE FROM timers WHERE flow_id = ?', flowId).changes;
  }

  async claimDueTimers(now: number, limit: number, owner: string, leaseMs: number): Promise<TimerRecord[]> {
    // One UPDATE … RETURNING takes the write lock for the whole claim: two schedulers, in this
    // process or another, never get the same timer.
    const rows = this.#all<TimerRow>(
      `UPDATE timers SET lease_owner = ?, lease_until = ?
       WHERE id IN (
         SELECT id FROM timers
         WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY due_at, id LIMIT ?
       )
       RETURNING id, due_at, flow_id, body`,
      owner,
      now + leaseMs,
      now,
      now,
      Math.max(0, limit),
    );
    return rows.map(toTimer).sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
  }

  // Idempotency

  async markProcessed(messageIds: readonly string[], at: number): Promise<void> {
    this.markProcessedNow(messageIds, at);
  }

  /** `markProcessed` on the caller's stack: the embedded Bus runs it inside a delivery's transaction. */
  markProcessedNow(messageIds: readonly string[], at: number): void {
    if (messageIds.length === 0) return;
    this.#run('INSERT INTO processed (message_id, at) SELECT value, ? FROM json_each(?) WHERE true ON CONFLICT (message_id) DO NOTHING', at, JSON.stringify(messageIds));
  }

  async findProcessed(messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = this.#all<{ message_id: string }>('SELECT message_id FROM processed WHERE message_id IN (SELECT value FROM json_each(?))', JSON.stringify(messageIds));
    return new Set(rows.map((r) => r.message_id));
  }

  async pruneProcessed(before: number): Promise<number> {
    return this.#run('DELETE FROM processed WHERE at < ?', before).changes;
  }

  // Run values

  async putRunValues(userId: string, values: readonly RunValue[], expiresAt: number): Promise<void> {
    if (values.length === 0) return;
    this.#immediate(() => {
      for (const { hash, json } of values) {
        this.#run(
          `INSERT INTO run_values (user_id, hash, json, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id, hash) DO UPDATE SET expires_at = max(run_values.expires_at, excluded.expires_at)`,
          userId, hash, json, expiresAt,
        );
      }
    });
  }

  async getRunValue(userId: string, hash: string): Promise<string | undefined> {
    return this.#get<{ json: string }>('SELECT json FROM run_values WHERE user_id = ? AND hash = ?', userId, hash)?.json;
  }

  async extendRunValues(userId: string, hashes: readonly string[], expiresAt: number): Promise<void> {
    if (hashes.length === 0) return;
    this.#immediate(() => {
      for (const hash of hashes) this.#run('UPDATE run_values SET expires_at = max(expires_at, ?) WHERE user_id = ? AND hash = ?', expiresAt, userId, hash);
    });
  }

  async pruneRunValues(before: number): Promise<number> {
    return this.#run('DELETE FROM run_values WHERE expires_at < ?', before).changes;
  }

  // Leases

  async acquireLease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    // Taken when free, expired, or already ours (renewal); a single upsert, so it is atomic.
    const changes = this.#run(
      `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
      name,
      owner,
      now + ttlMs,
      now,
    ).changes;
    return changes > 0;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.#run('DELETE FROM leases WHERE name = ? AND owner = ?', name, owner);
  }

  // Quotas

  async takeQuota(key: string, limit: number, windowMs: number, now: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    return this.#immediate(() => {
      const row = this.#get<{ window_start: number; count: number }>('SELECT window_start, count FROM quotas WHERE key = ?', key);
      const used = row !== undefined && row.window_start === windowStart ? row.count : 0;
      if (used >= limit) return { ok: false as const, retryAfterMs: windowStart + windowMs - now };
      this.#run(
        'INSERT INTO quotas (key, window_start, count) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count',
        key,
        windowStart,
        used + 1,
      );
      return { ok: true as const };
    });
  }

  // Settings

  async getSetting(key: string): Promise<unknown> {
    return mapOptional(this.#get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key), (r) => parseJson(r.value));
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.#run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, toJson(value));
  }

  async close(): Promise<void> {
    if (!this.#isOpen) return;
    this.#isOpen = false;
    if (this.#isOwned) this.#db.close();
  }

  // Each distinct SQL text is compiled once; listFlows builds a handful of variants at most.
  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) this.#statements.set(sql, (statement = this.#db.prepare<SqlValue[], unknown>(sql)));
    return statement;
  }

  #run(sql: string, ...params: SqlValue[]): { changes: number } {
    return this.#prepare(sql).run(...params);
  }

  #get<Row>(sql: string, ...params: SqlValue[]): Row | undefined {
    return this.#prepare(sql).get(...params) as Row | undefined;
  }

  #all<Row>(sql: string, ...params: SqlValue[]): Row[] {
    return this.#prepare(sql).all(...params) as Row[];
  }

  #count(sql: string, ...params: SqlValue[]): number {
    return this.#get<{ n: number }>(sql, ...params)?.n ?? 0;
  }

  #immediate<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  // Custom modifiers: `modifiers` holds the current version, `modifier_versions` every version.

  async listModifiers(): Promise<ModifierRecord[]> {
    return this.#all<{ record: string }>('SELECT record FROM modifiers ORDER BY name').map(toModifier);
  }

  async getModifier(name: string): Promise<ModifierRecord | undefined> {
    return mapOptional(this.#get<{ record: string }>('SELECT record FROM modifiers WHERE name = ?', name), toModifier);
  }

  async saveModifier(record: Omit<ModifierRecord, 'version' | 'createdAt'>, expectedVersion?: number): Promise<ModifierSaveResult> {
    return this.#immediate((): ModifierSaveResult => {
      const current = mapOptional(this.#get<{ record: string }>('SELECT record FROM modifiers WHERE name = ?', record.name), toModifier);
      if (current === undefined && expectedVersion !== undefined && expectedVersion > 0) return { ok: false, reason: 'not_found' };
      if (current !== undefined && expectedVersion !== undefined && current.version !== expectedVersion) return { ok: false, reason: 'conflict', current };
      const next: ModifierRecord = { ...record, version: (current?.version ?? 0) + 1, createdAt: current?.createdAt ?? record.updatedAt };
      const json = JSON.stringify(next);
      this.#run(
        'INSERT INTO modifiers (name, version, record) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version, record = excluded.record',
        next.name, next.version, json,
      );
      this.#run('INSERT INTO modifier_versions (name, version, record) VALUES (?, ?, ?)', next.name, next.version, json);
      return { ok: true, modifier: next };
    });
  }

  async listModifierVersions(name: string): Promise<ModifierRecord[]> {
    return this.#all<{ record: string }>('SELECT record FROM modifier_versions WHERE name = ? ORDER BY version', name).map(toModifier);
  }

  async deleteModifier(name: string): Promise<boolean> {
    return this.#immediate(() => {
      this.#run('DELETE FROM modifier_versions WHERE name = ?', name);
      return this.#run('DELETE FROM modifiers WHERE name = ?', name).changes > 0;
    });
  }

  // Connected accounts: one JSON record per row, created on first use like the modifier tables
  // (so an existing database file gains the table in place).

  async createAccount(account: AccountRecord): Promise<void> {
    this.#run('INSERT INTO accounts (id, user_id, created_at, record) VALUES (?, ?, ?, ?)', account.id, account.userId, account.createdAt, JSON.stringify(account));
  }

  async getAccount(id: string, userId?: string): Promise<AccountRecord | undefined> {
    return mapOptional(this.#get<{ record: string }>('SELECT record FROM accounts WHERE id = ? AND (? IS NULL OR user_id = ?)', id, userId ?? null, userId ?? null), toAccount);
  }

  async listAccounts(query: { userId?: string; limit?: number; offset?: number }): Promise<AccountRecord[]> {
    return this.#all<{ record: string }>(
      'SELECT record FROM accounts WHERE (? IS NULL OR user_id = ?) ORDER BY created_at, id LIMIT ? OFFSET ?',
      query.userId ?? null, query.userId ?? null, pageLimit(query.limit), pageOffset(query.offset),
    ).map(toAccount);
  }

  async updateAccount(id: string, userId: string | undefined, patch: AccountPatch, expectedSealed?: string): Promise<AccountRecord | undefined> {
    return this.#immediate(() => {
      const current = mapOptional(this.#get<{ record: string }>('SELECT record FROM accounts WHERE id = ? AND (? IS NULL OR user_id = ?)', id, userId ?? null, userId ?? null), toAccount);
      if (current === undefined || (expectedSealed !== undefined && current.sealed !== expectedSealed)) return undefined;
      const next = applyAccountPatch(current, patch);
      this.#run('UPDATE accounts SET record = ? WHERE id = ?', JSON.stringify(next), id);
      return next;
    });
  }

  async deleteAccount(id: string, userId: string): Promise<boolean> {
    return this.#run('DELETE FROM accounts WHERE id = ? AND user_id = ?', id, userId).changes > 0;
  }

  // Connector packages: the record as JSON beside the tarball as a BLOB.

  async listConnectorPackages(): Promise<ConnectorPackageRecord[]> {
    return this.#all<{ record: string }>('SELECT record FROM connector_packages ORDER BY name').map(toConnectorPackage);
  }

  async putConnectorPackage(record: ConnectorPackageRecord, tarball: Uint8Array): Promise<void> {
    this.#prepare('INSERT INTO connector_packages (name, record, tarball) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET record = excluded.record, tarball = excluded.tarball')
      .run(record.name, JSON.stringify(record), Buffer.from(tarball.buffer, tarball.byteOffset, tarball.byteLength) as never);
  }

  async getConnectorTarball(name: string): Promise<{ record: ConnectorPackageRecord; tarball: Uint8Array } | undefined> {
    const row = this.#get<{ record: string; tarball: Buffer }>('SELECT record, tarball FROM connector_packages WHERE name = ?', name);
    return row === undefined ? undefined : { record: toConnectorPackage(row), tarball: new Uint8Array(row.tarball) };
  }

  async deleteConnectorPackage(name: string): Promise<boolean> {
    return this.#run('DELETE FROM connector_packages WHERE name = ?', name).changes > 0;
  }


}

type SqlValue = string | number | null;
type Statement = BetterSqlite3.Statement<SqlValue[], unknown>;

/** Sorts after every character a key can hold, so `[prefix, prefix + PREFIX_END)` is "starts with prefix". */
const PREFIX_END = '\u{10FFFF}';

function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(0, Math.floor(limit ?? 100)), 1000);
}

function pageOffset(offset: number | undefined): number {
  return Math.max(0, Math.floor(offset ?? 0));
}

function mapOptional<Row, T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}

function toJson(value: unknown): string {
  // JSON has no undefined; store it as null rather than fail the NOT NULL column.
  return JSON.stringify(value ?? null);
}

/** `JSON.stringify(flow)`: the text it was read or parsed from when known (ports/descriptor-json.ts), not stringified again. */
function descriptorText(flow: Record<string, unknown>): string {
  return descriptorJson(flow) ?? JSON.stringify(flow);
}

function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_CONSTRAINT');
}

function toToken(row: TokenRow): TokenRecord {
  const token: TokenRecord = { hash: row.hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at };
  if (row.revoked_at !== null) token.revokedAt = row.revoked_at;
  return token;
}

function toFlow(row: FlowRow): FlowRecord {
  const flow: FlowRecord = {
    flowId: row.flow_id,
    userId: row.user_id,
    tenantId: row.tenant_id,
    name: row.name,
    stage: row.stage === 'running' ? 'running' : 'stopped',
    version: row.version,
    flow: {},
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  const replaced = { either: false };
  parsedOnRead(flow, 'flow', row.flow, replaced);
  if (row.error_flow_id !== null) flow.errorFlowId = row.error_flow_id;
  if (row.started_at !== null) flow.startedAt = row.started_at;
  if (row.published_version !== null) flow.publishedVersion = row.published_version;
  const publishedText = row.published_is_draft === 1 ? row.flow : row.published_flow;
  if (publishedText !== null) {
    flow.publishedFlow = {};
    parsedOnRead(flow, 'publishedFlow', publishedText, replaced);
    // Published as it is drafted (the usual case): "unpublished changes?" needs neither parsed.
    if (publishedText === row.flow) Object.defineProperty(flow, DESCRIPTORS_MATCH, { value: () => !replaced.either, enumerable: false });
  }
  if (row.custom_fields !== undefined && row.custom_fields !== null) flow.customFields = parseJson(row.custom_fields) as Record<string, string | number | boolean>;
  return flow;
}

/**
 * `record[key]` is the JSON `text`, parsed when first read (then a plain property, like any other).
 * A big flow's draft and published descriptor take ~8 ms each to parse at 1,000 components, and
 * most reads of a record use one of them (the flow cache, the listeners) or neither (a stage or
 * version check): the one not read is never parsed. Spreading or serialising the record reads it.
 * Setting it marks the record's descriptors as no longer both as stored (see DESCRIPTORS_MATCH).
 */
function parsedOnRead(record: FlowRecord, key: 'flow' | 'publishedFlow', text: string, replaced: { either: boolean }): void {
  let value: unknown;
  let isParsed = false;
  Object.defineProperty(record, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!isParsed) {
        // Sizing and digesting it (validate, start) need its text: this one, not a stringify. The
        // same big text read again (the next request on the flow) is not parsed again.
        value = parseDescriptorJson(text);
        isParsed = true;
      }
      return value;
    },
    set(next: unknown) {
      replaced.either = true;
      value = next;
      isParsed = true;
    },
  });
}

const customFieldsJson = (fields: FlowRecord['customFields']): string | null =>
  fields === undefined || Object.keys(fields).length === 0 ? null : JSON.stringify(fields);

/** Custom fields, in place: a database made before them gets the column (null: none). Idempotent. */
function upgradeCustomFields(db: SqliteDatabase): void {
  const hasColumn = () => (db.prepare('PRAGMA table_info(flows)').all() as { name: string }[]).some((column) => column.name === 'custom_fields');
  if (hasColumn()) return;
  db.transaction(() => {
    if (!hasColumn()) db.exec('ALTER TABLE flows ADD COLUMN custom_fields TEXT');
  }).immediate();
}

function toFlowVersion(row: FlowVersionRow): FlowVersionRecord {
  return {
    flowId: row.flow_id, userId: row.user_id, version: row.version, name: row.name, flow: parseJson(row.flow) as Record<string, unknown>,
    publishedAt: row.published_at, publishedBy: row.published_by, draftVersion: row.draft_version,
  };
}

const FLOW_VERSIONS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS flow_versions (
    flow_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    flow TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    published_by TEXT NOT NULL,
    draft_version INTEGER NOT NULL,
    PRIMARY KEY (flow_id, version)
  ) WITHOUT ROWID;
`;

/**
 * Drafts and versions, in place: a database made before them gets the published columns, and
 * every flow that was ever started gets its current descriptor as published version 1, so a
 * running flow keeps running what it ran. Idempotent, and safe with several processes opening
 * the same file (the check and the change are one immediate transaction).
 */
function upgradeFlowVersions(db: SqliteDatabase): void {
  db.exec(FLOW_VERSIONS_SCHEMA);
  const hasColumn = () => (db.prepare('PRAGMA table_info(flows)').all() as { name: string }[]).some((column) => column.name === 'published_version');
  if (hasColumn()) return;
  db.transaction(() => {
    if (hasColumn()) return;
    db.exec('ALTER TABLE flows ADD COLUMN published_version INTEGER');
    db.exec('ALTER TABLE flows ADD COLUMN published_flow TEXT');
    const everStarted = "started_at IS NOT NULL OR stage = 'running'";
    db.exec(`INSERT OR IGNORE INTO flow_versions (flow_id, version, user_id, name, flow, published_at, published_by, draft_version)
      SELECT flow_id, 1, user_id, name, flow, coalesce(started_at, updated_at), user_id, version FROM flows WHERE ${everStarted}`);
    db.exec(`UPDATE flows SET published_version = 1, published_flow = flow WHERE ${everStarted}`);
  }).immediate();
}

function toDataItem(row: { key: string; value: string; updated_at: number }): DataItem {
  return { key: row.key, value: parseJson(row.value), updatedAt: row.updated_at };
}

function toUnprocessed(row: UnprocessedRow): UnprocessedMessage {
  return {
    id: row.id,
    userId: row.user_id,
    flowId: row.flow_id,
    componentId: row.component_id,
    componentType: row.component_type,
    message: parseJson(row.message) as Record<string, unknown>,
    error: parseJson(row.error) as { code: string; message: string },
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toTimer(row: TimerRow): TimerRecord {
  return { id: row.id, dueAt: row.due_at, flowId: row.flow_id, body: parseJson(row.body) as Record<string, unknown> };
}

const MODIFIER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS modifiers (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    record TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS modifier_versions (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (name, version)
  ) WITHOUT ROWID;
`;

function toModifier(row: { record: string }): ModifierRecord {
  return parseJson(row.record) as ModifierRecord;
}

const ACCOUNT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS accounts_user ON accounts (user_id, created_at, id);
  CREATE INDEX IF NOT EXISTS accounts_created ON accounts (created_at, id);
`;

function toAccount(row: { record: string }): AccountRecord {
  return parseJson(row.record) as AccountRecord;
}

const CONNECTOR_SCHEMA = `
  CREATE TABLE IF NOT EXISTS connector_packages (
    name TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    tarball BLOB NOT NULL
  ) WITHOUT ROWID;
`;

function toConnectorPackage(row: { record: string }): ConnectorPackageRecord {
  return parseJson(row.record) as ConnectorPackageRecord;
}

/**
 * The Store's numbered migrations (see migrations.ts): append, never edit. Files made before the
 * numbering run them all; each is idempotent on them.
 */
export const STORE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'users, tokens, flows, run state, data stores, unprocessed messages, settings', up: (db) => db.exec(SCHEMA) },
  { version: 2, name: 'flow drafts and published versions', up: upgradeFlowVersions },
  { version: 3, name: 'tenants, host keys, tenant columns of users and flows', up: upgradeTenants },
  { version: 4, name: 'custom fields of flows', up: upgradeCustomFields },
  { version: 5, name: 'custom modifiers, connected accounts, installed connector packages', up: (db) => db.exec(MODIFIER_SCHEMA + ACCOUNT_SCHEMA + CONNECTOR_SCHEMA) },
];
