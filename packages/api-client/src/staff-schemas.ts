/** @module Staff schemas: the Backoffice's tenants pages (`GET /admin/tenants`, `/admin/tenants/:id`) and stopping any tenant's flow. */
import { z } from 'zod';
import { FlowStage } from './schemas.ts';
import { Tenant, TenantRole } from './host-schemas.ts';

export const AdminTenantQuery = z.object({
  /** Part of the name or the external id, any case. */
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminTenantQuery = z.input<typeof AdminTenantQuery>;

/** A tenant with how much it holds. */
export const AdminTenant = Tenant.extend({ users: z.number().int(), flows: z.number().int(), runningFlows: z.number().int() });
export type AdminTenant = z.infer<typeof AdminTenant>;

export const AdminTenantList = z.object({ items: z.array(AdminTenant), total: z.number().int(), limit: z.number(), offset: z.number() });
export type AdminTenantList = z.infer<typeof AdminTenantList>;

export const AdminTenantMember = z.object({
  id: z.string(),
  /** The sign-in email, or the host's contact address; absent for a host user without one. */
  email: z.string().optional(),
  name: z.string().optional(),
  externalId: z.string().optional(),
  role: TenantRole,
  disabled: z.boolean(),
  createdAt: z.number(),
});
export type AdminTenantMember = z.infer<typeof AdminTenantMember>;

export const AdminTenantFlow = z.object({
  flowId: z.string(),
  name: z.string(),
  stage: FlowStage,
  /** The owner: runs execute as this user. */
  userId: z.string(),
  updatedAt: z.number(),
  startedAt: z.number().optional(),
});
export type AdminTenantFlow = z.infer<typeof AdminTenantFlow>;

/** One tenant, its users (oldest first) and its flows (running first, then by name; at most 500). */
export const AdminTenantDetail = Tenant.extend({ users: z.array(AdminTenantMember), flows: z.array(AdminTenantFlow), totalFlows: z.number().int() });
export type AdminTenantDetail = z.infer<typeof AdminTenantDetail>;
