/** @module Request validation: parse a JSON body or query with a zod schema, or fail with a pointed error. */
import type { Context } from 'hono';
import { WeftError } from '@weft/connector-kit';
import type { z } from 'zod';
import { invalid } from './errors.ts';
import { assertJsonDepth, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let json: unknown;
  const text = await c.req.text();
  if (text.trim() === '') {
    json = {};
  } else {
    const maxDepth: unknown = c.get('maxJsonDepth');
    assertJsonDepth(text, typeof maxDepth === 'number' ? maxDepth : DEFAULT_MAX_JSON_DEPTH);
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new WeftError('request.malformed_json', `The body is not valid JSON: ${(error as Error).message}`, { status: 400, path: 'body', retry: 'never' });
    }
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
