/**
 * @module Tenant tables of the embedded Store: tenants, the tenant columns of users and flows, host
 * keys, and the in-place upgrade that gives every user of an older file a tenant of their own.
 */
import type { HostKeyRecord, HostKeyScope, Role, TenantRecord, TenantRole, UserRecord } from '../../ports/store.ts';
import type { SqliteDatabase } from './open-database.ts';

const TENANT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS tenants (
    id TEXT PRIMARY KEY,
    external_id TEXT,
    name TEXT NOT NULL,
    subdomain TEXT,
    limits TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS tenants_external ON tenants (external_id) WHERE external_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS tenants_created ON tenants (created_at, id);

  CREATE TABLE IF NOT EXISTS host_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
`;

const USER_COLUMNS = ['tenant_id TEXT', 'tenant_role TEXT', 'external_id TEXT', 'name TEXT', 'contact_email TEXT'];

/**
 * Tenants, in place: a file made before them gets the columns, and each user without a tenant gets
 * one of their own (id `t-<user id>`, so two processes upgrading at once make the same one) as its
 * owner; each flow joins its owner's tenant. Idempotent; one immediate transaction.
 */
export function upgradeTenants(db: SqliteDatabase): void {
  db.exec(TENANT_SCHEMA);
  const hasColumn = (table: string, column: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
  if (!hasColumn('users', 'tenant_id') || !hasColumn('flows', 'tenant_id')) upgradeColumns(db, hasColumn);
  db.exec(`
    CREATE UNIQUE INDEX IF NOT EXISTS users_external ON users (tenant_id, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS users_tenant ON users (tenant_id, created_at, id);
    CREATE INDEX IF NOT EXISTS flows_tenant_updated ON flows (tenant_id, updated_at, flow_id);
    CREATE INDEX IF NOT EXISTS flows_tenant_created ON flows (tenant_id, created_at, flow_id);
    CREATE INDEX IF NOT EXISTS flows_tenant_name ON flows (tenant_id, name COLLATE NOCASE, flow_id);
  `);
}

function upgradeColumns(db: SqliteDatabase, hasColumn: (table: string, column: string) => boolean): void {
  db.transaction(() => {
    for (const column of USER_COLUMNS) if (!hasColumn('users', column.split(' ')[0]!)) db.exec(`ALTER TABLE users ADD COLUMN ${column}`);
    if (!hasColumn('flows', 'tenant_id')) db.exec('ALTER TABLE flows ADD COLUMN tenant_id TEXT');
    db.exec(`INSERT OR IGNORE INTO tenants (id, external_id, name, subdomain, limits, created_at)
      SELECT 't-' || id, NULL, email, NULL, '{}', created_at FROM users WHERE tenant_id IS NULL`);
    db.exec("UPDATE users SET tenant_id = 't-' || id, tenant_role = 'owner' WHERE tenant_id IS NULL");
    db.exec('UPDATE flows SET tenant_id = (SELECT tenant_id FROM users WHERE users.id = flows.user_id) WHERE tenant_id IS NULL');
    // A flow whose owner is gone keeps a tenant of its own rather than none.
    db.exec("UPDATE flows SET tenant_id = 't-' || user_id WHERE tenant_id IS NULL");
  }).immediate();
}

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: number;
  tenant_id: string;
  tenant_role: string | null;
  external_id: string | null;
  name: string | null;
  contact_email: string | null;
}

export function toUser(row: UserRow): UserRecord {
  const user: UserRecord = {
    id: row.id, email: row.email, passwordHash: row.password_hash, role: toRole(row.role), disabled: row.disabled === 1, createdAt: row.created_at,
    tenantId: row.tenant_id, tenantRole: toTenantRole(row.tenant_role),
  };
  if (row.external_id !== null) user.externalId = row.external_id;
  if (row.name !== null) user.name = row.name;
  if (row.contact_email !== null) user.contactEmail = row.contact_email;
  return user;
}

function toRole(role: string): Role {
  return role === 'admin' || role === 'support' ? role : 'user';
}

function toTenantRole(role: string | null): TenantRole {
  return role === 'editor' || role === 'viewer' ? role : 'owner';
}

export interface TenantRow {
  id: string;
  external_id: string | null;
  name: string;
  subdomain: string | null;
  limits: string;
  created_at: number;
}

export function toTenant(row: TenantRow): TenantRecord {
  const tenant: TenantRecord = { id: row.id, name: row.name, limits: JSON.parse(row.limits) as TenantRecord['limits'], createdAt: row.created_at };
  if (row.external_id !== null) tenant.externalId = row.external_id;
  if (row.subdomain !== null) tenant.subdomain = row.subdomain;
  return tenant;
}

export function toHostKey(row: { record: string }): HostKeyRecord {
  const parsed = JSON.parse(row.record) as HostKeyRecord;
  return { ...parsed, scopes: parsed.scopes.filter((scope): scope is HostKeyScope => ['provision', 'events', 'read'].includes(scope)) };
}
