/**
 * @module Route caller: calls one entry of the route table by its key. Path parameters come from the
 * key's `{name}` segments, query and body types from the entry's zod schemas (their input side), and
 * the answer is parsed with the entry's response schema; so a wrong path, a missing parameter or a
 * body of the wrong shape is a type error, not a 404 at run time.
 *
 *   const callRoute = createRouteCaller(createTransport({ baseUrl, getToken }));
 *   const flow = await callRoute('GET /flows/{id}', { params: { id: 'f1' } });
 */
import type { z } from 'zod';
import { ROUTES, splitRouteKey, type RouteKey, type RouteMethod, type RouteSpec } from './routes.ts';
import type { Transport } from './transport.ts';

type Spec<K extends RouteKey> = (typeof ROUTES)[K];
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;
type NamesIn<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | NamesIn<Rest> : never;

/** The names of a route's path parameters: `'id' | 'version'` for `'GET /flows/{id}/versions/{version}'`. */
export type ParamName<K extends RouteKey> = NamesIn<PathOf<K>>;
/** Every path parameter of the route, by name. */
export type ParamsOf<K extends RouteKey> = { [N in ParamName<K>]: string | number };
/** What the route's query schema accepts; every field optional, `undefined` meaning "leave it out". */
export type QueryIn<K extends RouteKey> = Spec<K> extends { query: infer S extends z.ZodType } ? { [P in keyof z.input<S>]?: z.input<S>[P] | undefined } : never;
/** What the route's body schema accepts (before defaults and coercion). */
export type BodyIn<K extends RouteKey> = Spec<K> extends { body: infer S extends z.ZodType } ? z.input<S> : never;
/** The parsed answer; `void` for a route without a response schema. */
export type ResponseOf<K extends RouteKey> = Spec<K> extends { response: infer S extends z.ZodType } ? z.output<S> : void;

/** `params` when the path has some, `query` when the route takes one, `body` when it takes one; nothing else. */
export type RouteArgs<K extends RouteKey> =
  & ([ParamName<K>] extends [never] ? { params?: never } : { params: ParamsOf<K> })
  & (Spec<K> extends { query: z.ZodType } ? { query?: QueryIn<K> | undefined } : { query?: never })
  & (Spec<K> extends { body: z.ZodType } ? { body: BodyIn<K> } : { body?: never });

/** The arguments may be left out when the route needs none. */
type ArgsTuple<K extends RouteKey> = object extends RouteArgs<K> ? [args?: RouteArgs<K>] : [args: RouteArgs<K>];

export type CallRoute = <K extends RouteKey>(key: K, ...args: ArgsTuple<K>) => Promise<ResponseOf<K>>;

/** The method and the path (parameters URL-encoded) of a route, for the calls that cannot go through `callRoute` (a tarball upload, a stream). */
export function routeTarget<K extends RouteKey>(key: K, ...[params]: [ParamName<K>] extends [never] ? [] : [params: ParamsOf<K>]): { method: RouteMethod; path: string } {
  const { method, path } = splitRouteKey(key);
  const values: Partial<Record<string, string | number>> = params ?? {};
  return {
    method,
    path: path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values[name];
      // The types make this unreachable; a caller casting around them still gets no `/flows/undefined`.
      if (value === undefined) throw new TypeError(`${key}: the path parameter "${name}" is missing`);
      return encodeURIComponent(String(value));
    }),
  };
}

/** A `callRoute` on top of a transport; routes whose `auth` is `none` never get the bearer token. */
export function createRouteCaller(transport: Pick<Transport, 'request'>): CallRoute {
  const call = (key: RouteKey, args: { params?: Record<string, string | number>; query?: Record<string, unknown>; body?: unknown } = {}): Promise<unknown> => {
    const spec: RouteSpec = ROUTES[key];
    const { method, path } = (routeTarget as (key: RouteKey, params?: Record<string, string | number>) => { method: RouteMethod; path: string })(key, args.params);
    return transport.request({ method, path, query: args.query, body: args.body, schema: spec.response, auth: spec.auth !== 'none' });
  };
  return call as CallRoute;
}
