/** @module Store port: users, tokens, flows, state, data stores, unprocessed messages, timers, leases. */

/** Staff role of the installation: `admin` is an operator, `support` reads every tenant; `user` is neither. */
export type Role = 'user' | 'admin' | 'support';

/** Role within the user's tenant: owners and editors write every flow of the tenant, viewers only read. */
export type TenantRole = 'owner' | 'editor' | 'viewer';

export interface UserRecord {
  id: string;
  /**
   * Stored lower-cased; unique; the login name. A user the host made has a placeholder
   * (`<id>@host.invalid`) that no one can log in with; the host's address is `contactEmail`.
   */
  email: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  /** The one tenant the user belongs to. */
  tenantId: string;
  tenantRole: TenantRole;
  /** The host's id for this user, unique within the tenant (host-provisioned users only). */
  externalId?: string;
  name?: string;
  /** The address the host gave (not a login). */
  contactEmail?: string;
}

export type UserPatch = Partial<Pick<UserRecord, 'disabled' | 'role' | 'passwordHash' | 'tenantRole' | 'name' | 'contactEmail'>>;

/** Per-tenant limits the host may set; absent: the installation's defaults. */
export interface TenantLimits {
  /** Most flows the tenant may hold. */
  maxFlows?: number;
  /** Webhook calls per second into the tenant's flows, and the burst above it (default `WEFT_TENANT_WEBHOOK_RATE` / `_BURST`). */
  webhookRate?: number;
  webhookBurst?: number;
  /** Authenticated API requests per second by the tenant's users, and the burst (default `WEFT_TENANT_API_RATE` / `_BURST`). */
  apiRate?: number;
  apiBurst?: number;
}

/** One of the host's customers (an organisation); Studio sign-up makes one per person. */
export interface TenantRecord {
  id: string;
  /** The host's id for it; unique. Absent for tenants made by Studio sign-up. */
  externalId?: string;
  name: string;
  subdomain?: string;
  limits: TenantLimits;
  createdAt: number;
}

export type TenantPatch = Partial<Pick<TenantRecord, 'name' | 'subdomain' | 'limits'>>;

/** What the host-key scopes allow: `provision` tenants/users/tokens, post app `events`, `read` them. */
export type HostKeyScope = 'provision' | 'events' | 'read';

/** A host API key (`wk_…`): the key itself is never stored, only its SHA-256. */
export interface HostKeyRecord {
  id: string;
  name: string;
  scopes: HostKeyScope[];
  /** SHA-256 of the key, base64url. */
  hash: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

/** What deleting a user's belongings removed (`DELETE /host/tenants/…`). */
export interface PurgeCounts {
  tokens: number;
  dataItems: number;
  unprocessedMessages: number;
  accounts: number;
  runValues: number;
}

export interface TokenRecord {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  hash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export type FlowStage = 'running' | 'stopped';

export interface FlowRecord {
  flowId: string;
  /** The owner: runs execute as this user. */
  userId: string;
  /** The owner's tenant: every owner and editor of it may edit the flow, viewers read it. */
  tenantId: string;
  name: string;
  stage: FlowStage;
  /** Starts at 1; every update increments it (optimistic concurrency). */
  version: number;
  /** The draft descriptor, as JSON (what PUT saves). The engine parses it with @weft/flow. */
  flow: Record<string, unknown>;
  /** Publish counter (1..n) of the version that runs; absent: never published. */
  publishedVersion?: number;
  /** A copy of the published descriptor, so that the engine reads one document per load. */
  publishedFlow?: Record<string, unknown>;
  /** A flow that receives every final failure of this one. */
  errorFlowId?: string;
  /** The host's metadata for this flow (`GET /flows?customFields.<name>=<value>` filters on it). */
  customFields?: Record<string, string | number | boolean>;
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
}

/**
 * What a Store may tell of a record it read without parsing its descriptors: a function answering
 * true while its draft and published descriptor are the same stored text (neither replaced since).
 * Not enumerable, so a copy of the record (a spread) does not carry it. Absent: compare them.
 */
export const DESCRIPTORS_MATCH: unique symbol = Symbol('weft.flowRecord.descriptorsMatch');

/**
 * The record has a published descriptor, asked without reading it: a Store may parse a descriptor
 * when it is first read (the embedded one does), ~8 ms at 1,000 components.
 */
export function hasPublishedFlow(record: FlowRecord): boolean {
  const property = Object.getOwnPropertyDescriptor(record, 'publishedFlow');
  return property !== undefined && (property.get !== undefined || property.value !== undefined);
}

/** The Store read this record's draft and published descriptor as the same text (see DESCRIPTORS_MATCH). */
export function descriptorsKnownToMatch(record: FlowRecord): boolean {
  const known = (record as { [DESCRIPTORS_MATCH]?: () => boolean })[DESCRIPTORS_MATCH];
  return known !== undefined && known();
}

/**
 * Exactly one of `userId` (a user's own flows), `tenantId` (every flow of a tenant) and
 * `allTenants` (every flow of the installation: staff only).
 */
export type FlowListQuery = (
  | { userId: string; tenantId?: undefined; allTenants?: undefined }
  | { tenantId: string; userId?: undefined; allTenants?: undefined }
  | { allTenants: true; userId?: undefined; tenantId?: undefined }
) & {
  stage?: FlowStage;
  /** Case-insensitive substring of the name. */
  search?: string;
  /** Flows whose custom field `name` equals the text (a number or boolean field matches its text form). */
  customFields?: Record<string, string>;
  sort?: 'name' | 'createdAt' | 'updatedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

export type FlowPatch = Partial<Pick<FlowRecord, 'name' | 'flow' | 'stage' | 'errorFlowId' | 'startedAt' | 'customFields'>>;

/** One published version of a flow (`POST /flows/:id/publish`); every one is kept until the flow is deleted. */
export interface FlowVersionRecord {
  flowId: string;
  userId: string;
  /** Publish counter, 1..n. */
  version: number;
  name: string;
  flow: Record<string, unknown>;
  publishedAt: number;
  /** Id of the user who published it. */
  publishedBy: string;
  /** The draft version it was published from. */
  draftVersion: number;
}

export type FlowUpdateResult =
  | { ok: true; flow: FlowRecord }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; current: FlowRecord };

export interface UnprocessedMessage {
  id: string;
  userId: string;
  flowId: string;
  componentId: string;
  componentType: string;
  /** The engine message (its body on the Bus), editable before a retry. */
  message: Record<string, unknown>;
  error: { code: string; message: string };
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface TimerRecord {
  /** Deterministic, so re-arming the same timer replaces it. */
  id: string;
  dueAt: number;
  flowId: string;
  /** What to do when due (the engine's own shape). */
  body: Record<string, unknown>;
}

export interface DataItem {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** A custom modifier (admin-defined, runs in the sandbox). Every save is a new version; all are kept. */
export interface ModifierRecord {
  /** Unique; never a built-in modifier's name. */
  name: string;
  label: string;
  description: string;
  category: string;
  args: { name: string; type: string; optional?: boolean | undefined; description?: string | undefined }[];
  examples: { input: unknown; args: unknown[]; output: unknown }[];
  /** JavaScript defining `function run(value, ...args)`. */
  source: string;
  /** Starts at 1; set by the store on every save. */
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Id of the user who saved this version. */
  updatedBy: string;
}

export type ModifierSaveResult =
  | { ok: true; modifier: ModifierRecord }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; current: ModifierRecord };

/** A run value: its content address and its JSON text. */
export interface RunValue {
  hash: string;
  json: string;
}

/** A connected account's state: `refreshing` while an OAuth token is being renewed. */
export type AccountStatus = 'valid' | 'invalid' | 'refreshing';

/** Credentials a user connected (secrets/, api/accounts.ts). Its secret fields exist only sealed. */
export interface AccountRecord {
  id: string;
  userId: string;
  /** `bearer`, `apiKey`, `basic`, `oauth2`, or a connector's own auth type. */
  type: string;
  name: string;
  /** The connector whose auth this account is for, if any. */
  connector?: string;
  /** The fields that are not secret (an API key's `in` and `name`, a Basic `username`). */
  fields: Record<string, unknown>;
  /** The secret fields as JSON, sealed by the SecretBox with the account id bound: never plain text. */
  sealed: string;
  /** Non-secret facts about the remote user (name, e-mail). */
  profile: Record<string, unknown>;
  status: AccountStatus;
  statusReason?: string;
  createdAt: number;
  updatedAt: number;
  lastUsedAt?: number;
}

/** `statusReason: null` clears the reason. */
export type AccountPatch = Partial<Pick<AccountRecord, 'name' | 'fields' | 'sealed' | 'profile' | 'status' | 'lastUsedAt'>> & { statusReason?: string | null };

/** An installed connector package (an operator installs it; every engine process loads it). One version per name. */
export interface ConnectorPackageRecord {
  /** `vendor.app`: the prefix of every component it defines. */
  name: string;
  /** Semantic version of the package. */
  version: string;
  label: string;
  description: string;
  author: string;
  icon?: string | undefined;
  /** The checked `weft` section (auth, locales, …) as JSON. */
  section: Record<string, unknown>;
  /** Names of the component types it defines. */
  components: string[];
  /** SHA-256 of the tarball, hex: a process reloads a package whose digest changed. */
  sha256: string;
  installedAt: number;
  /** Id of the operator who installed it. */
  installedBy: string;
}

/**
 * The Store port, by concern. Each concern is its own interface with its own contract suite
 * (`store-contract/<concern>.contract.ts`), so a consumer can depend on the concerns it uses (the
 * dispatcher on run state, not on host keys); `Store` is all of them over one connection, as the
 * embedded and MongoDB adapters implement it.
 */
export interface Store
  extends IdentityStore, FlowStore, ComponentStateStore, DataStores, UnprocessedStore, RunStateStore, SettingsStore, AccountStore, ConnectorPackageStore, Closable {}

/** What holds a connection: a contract suite closes every store it opened once its case ends. */
export interface Closable {
  close(): Promise<void>;
}

/** Users, their tokens, tenants and host keys: who may do what. */
export interface IdentityStore {
  // Users and tokens
  createUser(user: UserRecord): Promise<void>; // rejects with WeftError 'user.exists' (409) on a taken email
  getUser(id: string): Promise<UserRecord | undefined>;
  /** The users of these ids that exist, in no particular order: one lookup for a page of ids. */
  getUsers(ids: readonly string[]): Promise<UserRecord[]>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  listUsers(query: { limit?: number; offset?: number }): Promise<{ items: UserRecord[]; total: number }>;
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined>;
  createToken(token: TokenRecord): Promise<void>;
  getToken(hash: string): Promise<TokenRecord | undefined>;
  revokeToken(hash: string, at: number): Promise<void>;
  revokeUserTokens(userId: string, at: number): Promise<number>;

  // Tenants, their users and host keys (accounts concern: keep together for the Store split)
  /** Rejects with WeftError 'tenant.exists' (409) on a taken externalId. */
  createTenant(tenant: TenantRecord): Promise<void>;
  getTenant(id: string): Promise<TenantRecord | undefined>;
  /** The tenants of these ids that exist, in no particular order: one lookup for a page of ids. */
  getTenants(ids: readonly string[]): Promise<TenantRecord[]>;
  getTenantByExternalId(externalId: string): Promise<TenantRecord | undefined>;
  listTenants(query: { limit?: number; offset?: number }): Promise<{ items: TenantRecord[]; total: number }>;
  updateTenant(id: string, patch: TenantPatch): Promise<TenantRecord | undefined>;
  /** The tenant record only; its users and flows are deleted first by the caller. */
  deleteTenant(id: string): Promise<boolean>;
  getUserByExternalId(tenantId: string, externalId: string): Promise<UserRecord | undefined>;
  /** Oldest first. */
  listTenantUsers(tenantId: string): Promise<UserRecord[]>;
  /** Deletes the user and everything keyed by the user except flows (the caller stops and deletes those first). */
  purgeUser(userId: string): Promise<PurgeCounts | undefined>;
  createHostKey(key: HostKeyRecord): Promise<void>;
  getHostKeyByHash(hash: string): Promise<HostKeyRecord | undefined>;
  /** Oldest first, revoked ones included. */
  listHostKeys(): Promise<HostKeyRecord[]>;
  /** False when no such key or already revoked. */
  revokeHostKey(id: string, at: number): Promise<boolean>;
  touchHostKey(id: string, at: number): Promise<void>;
}

/**
 * What changes with every write of a flow record: `updateFlow` increments `version`, `publishFlow`
 * sets `publishedVersion`, and both move `updatedAt` forward; `createdAt` tells a flow deleted and
 * made again under the same id.
 */
export type FlowStamp = Pick<FlowRecord, 'version' | 'publishedVersion' | 'createdAt' | 'updatedAt'>;

/** Whether `record` is the flow as it is stored now, given its stamp (`getFlowStamp`). */
export function isStampOf(record: FlowRecord, stamp: FlowStamp): boolean {
  return record.version === stamp.version && record.publishedVersion === stamp.publishedVersion && record.createdAt === stamp.createdAt && record.updatedAt === stamp.updatedAt;
}

/** Flow descriptors, drafts and published versions. */
export interface FlowStore {
  createFlow(flow: FlowRecord): Promise<void>;
  /** With `userId`, only that user's flow is found. */
  getFlow(flowId: string, userId?: string): Promise<FlowRecord | undefined>;
  /**
   * Optional: the flow's `FlowStamp`, read without its descriptors, so that a reader holding a
   * record can tell it is still the stored one (`isStampOf`) without reading hundreds of KB again
   * (the flow cache's reload, every second while a flow runs).
   */
  getFlowStamp?(flowId: string): Promise<FlowStamp | undefined>;
  listFlows(query: FlowListQuery): Promise<{ items: FlowRecord[]; total: number }>;
  /**
   * Every running flow of every user (engine restart); with `usingTypes`, only those whose running
   * descriptor (published, else draft) has a component of one of these types.
   */
  listRunningFlows(filter?: RunningFlowFilter): Promise<FlowRecord[]>;
  /** `expectedVersion` undefined: unconditional. Always increments the version. */
  updateFlow(flowId: string, userId: string, patch: FlowPatch, expectedVersion?: number): Promise<FlowUpdateResult>;
  /** Deletes the flow and its published versions. */
  deleteFlow(flowId: string, userId: string): Promise<boolean>;
  /**
   * Keeps `entry` as a published version and makes it the flow's live one (`publishedVersion`,
   * `publishedFlow`), only if the draft is still at `entry.draftVersion` and the last published
   * version is `entry.version - 1` (else conflict). Does not change the draft's `version`.
   */
  publishFlow(entry: FlowVersionRecord): Promise<FlowUpdateResult>;
  /** Every published version of the user's flow, newest first. */
  listFlowVersions(flowId: string, userId: string): Promise<FlowVersionRecord[]>;
  getFlowVersion(flowId: string, userId: string, version: number): Promise<FlowVersionRecord | undefined>;
}

/** Component and flow state (scope strings are the engine's). */
export interface ComponentStateStore {
  stateGet(scope: string, key: string): Promise<unknown>;
  stateSet(scope: string, key: string, value: unknown): Promise<void>;
  stateUnset(scope: string, key: string): Promise<void>;
  /** Deletes every key of every scope that starts with `scopePrefix`. */
  stateClear(scopePrefix: string): Promise<void>;
  /** Atomic add; a missing key counts as 0. */
  stateIncrement(scope: string, key: string, by: number): Promise<number>;
}

/** Per-user data stores (the Data Store components). */
export interface DataStores {
  dataGet(userId: string, storeId: string, key: string): Promise<DataItem | undefined>;
  dataSet(userId: string, storeId: string, key: string, value: unknown): Promise<void>;
  dataRemove(userId: string, storeId: string, key: string): Promise<boolean>;
  dataFind(userId: string, storeId: string, query: { prefix?: string; limit?: number }): Promise<DataItem[]>;
}

/** Unprocessed messages (dead letters). */
export interface UnprocessedStore {
  /** Idempotent on `id`. */
  addUnprocessed(message: UnprocessedMessage): Promise<void>;
  /** Without userId and userIds: everyone's (staff). `userIds`: any of these owners' (a tenant's members; empty finds none). */
  listUnprocessed(query: { userId?: string; userIds?: readonly string[]; flowId?: string; limit?: number; offset?: number }): Promise<{ items: UnprocessedMessage[]; total: number }>;
  getUnprocessed(id: string, userId?: string): Promise<UnprocessedMessage | undefined>;
  updateUnprocessed(id: string, userId: string | undefined, message: Record<string, unknown>): Promise<UnprocessedMessage | undefined>;
  deleteUnprocessed(id: string, userId?: string): Promise<boolean>;
}

export interface RunningFlowFilter {
  usingTypes: readonly string[];
}

/** Whether the flow's running descriptor has a component of one of `types` (what `RunningFlowFilter` keeps). */
export function runsAnyType(record: FlowRecord, types: readonly string[]): boolean {
  return Object.values(record.publishedFlow ?? record.flow).some((component) => {
    const type = (component as { type?: unknown } | null)?.type;
    return typeof type === 'string' && types.includes(type);
  });
}

/** What the engine keeps while runs go on: durable timers, processed ids, run values, leases, quotas. */
export interface RunStateStore {
  // Durable timers
  /** Upsert by id. */
  putTimer(timer: TimerRecord): Promise<void>;
  deleteTimer(id: string): Promise<boolean>;
  /** Deletes these timers in one step (the scheduler settles a batch of fired ones); how many existed. */
  deleteTimers(ids: readonly string[]): Promise<number>;
  deleteFlowTimers(flowId: string): Promise<number>;
  /**
   * Timers due at `now`, at most `limit`, leased to `owner` for `leaseMs` so that no other
   * scheduler claims them meanwhile. The caller fires each, then deletes or re-puts it.
   */
  claimDueTimers(now: number, limit: number, owner: string, leaseMs: number): Promise<TimerRecord[]>;

  // Idempotency: message ids already processed
  markProcessed(messageIds: readonly string[], at: number): Promise<void>;
  /** Subset of `messageIds` already processed. */
  findProcessed(messageIds: readonly string[]): Promise<Set<string>>;
  pruneProcessed(before: number): Promise<number>;

  // Run values: outputs too big to copy into every message of a run (engine/run-values.ts)
  /**
   * Upsert JSON texts by `hash` (content address) for `userId`. A value already stored keeps its
   * text; its expiry becomes the later of the two.
   */
  putRunValues(userId: string, values: readonly RunValue[], expiresAt: number): Promise<void>;
  /** The JSON text stored under `hash` for `userId`, unless it expired and was pruned. */
  getRunValue(userId: string, hash: string): Promise<string | undefined>;
  /** Keep these values until at least `expiresAt` (a timer or a parked message still needs them). */
  extendRunValues(userId: string, hashes: readonly string[], expiresAt: number): Promise<void>;
  pruneRunValues(before: number): Promise<number>;

  // Leases (one scheduler, one tick at a time per component)
  /** Acquire or renew; true if `owner` now holds `name` until now + ttlMs. */
  acquireLease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;

  // Quotas: a fixed window counter
  /** Counts one call in the window containing `now`; if over `limit`, returns when the next window opens. */
  takeQuota(key: string, limit: number, windowMs: number, now: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
}

/** Installation settings and custom modifiers (operators). */
export interface SettingsStore {
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown): Promise<void>;

  // Custom modifiers (admin), every version kept
  listModifiers(): Promise<ModifierRecord[]>;
  getModifier(name: string): Promise<ModifierRecord | undefined>;
  /**
   * Saves a new version (the store sets `version` and keeps `createdAt` of the first one).
   * `expectedVersion` undefined: unconditional; 0: only if absent (else conflict); n: only if at n
   * (absent: not_found, other version: conflict).
   */
  saveModifier(record: Omit<ModifierRecord, 'version' | 'createdAt'>, expectedVersion?: number): Promise<ModifierSaveResult>;
  /** Every saved version, oldest first; empty once deleted. */
  listModifierVersions(name: string): Promise<ModifierRecord[]>;
  /** Deletes the modifier and its history. */
  deleteModifier(name: string): Promise<boolean>;
}

/** Connected accounts (credentials, sealed). */
export interface AccountStore {
  createAccount(account: AccountRecord): Promise<void>;
  /** With `userId`, only that user's account is found. */
  getAccount(id: string, userId?: string): Promise<AccountRecord | undefined>;
  /** Oldest first. Without userId: everyone's (`weft secrets rotate`). */
  listAccounts(query: { userId?: string; limit?: number; offset?: number }): Promise<AccountRecord[]>;
  /**
   * Applies `patch` (and sets `updatedAt`). With `expectedSealed`, only while the stored `sealed`
   * is still that value (a key rotation must not overwrite a secret changed meanwhile).
   * Undefined when no such account (or the sealed value changed).
   */
  updateAccount(id: string, userId: string | undefined, patch: AccountPatch, expectedSealed?: string): Promise<AccountRecord | undefined>;
  deleteAccount(id: string, userId: string): Promise<boolean>;
}

/** Installed connector packages (operators), the tarball kept beside the record. */
export interface ConnectorPackageStore {
  /** Every installed package, by name, without tarballs. */
  listConnectorPackages(): Promise<ConnectorPackageRecord[]>;
  /** Insert or replace the package of `record.name` (a new version replaces the old one). */
  putConnectorPackage(record: ConnectorPackageRecord, tarball: Uint8Array): Promise<void>;
  getConnectorTarball(name: string): Promise<{ record: ConnectorPackageRecord; tarball: Uint8Array } | undefined>;
  deleteConnectorPackage(name: string): Promise<boolean>;
}
