/** @module Host schemas: host API keys, provisioning of tenants and users, user tokens and the signed-token exchange. */
import { z } from 'zod';

export const HostKeyScope = z.enum(['provision', 'events', 'read']);
export type HostKeyScope = z.infer<typeof HostKeyScope>;

/** `POST /admin/host-keys`. */
export const CreateHostKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(HostKeyScope).min(1).default(['provision']),
});
export type CreateHostKeyBody = z.infer<typeof CreateHostKeyBody>;

/** A host key as listed: never the key itself. */
export const HostKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(HostKeyScope),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
  revokedAt: z.number().optional(),
});
export type HostKey = z.infer<typeof HostKey>;
export const HostKeyList = z.object({ items: z.array(HostKey) });
export type HostKeyList = z.infer<typeof HostKeyList>;
/** The answer of a creation: the only time the key (`wk_…`) is shown. */
export const CreatedHostKey = HostKey.extend({ key: z.string() });
export type CreatedHostKey = z.infer<typeof CreatedHostKey>;

/** An external id of the host's: letters, digits and `._:@-`, at most 200. */
export const ExternalId = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:@-]+$/, 'use letters, digits and . _ : @ -');

/** Per-second rates (0: no limit for this tenant) and bursts of the tenant's webhook calls and API requests. */
const rate = z.number().min(0).max(1_000_000).optional();
const burst = z.number().int().min(1).max(10_000_000).optional();
export const TenantLimits = z.object({
  maxFlows: z.number().int().min(0).max(1_000_000).optional(),
  webhookRate: rate, webhookBurst: burst, apiRate: rate, apiBurst: burst,
}).strict();
export type TenantLimits = z.infer<typeof TenantLimits>;

/** `PUT /host/tenants/:externalId`. */
export const UpsertTenantBody = z.object({
  name: z.string().trim().min(1).max(200),
  subdomain: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a DNS label: a-z, 0-9 and -').optional(),
  limits: TenantLimits.optional(),
});
export type UpsertTenantBody = z.infer<typeof UpsertTenantBody>;

export const Tenant = z.object({
  id: z.string(),
  externalId: z.string().optional(),
  name: z.string(),
  subdomain: z.string().optional(),
  limits: TenantLimits,
  createdAt: z.number(),
});
export type Tenant = z.infer<typeof Tenant>;

export const TenantRole = z.enum(['owner', 'editor', 'viewer']);
export type TenantRole = z.infer<typeof TenantRole>;

/** `PUT /host/tenants/:externalId/users/:externalUserId`. */
export const UpsertTenantUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  role: TenantRole.default('editor'),
});
export type UpsertTenantUserBody = z.infer<typeof UpsertTenantUserBody>;

export const TenantUser = z.object({
  id: z.string(),
  externalId: z.string(),
  tenantId: z.string(),
  role: TenantRole,
  name: z.string().optional(),
  email: z.string().optional(),
  createdAt: z.number(),
});
export type TenantUser = z.infer<typeof TenantUser>;

/** Default and longest life of a user token the host mints. */
export const HOST_TOKEN_DEFAULT_TTL_SECONDS = 600;
export const HOST_TOKEN_MAX_TTL_SECONDS = 3600;

/** `POST /host/tenants/:externalId/users/:externalUserId/tokens`. */
export const MintTokenBody = z.object({ ttlSeconds: z.number().int().min(1).max(HOST_TOKEN_MAX_TTL_SECONDS).default(HOST_TOKEN_DEFAULT_TTL_SECONDS) });
export type MintTokenBody = z.infer<typeof MintTokenBody>;
export const MintedToken = z.object({ token: z.string(), expiresAt: z.number() });
export type MintedToken = z.infer<typeof MintedToken>;

/** What a `DELETE` of a user or a tenant removed. */
export const DeletedCounts = z.object({
  users: z.number(), flows: z.number(), tokens: z.number(), dataItems: z.number(), unprocessedMessages: z.number(), accounts: z.number(), runValues: z.number(),
});
export type DeletedCounts = z.infer<typeof DeletedCounts>;

/** A key the host signs exchange tokens with: an HS256 secret, or a public key as a JWK (RS256, ES256, EdDSA). */
export const VerificationKeyBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('secret'), kid: z.string().min(1).max(200), secret: z.string().min(32, 'at least 32 characters').max(1024) }),
  z.object({ type: z.literal('jwk'), kid: z.string().min(1).max(200), jwk: z.record(z.string(), z.unknown()) }),
]);
export type VerificationKeyBody = z.infer<typeof VerificationKeyBody>;
export const VerificationKey = z.object({ kid: z.string(), type: z.enum(['secret', 'jwk']), alg: z.string(), createdAt: z.number() });
export type VerificationKey = z.infer<typeof VerificationKey>;
export const VerificationKeyList = z.object({ audience: z.string(), items: z.array(VerificationKey) });
export type VerificationKeyList = z.infer<typeof VerificationKeyList>;

/** `POST /auth/exchange`. */
export const ExchangeBody = z.object({ token: z.string().min(1).max(8192) });
export type ExchangeBody = z.infer<typeof ExchangeBody>;
