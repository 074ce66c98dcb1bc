/** @module Component routes: the manifests of the component types this engine runs, and their dynamic options. */
import { Hono } from 'hono';
import type { ComponentConnector } from '@weft/api-client';
import type { ComponentDefinition } from '@weft/connector-kit';
import type { Accounts } from '../accounts/accounts.ts';
import { dataStoreApi } from '../engine/component-context.ts';
import type { ComponentRegistry } from '../engine/component-registry.ts';
import type { Store } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { listAppEvents } from '../app-events/app-events.ts';
import { readRouteQuery } from './validate-request.ts';

/** Which connector package each component type comes from: the palette groups by it. */
export type PaletteGroups = () => Promise<ComponentConnector[]>;

export function componentRoutes(components: ComponentRegistry, store: Store, accounts?: Pick<Accounts, 'list'>, paletteGroups?: PaletteGroups) {
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const connectors = (await paletteGroups?.()) ?? [];
      // A component belongs to the connector whose name is the prefix of its type (the loader checks it).
      const connectorOf = (type: string) => connectors.find((connector) => type.startsWith(`${connector.name}.`))?.name;
      const items = components.manifests(readRouteQuery(c, 'GET /components').prefix ?? '').map((manifest) => {
        const connector = connectorOf(manifest.name);
        return connector === undefined ? manifest : { ...manifest, connector };
      });
      return c.json({ items, connectors });
    })
    .get('/:type', (c) => {
      const manifest = components.manifest(c.req.param('type'));
      if (!manifest || manifest.private) throw notFound('component', c.req.param('type'));
      return c.json(manifest);
    })
    .get('/:type/options/:name', async (c) => {
      const definition = components.get(c.req.param('type'));
      if (!definition || definition.manifest.private) throw notFound('component', c.req.param('type'));
      const { properties } = readRouteQuery(c, 'GET /components/{type}/options/{name}');
      return c.json({ items: await componentOptions({ components, store, accounts }, definition, c.req.param('name'), c.get('user').id, properties) });
    });
}

/**
 * A component's dynamic options (`behaviour.options(name)`) for `userId`, given the properties set
 * so far: what the inspector's and the template wizard's option lists show.
 */
export async function componentOptions(
  deps: { components: ComponentRegistry; store: Store; accounts?: Pick<Accounts, 'list'> | undefined },
  definition: ComponentDefinition,
  name: string,
  userId: string,
  properties: Record<string, unknown>,
) {
  const { store, accounts } = deps;
  if (!definition.behaviour.options) return [];
  return definition.behaviour.options(name, {
    userId,
    properties,
    store: dataStoreApi(store, userId),
    async listFlows() {
      const { items: flows } = await store.listFlows({ userId, sort: 'name', order: 'asc', limit: 1000 });
      return flows.map((flow) => ({ flowId: flow.flowId, name: flow.name, stage: flow.stage }));
    },
    async listAppEvents() {
      return (await listAppEvents(store)).map(({ name, title }) => ({ name, title }));
    },
    async listAccounts() {
      return (await accounts?.list(userId) ?? []).map(({ id, name, type, status, connector }) => ({ id, name, type, status, connector }));
    },
  });
}
