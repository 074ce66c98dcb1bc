/** @module Connector configuration routes: operators configure a connector (OAuth client, base URLs, flags); secrets answered as ••••. */
import { Hono } from 'hono';
import { ConnectorConfigBody } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { ConnectorConfigs } from '../accounts/connector-configs.ts';
import type { ComponentRegistry } from '../engine/component-registry.ts';
import type { ApiEnv } from './app-env.ts';
import { requireAdmin } from './modifiers.ts';
import { readBody } from './validate-request.ts';

const CONNECTOR_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function connectorConfigRoutes(configs: ConnectorConfigs, components: ComponentRegistry) {
  /** A connector is a prefix of installed component types (`acme.crm` for `acme.crm.contacts.Create`). */
  const installed = (name: string): string => {
    if (!CONNECTOR_NAME.test(name) || components.manifests(`${name}.`).length === 0) {
      throw new WeftError('component.not_found', `No installed connector "${name}": no component type starts with "${name}.".`, { path: 'params.name' });
    }
    return name;
  };
  return new Hono<ApiEnv>()
    .use('*', requireAdmin)
    .get('/:name/config', async (c) => c.json(await configs.get(installed(c.req.param('name')))))
    .put('/:name/config', async (c) => {
      const name = installed(c.req.param('name'));
      const body = await readBody(c, ConnectorConfigBody);
      return c.json(await configs.put(name, body, c.get('user').id));
    });
}
