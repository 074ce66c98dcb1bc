/** @module Connector routes: operators list, install and remove connector packages (trusted code, see connector-packages/). */
import { Hono } from 'hono';
import { ConnectorForceQuery, type ConnectorPackageInfo } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { ConnectorPackages, ListedPackage } from '../connector-packages/connector-packages.ts';
import type { ConnectorPackageRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { requireAdmin } from './modifiers.ts';
import { readQuery } from './validate-request.ts';

const TARBALL_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/octet-stream', 'application/x-tar+gzip']);

export function connectorInfo(record: ConnectorPackageRecord | ListedPackage): ConnectorPackageInfo {
  const { name, version, label, description, author, icon, components, sha256, installedAt, installedBy } = record;
  const builtIn = 'builtIn' in record && record.builtIn;
  return { name, version, label, description, author, ...(icon === undefined ? {} : { icon }), components, sha256, installedAt, installedBy, builtIn };
}

export interface ConnectorRouteOptions {
  /** `WEFT_CONNECTOR_MAX_BYTES`; app.ts lets `POST /connectors` bodies up to this size through. */
  maxBytes: number;
}

export function connectorRoutes(packages: ConnectorPackages, options: ConnectorRouteOptions) {
  return new Hono<ApiEnv>()
    .use('*', requireAdmin)
    .get('/', async (c) => {
      const items = await packages.list();
      return c.json({ items: items.map(connectorInfo) });
    })
    .post('/', async (c) => {
      const { force } = readQuery(c, ConnectorForceQuery);
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!TARBALL_TYPES.has(type)) {
        throw new WeftError('connector.invalid', `headers.content-type: send the tarball as application/gzip or application/octet-stream, not "${type || 'nothing'}".`, {
          status: 400, path: 'headers.content-type', retry: 'never',
        });
      }
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.byteLength > options.maxBytes) {
        throw new WeftError('request.too_large', `The tarball is larger than ${options.maxBytes} bytes (WEFT_CONNECTOR_MAX_BYTES).`, { status: 413, path: 'body', retry: 'never' });
      }
      if (body.byteLength === 0) throw new WeftError('connector.invalid', 'body: the tarball is empty.', { status: 400, path: 'body', retry: 'never' });
      const record = await packages.install(body, c.get('user').id, { force: force === 'true' });
      return c.json(connectorInfo(record), 201);
    })
    .delete('/:name', async (c) => {
      const { force } = readQuery(c, ConnectorForceQuery);
      const name = c.req.param('name');
      const { stoppedFlows } = await packages.remove(name, { force: force === 'true' });
      return c.json({ removed: true as const, name, stoppedFlows });
    });
}
