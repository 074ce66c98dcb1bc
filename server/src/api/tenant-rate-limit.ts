/** @module The API side of per-tenant rate limits: signed-in requests count against the user's tenant. */
import type { MiddlewareHandler } from 'hono';
import type { TenantRateLimiter } from '../tenancy/tenant-rates.ts';
import type { ApiEnv } from './app-env.ts';

/**
 * `requireUser`, then one token from the user's tenant's `api` bucket (429 `tenant.rate_limited`
 * with `Retry-After` when it is empty). A request that passes several of these middlewares (a
 * route mounted under two patterns) is counted once.
 */
export function tenantRateLimited(requireUser: MiddlewareHandler<ApiEnv>, limiter: TenantRateLimiter): MiddlewareHandler<ApiEnv> {
  const counted = new WeakSet<Request>();
  return (c, next) =>
    requireUser(c, async () => {
      if (!counted.has(c.req.raw)) {
        counted.add(c.req.raw);
        await limiter.admit(c.get('user').tenantId, 'api');
      }
      await next();
    });
}
