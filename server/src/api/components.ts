/** @module Component routes: the manifests of the component types this engine runs. */
import { Hono } from 'hono';
import type { ComponentRegistry } from '../engine/component-registry.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';

export function componentRoutes(components: ComponentRegistry) {
  return new Hono<ApiEnv>()
    .get('/', (c) => c.json({ items: components.manifests(c.req.query('prefix') ?? '') }))
    .get('/:type', (c) => {
      const manifest = components.manifest(c.req.param('type'));
      if (!manifest || manifest.private) throw notFound('component', c.req.param('type'));
      return c.json(manifest);
    });
}
