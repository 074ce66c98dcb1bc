/** @module API errors: every failure becomes JSON `{ error: { code, message, path? } }` with the right status. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ERROR_CATALOGUE, errorSpec, isWeftError, WeftError } from '@weft/connector-kit';
import type { z } from 'zod';
import { printError } from '../engine/stderr-lines.ts';

export function errorResponse(c: Context, error: unknown): Response {
  const { status, headers, body } = errorAnswer(error);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(body, status as 400);
}

/** A body over the API's limit (`WEFT_MAX_BODY_BYTES`, or a connector tarball's): the app's body limit and the webhook listener raise the same. */
export function bodyTooLarge(max: number): WeftError {
  return new WeftError('request.too_large', `The body is larger than ${max} bytes.`, { status: 413, path: 'body', retry: 'never' });
}

/** What `errorResponse` answers, without Hono: the webhook listener (webhook-listener.ts) writes it itself. */
export function errorAnswer(error: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  if (isWeftError(error)) {
    // A catalogued code answers with the catalogue's status whoever raised it (a connector
    // included): one code, one status. A connector's own code keeps the status it carries.
    const status = errorSpec(error.code)?.status ?? (error.status >= 400 && error.status <= 599 ? error.status : 500);
    const body: Record<string, unknown> = { code: error.code, message: error.message };
    if (error.path !== undefined) body.path = error.path;
    if (error.details !== undefined) body.details = error.details;
    const extra = error.code === 'flow.conflict' ? { current: error.details } : {};
    const headers: Record<string, string> = {};
    // The rest of an oversized body is never read: close the connection so no client reuses it.
    if (status === 413) headers.connection = 'close';
    // A refusal that ends at a known time (a rate limit) says when, in whole seconds.
    const retryAfterMs = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (status === 429 && typeof retryAfterMs === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    if (error.code === 'flow.conflict') delete body.details;
    return { status, headers, body: { error: body, ...extra } };
  }
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? 'request.too_large' : error.status === 401 ? 'auth.required' : 'request.invalid';
    return { status: error.status, headers: {}, body: { error: { code, message: error.message || 'The request was refused.' } } };
  }
  printError('[weft api]', error);
  return { status: 500, headers: {}, body: { error: { code: 'internal.error', message: 'Something went wrong on our side; nothing was changed. Try again.' } } };
}

/** `GET /errors`: the error catalogue, one entry per code. */
export function errorCatalogue(): { items: { code: string; status: number; retry: 'retry' | 'never'; sentence: string }[] } {
  return { items: Object.entries(ERROR_CATALOGUE).map(([code, spec]) => ({ code, ...spec })) };
}

/** The first zod issue, as a WeftError pointing at the offending field. */
export function invalid(where: 'body' | 'query' | 'params', error: z.ZodError): WeftError {
  const issue = error.issues[0];
  const path = [where, ...(issue?.path ?? []).map(String)].join('.');
  const message = issue ? `${path}: ${issue.message}` : `The ${where} is invalid.`;
  return new WeftError('request.invalid', message, {
    status: 400,
    path,
    retry: 'never',
    details: error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })),
  });
}

export function notFound(what: 'flow' | 'unprocessed' | 'component' | 'user', id: string): WeftError {
  const nouns = { flow: 'flow', unprocessed: 'unprocessed message', component: 'component type', user: 'user' };
  return new WeftError(`${what}.not_found`, `No ${nouns[what]} "${id}" here.`, { status: 404, retry: 'never' });
}
