/** @module Webhook route: `ANY /flows/:flowId/components/:componentId` turns a call into a run. */
import { Hono } from 'hono';
import { isWeftError, WeftError } from '@weft/connector-kit';
import { allowedAnswerHeaders, WEBHOOK_ANSWER_HEADERS } from '../connectors/http/answer-headers.ts';
import type { Engine } from '../engine/engine.ts';
import type { TenantRateLimiter } from '../tenancy/tenant-rates.ts';
import type { ApiEnv } from './app-env.ts';
import { errorResponse } from './errors.ts';
import { assertJsonDepth, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';

/**
 * The webhook's body: JSON when the caller says so (refused with 400 before anything is stored when
 * it is not JSON, rather than handed to the flow as text it would misread), form fields, or text.
 */
async function readAnyBody(request: Request, maxDepth: number): Promise<unknown> {
  const text = await request.text();
  if (text === '') return null;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    assertJsonDepth(text, maxDepth);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new WeftError('request.malformed_json', `The body is sent as ${type} but is not valid JSON (${(error as Error).message}); nothing was accepted. Send valid JSON, or another Content-Type such as text/plain.`, { status: 400, path: 'body', retry: 'never' });
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/**
 * What an anonymous caller may learn of a failure: its own mistakes (4xx) and "try again", never
 * the server's insides. Anything else goes to the server's log and is answered in general terms.
 */
function publicError(error: unknown, engine: Engine): WeftError {
  if (isWeftError(error) && (error.status < 500 || error.code === 'bus.unavailable')) {
    // A rate limit keeps its `retryAfterMs`: the answer says when to come back (Retry-After).
    const details = error.status === 429 && error.details !== undefined ? { details: error.details } : {};
    return new WeftError(error.code, error.message, { status: error.status, retry: error.retry, ...(error.path === undefined ? {} : { path: error.path }), ...details });
  }
  engine.reportError(error);
  return new WeftError('internal.error', 'Something went wrong on our side; the call was not accepted. Try again.', { status: 500 });
}

/** Headers a page on another origin may read from an answer of this engine. */
export const CORS_EXPOSED_HEADERS = 'X-Weft-Correlation-Id';

const WEBHOOK_PATH = /^\/flows\/[^/]+\/components\/[^/]+\/?$/;

/** Whether `path` is a webhook's address (`/flows/:flowId/components/:componentId`). */
export function isWebhookPath(path: string): boolean {
  return WEBHOOK_PATH.test(path);
}

/**
 * The tenant's webhook token, or its 429 after the limiter's refusal pause: the refused caller's
 * connection waits on a timer, which costs nothing, instead of sending its next call at once.
 */
async function admitPaced(rates: TenantRateLimiter, tenantId: string): Promise<number> {
  try {
    return await rates.admitWebhook(tenantId);
  } catch (error) {
    if (rates.refusalPauseMs > 0 && isWeftError(error) && error.status === 429) await new Promise((resolve) => setTimeout(resolve, rates.refusalPauseMs));
    throw error;
  }
}

export function webhookRoutes(engine: Engine, options: { maxJsonDepth?: number; tenantRates?: TenantRateLimiter | undefined; allowOrigin?: (origin: string) => string | null } = {}) {
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  return new Hono<ApiEnv>().onError((error, c) => errorResponse(c, publicError(error, engine))).use('/:flowId/components/:componentId', async (c, next) => {
    // Whatever the flow answered (or the error instead), it is served from this origin: never as a page that runs script here.
    // Set before the answer is made (and last in its own headers below): changing `c.res.headers`
    // afterwards makes @hono/node-server build a full fetch Response for every call (seen in --cpu-prof).
    for (const [name, value] of Object.entries(WEBHOOK_ANSWER_HEADERS)) c.header(name, value);
    // CORS for a page on an allowed origin, as the API's cors middleware answers (it skips webhook calls, see app.ts).
    const origin = c.req.header('origin');
    const allowed = origin === undefined || options.allowOrigin === undefined ? null : options.allowOrigin(origin);
    if (allowed !== null) {
      c.header('access-control-allow-origin', allowed);
      c.header('access-control-expose-headers', CORS_EXPOSED_HEADERS);
    }
    c.header('vary', 'Origin');
    await next();
  }).all('/:flowId/components/:componentId', async (c) => {
    let priority = 0;
    if (options.tenantRates) {
      // Webhook callers are anonymous: the call counts against the flow's tenant (from the flow cache), before its body is read.
      const flow = await engine.flows.get(c.req.param('flowId'));
      if (flow) priority = await admitPaced(options.tenantRates, flow.record.tenantId);
    }
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => {
      if (key !== 'authorization' && key !== 'cookie') headers[key] = value;
    });
    const outcome = await engine.acceptWebhook(c.req.param('flowId'), c.req.param('componentId'), {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      headers,
      query: c.req.query(),
      body: await readAnyBody(c.req.raw, maxDepth),
    }, { priority });
    if (outcome.kind === 'accepted') return c.json({ correlationId: outcome.correlationId }, 202);
    const answer = await outcome.answer;
    // The Response component already left these out and said so; an answer from any other component is held to the same rules.
    const responseHeaders = { 'x-weft-correlation-id': outcome.correlationId, ...allowedAnswerHeaders(answer.headers), ...WEBHOOK_ANSWER_HEADERS };
    // The run ended without a Response component answering: nothing to say, and no waiting for the timeout.
    if (answer.status === 204) return c.body(null, 204, responseHeaders);
    if (typeof answer.body === 'string') return c.body(answer.body, answer.status as 200, { 'content-type': 'text/plain; charset=utf-8', ...responseHeaders });
    return c.json(answer.body, answer.status as 200, responseHeaders);
  });
}
