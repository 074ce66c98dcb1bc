/**
 * @module Audit trail: puts `c.var.audit(action, …)` on every request, so handlers record who did
 * what in the AuditLog; `auditStaffRead` records staff reads of another tenant's data.
 *
 * Policy: an entry is written after the change and before the answer. If it cannot be written the
 * caller gets 503 `audit.unavailable` (see README "Audit log"), and a staff read is refused before
 * anything is read: no read of another tenant goes unrecorded.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import { WeftError } from '@weft/connector-kit';
import type { AuditActor, AuditEntry, AuditLog, AuditTarget } from '../ports/audit-log.ts';
import type { Store, UserRecord } from '../ports/store.ts';

/** What a handler says about one act; the actor comes from the request. */
export interface AuditRecord {
  target: AuditTarget;
  /** Default: the actor's tenant. `null`: an installation-wide act (settings, host keys, modifiers). */
  tenantId?: string | null | undefined;
  details?: Record<string, unknown>;
}

export type AuditRecorder = (action: string, record: AuditRecord) => Promise<void>;

/** Keys whose values never enter an entry, at any depth. */
const SECRET_KEY = /pass(word)?|secret|token|hash|credential|authorization|apikey|^key$|private/i;

export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => withoutSecrets(item, depth + 1));
  if (value === null || typeof value !== 'object') return typeof value === 'string' && value.length > 500 ? `${value.slice(0, 500)}…` : value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_KEY.test(key)).map(([key, item]) => [key, withoutSecrets(item, depth + 1)]));
}

/** The staff role (operator, support) or, for a tenant user, the role within the tenant. */
export function actorOfUser(user: UserRecord): AuditActor {
  const role = user.role === 'admin' ? 'operator' : user.role === 'support' ? 'support' : user.tenantRole;
  return { id: user.id, role, tenantId: user.tenantId, via: 'user' };
}

function actorOf(c: Context): AuditActor | undefined {
  const user = c.get('user') as UserRecord | undefined;
  if (user) return actorOfUser(user);
  const hostKey = c.get('hostKey') as { id: string } | undefined;
  if (hostKey) return { id: hostKey.id, role: 'host', via: 'hostKey' };
  return undefined;
}

export function auditUnavailable(cause: unknown): WeftError {
  return new WeftError('audit.unavailable', 'The audit log cannot be written, so this action is refused; try again shortly.', { status: 503, retry: 'retry', cause });
}

let sequence = 0;

/** Ids that sort in the order this process wrote them, also within one millisecond (the log pages by time, then id). */
function entryId(now: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `${now.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}-${randomUUID().slice(0, 8)}`;
}

/** Writes one entry; a failure becomes `audit.unavailable`. Used by the CLI as well (`via: 'cli'`). */
export async function writeAudit(log: AuditLog, actor: AuditActor, action: string, record: AuditRecord, now = Date.now()): Promise<void> {
  const tenantId = record.tenantId === null ? undefined : record.tenantId ?? actor.tenantId;
  const entry: AuditEntry = {
    id: entryId(now), at: now, actor, action, target: record.target,
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(record.details === undefined ? {} : { details: withoutSecrets(record.details) as Record<string, unknown> }),
  };
  try {
    await log.append(entry);
  } catch (error) {
    throw auditUnavailable(error);
  }
}

/** Middleware: `c.var.audit` reads the actor when called (after the auth middleware has run). */
export function auditTrail(log: AuditLog | undefined): MiddlewareHandler {
  return async (c, next) => {
    const audit: AuditRecorder = async (action, record) => {
      if (!log) return;
      const actor = actorOf(c);
      if (!actor) throw new Error(`audit(${action}) called on a request without a user or host key`);
      await writeAudit(log, actor, action, record);
    };
    c.set('audit', audit);
    await next();
  };
}

/**
 * Records a staff member's read of another tenant's data (`support.read_logs`, …) before the read
 * happens; does nothing for a tenant user or a read of the staff member's own tenant.
 */
export async function auditStaffRead(c: Context, read: { action: string; of: { tenantId: string }; target: AuditTarget; details?: Record<string, unknown> }): Promise<void> {
  const user = c.get('user') as UserRecord | undefined;
  if (!user || user.role === 'user' || user.tenantId === read.of.tenantId) return;
  const audit = c.get('audit') as AuditRecorder | undefined;
  if (!audit) return;
  await audit(read.action, { target: read.target, tenantId: read.of.tenantId, ...(read.details ? { details: read.details } : {}) });
}

/** Deletes entries older than `retentionDays`, now and then every hour; returns a stop function. */
export function startAuditPruning(log: AuditLog, retentionDays: number, onError: (error: unknown) => void): () => void {
  const prune = () => {
    log.prune(Date.now() - retentionDays * 86_400_000).catch(onError);
  };
  prune();
  const timer = setInterval(prune, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Who ran a `weft` command: the operating-system account, as no Weft user is signed in. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the entry still says the command line did it.
  }
  return { id: `cli:${name}`, role: 'cli', via: 'cli' };
}

/**
 * Audits a staff read of records through filters (`GET /logs`, `/runs`, `/unprocessed-messages`,
 * `/flows`) before anything is read: the tenant named, or the tenant of the user or flow named; a
 * staff read across every tenant (no filter) is recorded too. Tenant users are never audited here.
 */
export async function auditStaffQuery(
  c: Context,
  store: Pick<Store, 'getUser' | 'getFlow'>,
  action: string,
  query: { tenantId?: string | undefined; userId?: string | undefined; flowId?: string | undefined },
  details: Record<string, unknown> = {},
): Promise<void> {
  const user = c.get('user') as UserRecord | undefined;
  if (!user || user.role === 'user') return;
  const tenantId = query.tenantId
    ?? (query.userId === undefined ? undefined : (await store.getUser(query.userId))?.tenantId)
    ?? (query.flowId === undefined ? undefined : (await store.getFlow(query.flowId))?.tenantId);
  const target = query.flowId === undefined ? { type: 'tenant', id: tenantId ?? '*' } : { type: 'flow', id: query.flowId };
  if (tenantId !== undefined) return auditStaffRead(c, { action, of: { tenantId }, target, details });
  const audit = c.get('audit') as AuditRecorder | undefined;
  await audit?.(action, { target, details: { ...details, allTenants: true } });
}
