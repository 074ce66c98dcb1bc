/** @module Unprocessed message routes: list, read, edit-and-retry and delete the caller's dead letters. */
import { Hono } from 'hono';
import { RetryBody, UnprocessedQuery } from '@weft/api-client';
import type { Engine } from '../engine/engine.ts';
import { redact, redactText } from '../engine/redact.ts';
import type { Store, UnprocessedMessage } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { dropUndefined } from './flows.ts';
import { readBody, readQuery } from './validate-request.ts';

/** What the API shows of a parked message: no tenant field, credentials hidden (the stored message keeps them for a retry). */
export const publicUnprocessed = ({ userId: _userId, ...parked }: UnprocessedMessage) => redactUnprocessed(parked);

export function redactUnprocessed<T extends Pick<UnprocessedMessage, 'message' | 'error'>>(parked: T): T {
  return { ...parked, message: redact(parked.message), error: { ...parked.error, message: redactText(parked.error.message) } };
}

export function unprocessedRoutes(store: Store, engine: Engine) {
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const query = readQuery(c, UnprocessedQuery);
      const { items, total } = await store.listUnprocessed({ userId: c.get('user').id, ...dropUndefined(query) });
      return c.json({ items: items.map(publicUnprocessed), total });
    })
    .get('/:id', async (c) => {
      const message = await store.getUnprocessed(c.req.param('id'), c.get('user').id);
      if (!message) throw notFound('unprocessed', c.req.param('id'));
      return c.json(publicUnprocessed(message));
    })
    .delete('/:id', async (c) => {
      if (!(await store.deleteUnprocessed(c.req.param('id'), c.get('user').id))) throw notFound('unprocessed', c.req.param('id'));
      return c.body(null, 204);
    })
    .post('/:id/retry', async (c) => {
      const body = await readBody(c, RetryBody);
      const messageId = await engine.retryUnprocessed(c.req.param('id'), c.get('user').id, body.content);
      return c.json({ retried: true as const, messageId });
    });
}
