/** @module Audit schemas: `GET /audit`, who did what (operators: all tenants; tenant owners: their own). */
import { z } from 'zod';

/** The stable action names the server records; the Backoffice offers them as a filter. */
export const AUDIT_ACTIONS = [
  'flow.create', 'flow.update', 'flow.delete', 'flow.start', 'flow.stop', 'flow.publish', 'flow.import',
  'tenant.upsert', 'tenant.delete', 'user.upsert', 'user.create', 'user.role_change', 'user.delete', 'user.disable', 'user.enable',
  'hostKey.create', 'hostKey.revoke', 'settings.update', 'modifier.create', 'modifier.update', 'modifier.delete',
  'unprocessed.retry', 'unprocessed.delete', 'support.read_logs', 'support.read_unprocessed', 'support.read_flows',
  'support.read_flow', 'support.read_runs', 'support.read_run', 'support.read_tenant',
] as const;
export const AuditAction = z.string().min(1).max(100);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditVia = z.enum(['user', 'hostKey', 'cli']);
export type AuditVia = z.infer<typeof AuditVia>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  actor: z.object({ id: z.string(), role: z.string(), tenantId: z.string().optional(), via: AuditVia }),
  action: AuditAction,
  tenantId: z.string().optional(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()).optional(),
  /**
   * Who the actor is, for people: a user's name (else the email the host gave, else the login email),
   * a host key's name. Absent when unknown (deleted, the command line) or not yours to see: a tenant
   * owner sees the names of their own tenant's people only.
   */
  actorName: z.string().optional(),
  /** The name of `tenantId`'s tenant; absent when it is gone. */
  tenantName: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Times are epoch ms or ISO 8601; `from` inclusive, `to` exclusive. `tenantId` is for operators. */
export const AuditQuery = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: AuditAction.optional(),
  tenantId: z.string().min(1).max(200).optional(),
  from: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  to: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type AuditQuery = z.input<typeof AuditQuery>;

/** A page of entries, each with `actorName` and `tenantName` resolved for the whole page at once. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().optional() });
export type AuditPage = z.infer<typeof AuditPage>;
