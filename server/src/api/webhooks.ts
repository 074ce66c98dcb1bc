/** @module Webhook route: `ANY /flows/:flowId/components/:componentId` turns a call into a run. */
import { Hono } from 'hono';
import { isWeftError, WeftError } from '@weft/connector-kit';
import { allowedAnswerHeaders, WEBHOOK_ANSWER_HEADERS } from '../connectors/http/answer-headers.ts';
import type { Engine } from '../engine/engine.ts';
import type { TenantRateLimiter } from '../tenancy/tenant-rates.ts';
import type { ApiEnv } from './app-env.ts';
import { errorAnswer } from './errors.ts';
import { assertJsonDepth, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';

/**
 * The webhook's body: JSON when the caller says so (refused with 400 before anything is stored when
 * it is not JSON, rather than handed to the flow as text it would misread), form fields, or text.
 */
function parseAnyBody(text: string, contentType: string, maxDepth: number): unknown {
  if (text === '') return null;
  if (contentType.includes('json')) {
    assertJsonDepth(text, maxDepth);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new WeftError('request.malformed_json', `The body is sent as ${contentType} but is not valid JSON (${(error as Error).message}); nothing was accepted. Send valid JSON, or another Content-Type such as text/plain.`, { status: 400, path: 'body', retry: 'never' });
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
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

export interface WebhookOptions {
  maxJsonDepth?: number;
  tenantRates?: TenantRateLimiter | undefined;
  allowOrigin?: (origin: string) => string | null;
}

/** A call to a webhook's address, as either server entry received it (the Hono route, or webhook-listener.ts). */
export interface WebhookCall {
  flowId: string;
  componentId: string;
  method: string;
  path: string;
  /** Lower-case names; a name sent twice has its values joined by ", " (as fetch's Headers). */
  headers: Record<string, string>;
  query: Record<string, string>;
  readBody(): Promise<string>;
}

/** What to answer it: status, headers (lower-case names) and body (null: none). */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * Turns a webhook call into a run and says what to answer; never throws (a failure is its JSON error).
 * Every answer, errors included, is served from this origin: never as a page that runs script here
 * (WEBHOOK_ANSWER_HEADERS), with CORS for a page on an allowed origin, as the API's cors middleware
 * answers (which skips webhook calls, see app.ts).
 */
export async function answerWebhookCall(engine: Engine, options: WebhookOptions, call: WebhookCall): Promise<WebhookAnswer> {
  const origin = call.headers.origin;
  const allowed = origin === undefined || options.allowOrigin === undefined ? null : options.allowOrigin(origin);
  const base: Record<string, string> = {
    ...WEBHOOK_ANSWER_HEADERS,
    ...(allowed === null ? {} : { 'access-control-allow-origin': allowed, 'access-control-expose-headers': CORS_EXPOSED_HEADERS }),
    vary: 'Origin',
  };
  try {
    let priority = 0;
    if (options.tenantRates) {
      // Webhook callers are anonymous: the call counts against the flow's tenant (from the flow cache), before its body is read.
      const flow = await engine.flows.get(call.flowId);
      if (flow) priority = await admitPaced(options.tenantRates, flow.record.tenantId);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.headers)) if (name !== 'authorization' && name !== 'cookie') headers[name] = value;
    const body = parseAnyBody(await call.readBody(), call.headers['content-type'] ?? '', options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH);
    const outcome = await engine.acceptWebhook(call.flowId, call.componentId, { method: call.method, path: call.path, headers, query: call.query, body }, { priority });
    if (outcome.kind === 'accepted') return { status: 202, headers: { ...base, 'content-type': 'application/json' }, body: JSON.stringify({ correlationId: outcome.correlationId }) };
    const answer = await outcome.answer;
    // The Response component already left these out and said so; an answer from any other component is held to the same rules.
    const flowHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(allowedAnswerHeaders(answer.headers))) flowHeaders[name.toLowerCase()] = value;
    const answerHeaders = { ...base, 'x-weft-correlation-id': outcome.correlationId, ...flowHeaders, ...WEBHOOK_ANSWER_HEADERS };
    // The run ended without a Response component answering: nothing to say, and no waiting for the timeout.
    if (answer.status === 204) return { status: 204, headers: answerHeaders, body: null };
    if (typeof answer.body === 'string') return { status: answer.status, headers: { 'content-type': 'text/plain; charset=utf-8', ...answerHeaders }, body: answer.body };
    return { status: answer.status, headers: { 'content-type': 'application/json', ...answerHeaders }, body: JSON.stringify(answer.body) };
  } catch (error) {
    return refusalAnswer(publicError(error, engine), base);
  }
}

/** A refusal as a webhook answer: its JSON error, after `headers`. */
export function refusalAnswer(error: unknown, headers: Record<string, string> = {}): WebhookAnswer {
  const refusal = errorAnswer(error);
  return { status: refusal.status, headers: { ...headers, ...refusal.headers, 'content-type': 'application/json' }, body: JSON.stringify(refusal.body) };
}

/** The Hono route of webhook calls: what `app.request()` and any call the listener leaves to Hono reach. */
export function webhookRoutes(engine: Engine, options: WebhookOptions = {}) {
  return new Hono<ApiEnv>().all('/:flowId/components/:componentId', async (c) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const answer = await answerWebhookCall(engine, options, {
      flowId: c.req.param('flowId'),
      componentId: c.req.param('componentId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      headers,
      query: c.req.query(),
      readBody: () => c.req.raw.text(),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
