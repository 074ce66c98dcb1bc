/** @module Request validation: parse a JSON body or query with a zod schema (or the route table's for a route), or fail with a pointed error. */
import type { Context } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { ROUTES, type RouteKey, type RouteSpec } from '@weft/api-client';
import type { z } from 'zod';
import { invalid } from './errors.ts';
import { assertJsonDepth, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';
import { yieldToEventLoop } from '../engine/loop-slices.ts';

/**
 * A body longer than this (characters) takes a few ms to scan for depth and as many to parse (a
 * 1,000-component flow is ~250 KB): the event loop gets a turn after each, so that `/health` and
 * the other requests do not wait for both and what the route does next.
 */
const BIG_BODY = 64 * 1024;

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let json: unknown;
  const text = await c.req.text();
  if (text.trim() === '') {
    json = {};
  } else {
    const maxDepth: unknown = c.get('maxJsonDepth');
    assertJsonDepth(text, typeof maxDepth === 'number' ? maxDepth : DEFAULT_MAX_JSON_DEPTH);
    if (text.length > BIG_BODY) await yieldToEventLoop();
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new WeftError('request.malformed_json', `The body is not valid JSON: ${(error as Error).message}`, { status: 400, path: 'body', retry: 'never' });
    }
    if (text.length > BIG_BODY) await yieldToEventLoop();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid('body', parsed.error);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalid('query', parsed.error);
  return parsed.data;
}

type Spec<K extends RouteKey> = (typeof ROUTES)[K];
/** The parsed body of route `key`, by the route table's schema. */
export type RouteBody<K extends RouteKey> = Spec<K> extends { body: infer S extends z.ZodType } ? z.output<S> : never;
/** The parsed query of route `key`, by the route table's schema. */
export type RouteQuery<K extends RouteKey> = Spec<K> extends { query: infer S extends z.ZodType } ? z.output<S> : never;

/** Reads the body of route `key` (`'POST /flows'`) with the schema its route-table entry names. */
export async function readRouteBody<K extends RouteKey>(c: Context, key: K): Promise<RouteBody<K>> {
  const schema = (ROUTES[key] as RouteSpec).body;
  if (!schema) throw new Error(`The route table has no body schema for ${key}.`);
  return (await readBody(c, schema)) as RouteBody<K>;
}

/** Reads the query of route `key` (`'GET /runs'`) with the schema its route-table entry names. */
export function readRouteQuery<K extends RouteKey>(c: Context, key: K): RouteQuery<K> {
  const schema = (ROUTES[key] as RouteSpec).query;
  if (!schema) throw new Error(`The route table has no query schema for ${key}.`);
  return readQuery(c, schema) as RouteQuery<K>;
}
