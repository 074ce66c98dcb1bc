/**
 * @module Route guard: after `requireUser` has found the caller, looks up the route's entry in the
 * route table (ROUTES of @weft/api-client) and enforces what it says, whatever the handler checks
 * itself: operator-only routes refuse everyone but operators; a write route (role editor or owner)
 * refuses tenant roles below it, and support staff unless the entry says `supportMayWrite`.
 */
import { isWriteRoute, matchRoute, routeAuths, type RouteRole, type RouteSpec } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { UserRecord } from '../ports/store.ts';

const RANK: Record<RouteRole, number> = { viewer: 0, editor: 1, owner: 2 };

function forbidden(message: string): WeftError {
  return new WeftError('auth.forbidden', message, { status: 403, retry: 'never' });
}

/** A viewer (or a role below the route's) gets the same code as the tenancy's own check. */
function readOnly(message: string): WeftError {
  return new WeftError('tenant.read_only', message, { status: 403, retry: 'never' });
}

/** Throws 403 (`auth.forbidden`, or `tenant.read_only` for a role too low) when `user` may not call `spec`'s route. */
export function assertRouteAllowed(spec: RouteSpec, user: UserRecord): void {
  const auths = routeAuths(spec);
  if (!auths.includes('user')) {
    if (auths.includes('operator') && user.role === 'admin') return;
    if (auths.includes('staff') && (user.role === 'admin' || user.role === 'support')) return;
    // Public and host-key-only routes never reach here with a user; their own middleware refuses one.
    if (auths.every((auth) => auth === 'none' || auth.startsWith('hostKey:'))) return;
    throw forbidden(auths.includes('staff') ? 'Only operators and support staff may do this.' : 'Only an operator may do this.');
  }
  if (!isWriteRoute(spec)) return;
  if (user.role === 'support' && !spec.supportMayWrite) throw forbidden('Support staff read every tenant but change nothing except retrying unprocessed messages.');
  if (RANK[user.tenantRole] < RANK[spec.role!]) throw readOnly(`This needs the ${spec.role} role in your tenant; you are ${user.tenantRole === 'viewer' ? 'a viewer' : `an ${user.tenantRole}`}.`);
}

/** The guard for a request: the entry its method and path land on (none: nothing to enforce). */
export function guardRequest(method: string, path: string, user: UserRecord): void {
  const match = matchRoute(method, path);
  if (match) assertRouteAllowed(match.spec, user);
}
