/** @module OpenAPI: the document at GET /openapi.json, generated from the route table (ROUTES) of @weft/api-client. */
import { z } from 'zod';
import { ApiErrorBody, ROUTE_SUMMARIES, ROUTES, routeAuths, splitRouteKey, type RouteKey, type RouteSpec } from '@weft/api-client';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

export function openApiDocument(version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, route] of Object.entries(ROUTES) as [RouteKey, RouteSpec][]) {
    const { method, path } = splitRouteKey(key);
    const auths = routeAuths(route);
    const hostScopes = auths.filter((auth) => auth.startsWith('hostKey:')).map((auth) => auth.slice('hostKey:'.length));
    const security = auths.includes('none')
      ? { security: [] }
      : hostScopes.length === auths.length ? { security: [{ hostKey: [] }], 'x-weft-host-scope': hostScopes[0] } : {};
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = route.query
      ? Object.entries((jsonSchema(route.query, 'input') as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    (paths[path] ??= {})[method.toLowerCase()] = {
      summary: ROUTE_SUMMARIES[key],
      ...security,
      'x-weft-auth': auths,
      ...(route.role ? { 'x-weft-role': route.role } : {}),
      parameters: [...params, ...queryParams],
      ...(route.tarball ? { requestBody: { required: true, content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: route.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
          : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(ApiErrorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Weft API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, hostKey: { type: 'http', scheme: 'bearer', description: 'A host API key, wk_… (weft keys create)' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
