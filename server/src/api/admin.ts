/** @module Admin routes: users, everyone's unprocessed messages, and the engine settings (role admin only). */
import { Hono } from 'hono';
import { AdminRetryBody, AdminSettings, AdminUnprocessedQuery, AdminUserQuery, CreateHostKeyBody, EditUnprocessedBody } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import { createHostKey, publicHostKey } from '../tenancy/host-keys.ts';
import type { Engine } from '../engine/engine.ts';
import { SETTINGS_KEY } from '../engine/engine.ts';
import { restoreRedacted } from '../engine/redact.ts';
import type { UserRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { publicUser } from './auth.ts';
import { notFound } from './errors.ts';
import { redactUnprocessed, withNames } from './unprocessed.ts';
import { dropUndefined } from './flows.ts';
import { requireAdmin } from './modifiers.ts';
import { readBody, readQuery } from './validate-request.ts';

const adminUser = (user: UserRecord) => ({ ...publicUser(user), disabled: user.disabled });

export function adminRoutes(engine: Engine) {
  const { store } = engine;
  const setDisabled = (disabled: boolean) => async (id: string) => {
    const user = await store.updateUser(id, { disabled });
    if (!user) throw notFound('user', id);
    engine.flows.invalidateUser(id);
    if (disabled) {
      // A disabled account's tokens stop working at once (requireUser checks `disabled`); revoke them too.
      await store.revokeUserTokens(id, Date.now());
      // Its flows stop as if it had stopped them: webhooks answer 410, timers and ticks are gone.
      // Enabling the account again leaves them stopped; their owner starts the ones still wanted.
      await engine.stopUserFlows(id);
    }
    return adminUser(user);
  };
  const disable = setDisabled(true);
  const enable = setDisabled(false);

  return new Hono<ApiEnv>()
    .use('*', requireAdmin)
    // Users
    .get('/users', async (c) => {
      const { limit, offset } = readQuery(c, AdminUserQuery);
      const { items, total } = await store.listUsers({ limit, offset });
      return c.json({ items: items.map(adminUser), total, limit, offset });
    })
    .post('/users/:id/disable', async (c) => {
      const user = await disable(c.req.param('id'));
      await c.var.audit('user.disable', { target: { type: 'user', id: user.id }, tenantId: user.tenantId });
      return c.json(user);
    })
    .post('/users/:id/enable', async (c) => {
      const user = await enable(c.req.param('id'));
      await c.var.audit('user.enable', { target: { type: 'user', id: user.id }, tenantId: user.tenantId });
      return c.json(user);
    })
    .post('/users/:id/revoke-tokens', async (c) => {
      const id = c.req.param('id');
      if (!(await store.getUser(id))) throw notFound('user', id);
      return c.json({ revoked: await store.revokeUserTokens(id, Date.now()) });
    })
    // Unprocessed messages of every user
    .get('/unprocessed-messages', async (c) => {
      const query = readQuery(c, AdminUnprocessedQuery);
      const { items, total } = await store.listUnprocessed(dropUndefined(query));
      return c.json({ items: await withNames(engine, items.map(redactUnprocessed)), total });
    })
    .get('/unprocessed-messages/:id', async (c) => {
      const message = await store.getUnprocessed(c.req.param('id'));
      if (!message) throw notFound('unprocessed', c.req.param('id'));
      const [named] = await withNames(engine, [redactUnprocessed(message)]);
      return c.json(named);
    })
    .put('/unprocessed-messages/:id', async (c) => {
      const { message } = await readBody(c, EditUnprocessedBody);
      const parked = await store.getUnprocessed(c.req.param('id'));
      if (!parked) throw notFound('unprocessed', c.req.param('id'));
      // An edit of what GET showed keeps "[redacted]" where credentials were: put the real ones back.
      const updated = await store.updateUnprocessed(parked.id, undefined, restoreRedacted(message, parked.message));
      if (!updated) throw notFound('unprocessed', c.req.param('id'));
      return c.json(redactUnprocessed(updated));
    })
    .delete('/unprocessed-messages/:id', async (c) => {
      const parked = await store.getUnprocessed(c.req.param('id'));
      if (!parked || !(await store.deleteUnprocessed(parked.id))) throw notFound('unprocessed', c.req.param('id'));
      await c.var.audit('unprocessed.delete', { target: { type: 'unprocessed', id: parked.id }, tenantId: (await store.getFlow(parked.flowId))?.tenantId ?? null, details: { flowId: parked.flowId } });
      return c.body(null, 204);
    })
    .post('/unprocessed-messages/:id/retry', async (c) => {
      const body = await readBody(c, AdminRetryBody);
      const parked = await store.getUnprocessed(c.req.param('id'));
      const messageId = await engine.retryUnprocessed(c.req.param('id'), undefined, body.content);
      const tenantId = parked ? (await store.getFlow(parked.flowId))?.tenantId : undefined;
      await c.var.audit('unprocessed.retry', { target: { type: 'unprocessed', id: c.req.param('id') }, tenantId: tenantId ?? null, details: { ...(parked ? { flowId: parked.flowId } : {}), edited: body.content !== undefined, messageId } });
      return c.json({ retried: true as const, messageId });
    })
    // Host API keys: the key is answered once, at creation
    .get('/host-keys', async (c) => c.json({ items: (await store.listHostKeys()).map(publicHostKey) }))
    .post('/host-keys', async (c) => {
      const body = await readBody(c, CreateHostKeyBody);
      const { record, key } = await createHostKey(store, body);
      await c.var.audit('hostKey.create', { target: { type: 'hostKey', id: record.id }, tenantId: null, details: { name: record.name, scopes: record.scopes } });
      return c.json({ ...publicHostKey(record), key }, 201);
    })
    .delete('/host-keys/:id', async (c) => {
      if (!(await store.revokeHostKey(c.req.param('id'), Date.now()))) {
        throw new WeftError('host.key_not_found', `No active host API key "${c.req.param('id')}".`, { status: 404, path: 'params.id', retry: 'never' });
      }
      await c.var.audit('hostKey.revoke', { target: { type: 'hostKey', id: c.req.param('id') }, tenantId: null });
      return c.body(null, 204);
    })
    // Settings
    .get('/settings', async (c) => c.json(await engine.loadSettings()))
    .put('/settings', async (c) => {
      const settings = await readBody(c, AdminSettings);
      await store.setSetting(SETTINGS_KEY, settings);
      engine.applySettings(settings);
      await c.var.audit('settings.update', { target: { type: 'settings', id: SETTINGS_KEY }, tenantId: null, details: { settings } });
      return c.json(engine.settings);
    });
}
