/**
 * @module Host routes (server to server, `Authorization: Bearer wk_…`): idempotent upserts of
 * tenants and their users, user tokens, deletes with counts, and the verification keys of the
 * signed-token exchange. Also `POST /auth/exchange`, which the browser calls with a host-signed JWT.
 */
import { Hono } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { ExchangeBody, ExternalId, MintTokenBody, UpsertTenantBody, UpsertTenantUserBody, VerificationKeyBody } from '@weft/api-client';
import type { Engine } from '../engine/engine.ts';
import type { TenantRecord, UserRecord } from '../ports/store.ts';
import type { SecretBox } from '../secrets/index.ts';
import { requireHostKey, type HostKeyEnv } from '../tenancy/host-keys.ts';
import { deleteTenantAndBelongings, deleteUserAndBelongings, upsertTenant, upsertTenantUser } from '../tenancy/tenants.ts';
import { deleteVerificationKey, listVerificationKeys, publicVerificationKey, putVerificationKey, verifyExchangeToken } from '../tenancy/token-exchange.ts';
import type { ApiEnv } from './app-env.ts';
import { issueToken } from './auth.ts';
import { readBody } from './validate-request.ts';

export const tenantBody = (tenant: TenantRecord) => ({
  id: tenant.id, name: tenant.name, limits: tenant.limits, createdAt: tenant.createdAt,
  ...(tenant.externalId !== undefined ? { externalId: tenant.externalId } : {}), ...(tenant.subdomain !== undefined ? { subdomain: tenant.subdomain } : {}),
});

export const tenantUserBody = (user: UserRecord) => ({
  id: user.id, externalId: user.externalId ?? '', tenantId: user.tenantId, role: user.tenantRole, createdAt: user.createdAt,
  ...(user.name !== undefined ? { name: user.name } : {}), ...(user.contactEmail !== undefined ? { email: user.contactEmail } : {}),
});

/** An external id from the path, checked like a body field (400 with `params.<name>`). */
function externalParam(value: string, name: string): string {
  const parsed = ExternalId.safeParse(value);
  if (!parsed.success) throw new WeftError('request.invalid', `params.${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { status: 400, path: `params.${name}`, retry: 'never' });
  return parsed.data;
}

/** `box` seals the HS256 secrets of verification keys. */
export function hostRoutes(engine: Engine, box: SecretBox | undefined) {
  const { store } = engine;
  const provision = requireHostKey(store, 'provision');
  const read = requireHostKey(store, 'read');

  const tenantOf = async (raw: string): Promise<TenantRecord> => {
    const externalId = externalParam(raw, 'externalId');
    const tenant = await store.getTenantByExternalId(externalId);
    if (!tenant) throw new WeftError('tenant.not_found', `No tenant with external id "${externalId}"; create it with PUT /host/tenants/${externalId}.`, { status: 404, path: 'params.externalId', retry: 'never' });
    return tenant;
  };
  const userOf = async (tenant: TenantRecord, raw: string): Promise<UserRecord> => {
    const externalUserId = externalParam(raw, 'externalUserId');
    const user = await store.getUserByExternalId(tenant.id, externalUserId);
    if (!user) throw new WeftError('user.not_found', `No user with external id "${externalUserId}" in tenant "${tenant.externalId ?? tenant.id}".`, { status: 404, path: 'params.externalUserId', retry: 'never' });
    return user;
  };

  return new Hono<HostKeyEnv>()
    .put('/tenants/:externalId', provision, async (c) => {
      const externalId = externalParam(c.req.param('externalId'), 'externalId');
      const body = await readBody(c, UpsertTenantBody);
      // The limits sent replace the tenant's limits whole; fields left out fall back to the defaults.
      const limits = body.limits === undefined ? undefined : Object.fromEntries(Object.entries(body.limits).filter(([, value]) => value !== undefined));
      const { tenant, created } = await upsertTenant(store, externalId, { name: body.name, subdomain: body.subdomain, limits });
      await c.var.audit('tenant.upsert', { target: { type: 'tenant', id: tenant.id }, tenantId: tenant.id, details: { externalId, name: tenant.name, created, ...(limits ? { limits } : {}) } });
      return c.json(tenantBody(tenant), created ? 201 : 200);
    })
    .get('/tenants/:externalId', read, async (c) => {
      const tenant = await tenantOf(c.req.param('externalId'));
      return c.json({ ...tenantBody(tenant), users: (await store.listTenantUsers(tenant.id)).map(tenantUserBody) });
    })
    .delete('/tenants/:externalId', provision, async (c) => {
      const tenant = await tenantOf(c.req.param('externalId'));
      const deleted = await deleteTenantAndBelongings(engine, tenant);
      await c.var.audit('tenant.delete', { target: { type: 'tenant', id: tenant.id }, tenantId: tenant.id, details: { externalId: tenant.externalId, deleted } });
      return c.json({ deleted });
    })
    .put('/tenants/:externalId/users/:externalUserId', provision, async (c) => {
      const tenant = await tenantOf(c.req.param('externalId'));
      const externalUserId = externalParam(c.req.param('externalUserId'), 'externalUserId');
      const body = await readBody(c, UpsertTenantUserBody);
      const before = await store.getUserByExternalId(tenant.id, externalUserId);
      const { user, created } = await upsertTenantUser(store, tenant, externalUserId, body);
      const target = { type: 'user', id: user.id };
      await c.var.audit('user.upsert', { target, tenantId: tenant.id, details: { externalId: externalUserId, role: user.tenantRole, created } });
      if (before && before.tenantRole !== user.tenantRole) {
        await c.var.audit('user.role_change', { target, tenantId: tenant.id, details: { externalId: externalUserId, from: before.tenantRole, to: user.tenantRole } });
      }
      // A demoted user's flows list and rights change at its next request: roles are read every time.
      return c.json(tenantUserBody(user), created ? 201 : 200);
    })
    .delete('/tenants/:externalId/users/:externalUserId', provision, async (c) => {
      const tenant = await tenantOf(c.req.param('externalId'));
      const user = await userOf(tenant, c.req.param('externalUserId'));
      const deleted = await deleteUserAndBelongings(engine, user);
      await c.var.audit('user.delete', { target: { type: 'user', id: user.id }, tenantId: tenant.id, details: { externalId: user.externalId, deleted } });
      return c.json({ deleted });
    })
    .post('/tenants/:externalId/users/:externalUserId/tokens', provision, async (c) => {
      const tenant = await tenantOf(c.req.param('externalId'));
      const user = await userOf(tenant, c.req.param('externalUserId'));
      const { ttlSeconds } = await readBody(c, MintTokenBody);
      if (user.disabled) throw new WeftError('auth.disabled', 'This user is disabled; enable it before minting tokens.', { status: 403, retry: 'never' });
      const { token, expiresAt } = await issueToken(store, user, ttlSeconds * 1000);
      return c.json({ token, expiresAt }, 201);
    })
    .get('/verification-keys', read, async (c) => c.json({ audience: engine.contextServices.publicUrl, items: await listVerificationKeys(store) }))
    .put('/verification-keys/:kid', provision, async (c) => {
      const body = await readBody(c, VerificationKeyBody);
      if (body.kid !== c.req.param('kid')) throw new WeftError('request.invalid', 'body.kid must equal the kid in the path.', { status: 400, path: 'body.kid', retry: 'never' });
      return c.json(publicVerificationKey(await putVerificationKey(store, box, body)));
    })
    .delete('/verification-keys/:kid', provision, async (c) => {
      if (!(await deleteVerificationKey(store, c.req.param('kid')))) {
        throw new WeftError('host.key_not_found', `No verification key "${c.req.param('kid')}".`, { status: 404, path: 'params.kid', retry: 'never' });
      }
      return c.body(null, 204);
    });
}

/** `POST /auth/exchange`: a host-signed JWT for a Weft token of the user it names. */
export function exchangeRoutes(engine: Engine, options: { audience?: string | undefined; tokenTtlMs: number; box: SecretBox | undefined }) {
  return new Hono<ApiEnv>().post('/exchange', async (c) => {
    const { token } = await readBody(c, ExchangeBody);
    // Read per call: without WEFT_EXCHANGE_AUDIENCE the audience is the public URL, known once listening.
    const audience = options.audience ?? engine.contextServices.publicUrl;
    const user = await verifyExchangeToken(engine.store, options.box, token, audience);
    return c.json(await issueToken(engine.store, user, options.tokenTtlMs), 201);
  });
}
