/** @module AuditLog port: append who-did-what entries and query them for operators and tenant owners. */

/** How the actor reached Weft: a user token, a host API key, or the `weft` command line. */
export type AuditVia = 'user' | 'hostKey' | 'cli';

export interface AuditActor {
  /** User id, host key id, or `cli` with the operator's email when known. */
  id: string;
  /** `operator`, `support`, `user` (staff role), or the tenant role, or `host`/`cli`. */
  role: string;
  tenantId?: string;
  via: AuditVia;
}

export interface AuditTarget {
  /** `flow`, `user`, `tenant`, `hostKey`, `settings`, `modifier`, `unprocessed`, `logs`… */
  type: string;
  id: string;
}

export interface AuditEntry {
  /** Unique; appending an entry with an id already present is a no-op. */
  id: string;
  /** Epoch milliseconds. */
  at: number;
  actor: AuditActor;
  /** Stable dotted name: `flow.create`, `user.role_change`, `support.read_logs`… */
  action: string;
  /** The tenant whose data was touched (absent for installation-wide acts such as settings). */
  tenantId?: string;
  target: AuditTarget;
  /** What changed, never a secret (the trail strips keys that look like one). */
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Only this tenant's entries (tenant owners always pass theirs). */
  tenantId?: string;
  actorId?: string;
  action?: string;
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Exclusive upper bound, epoch ms. */
  to?: number;
  /** Default 50, maximum 500. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditPage>;
  /** Removes entries older than `before` (epoch ms); answers how many went. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 500;

/** Cursor of a page that ends with `entry`: its time and id, newest-first order. */
export function auditCursor(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id])).toString('base64url');
}

export function readAuditCursor(cursor: string): { at: number; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return { at: value[0], id: value[1] };
  } catch {
    // An unreadable cursor reads from the start, as an absent one.
  }
  return undefined;
}

export function auditLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? AUDIT_DEFAULT_LIMIT)), AUDIT_MAX_LIMIT);
}
