/**
 * @module App-event routes: the host application fires its own events (`POST /app-events/:name`,
 * with a host API key of scope `events` naming the tenant, or a user token for the user's own
 * flows) and registers their schemas (`PUT /app-events/:name/schema`: host key or operator).
 */
import { Hono } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { AppEventName, AppEventSchemaBody, FireAppEventBody } from '@weft/api-client';
import { deleteAppEvent, fireAppEvent, listAppEvents, putAppEvent } from '../app-events/app-events.ts';
import type { Engine } from '../engine/engine.ts';
import { hostKeyOrUser, type HostKeyOrUserEnv } from '../tenancy/host-keys.ts';
import { readBody } from './validate-request.ts';

type AppEventEnv = HostKeyOrUserEnv;

function eventName(raw: string): string {
  const parsed = AppEventName.safeParse(raw);
  if (!parsed.success) throw new WeftError('request.invalid', `params.name: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { status: 400, path: 'params.name', retry: 'never' });
  return parsed.data;
}

export function appEventRoutes(engine: Engine) {
  const { store } = engine;
  return new Hono<AppEventEnv>()
    .get('/', hostKeyOrUser(store, 'read'), async (c) => c.json({ items: await listAppEvents(store) }))
    .post('/:name', hostKeyOrUser(store, 'events'), async (c) => {
      const name = eventName(c.req.param('name'));
      const body = await readBody(c, FireAppEventBody);
      const user = c.get('user');
      if (user) {
        if (body.tenant !== undefined || body.user !== undefined) {
          throw new WeftError('request.invalid', 'A user token fires events for its own flows; "tenant" and "user" are for host API keys.', { status: 400, path: body.tenant !== undefined ? 'body.tenant' : 'body.user', retry: 'never' });
        }
        if (user.tenantRole === 'viewer') throw new WeftError('auth.forbidden', 'A viewer cannot start runs.', { status: 403, retry: 'never' });
        return c.json(await fireAppEvent(engine, { userId: user.id }, name, body), 202);
      }
      if (body.tenant === undefined) throw new WeftError('request.invalid', 'Name the tenant whose flows the event is for ("tenant": its external id).', { status: 400, path: 'body.tenant', retry: 'never' });
      const tenant = await store.getTenantByExternalId(body.tenant);
      if (!tenant) throw new WeftError('tenant.not_found', `No tenant with external id "${body.tenant}".`, { status: 404, path: 'body.tenant', retry: 'never' });
      let userId: string | undefined;
      if (body.user !== undefined) {
        const found = await store.getUserByExternalId(tenant.id, body.user);
        if (!found) throw new WeftError('user.not_found', `No user with external id "${body.user}" in tenant "${body.tenant}".`, { status: 404, path: 'body.user', retry: 'never' });
        userId = found.id;
      }
      return c.json(await fireAppEvent(engine, { tenantId: tenant.id, userId }, name, body), 202);
    })
    .put('/:name/schema', hostKeyOrUser(store, 'events'), async (c) => {
      const name = eventName(c.req.param('name'));
      const user = c.get('user');
      if (user && user.role !== 'admin') throw new WeftError('auth.forbidden', 'Only the host application (a host API key) or an operator registers app events.', { status: 403, retry: 'never' });
      const body = await readBody(c, AppEventSchemaBody);
      return c.json(await putAppEvent(store, name, body));
    })
    .delete('/:name/schema', hostKeyOrUser(store, 'events'), async (c) => {
      const name = eventName(c.req.param('name'));
      const user = c.get('user');
      if (user && user.role !== 'admin') throw new WeftError('auth.forbidden', 'Only the host application (a host API key) or an operator registers app events.', { status: 403, retry: 'never' });
      if (!(await deleteAppEvent(store, name))) throw new WeftError('event.not_registered', `No registered app event "${name}".`, { status: 404, path: 'params.name', retry: 'never' });
      return c.body(null, 204);
    });
}
