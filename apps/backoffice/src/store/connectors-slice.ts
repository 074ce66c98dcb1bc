/** @module Connectors slice: the connector packages, and each one's configuration (OAuth client, base URLs, flags), read and saved. */
import type { ConnectorConfig, ConnectorConfigBody, ConnectorPackageInfo } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export interface ConnectorsSlice {
  connectors: Loadable<ConnectorPackageInfo[]>;
  busyConnector: boolean;
  loadConnectors: () => Promise<void>;
  /** Undefined (with a notice) when it cannot be read. */
  loadConnectorConfig: (name: string) => Promise<ConnectorConfig | undefined>;
  /** The saved configuration, or undefined (with a notice saying why) when the engine refused it. */
  saveConnectorConfig: (name: string, body: ConnectorConfigBody) => Promise<ConnectorConfig | undefined>;
}

export const createConnectorsSlice: SliceCreator<ConnectorsSlice> = (set, get, { admin }) => ({
  connectors: { status: 'idle' },
  busyConnector: false,

  loadConnectors: async () => {
    const previous = get().connectors;
    set({ connectors: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
    try {
      set({ connectors: { status: 'ready', data: (await admin.listConnectors()).items } });
    } catch (error) {
      set({ connectors: { status: 'failed', error: describeError(error) } });
    }
  },

  loadConnectorConfig: async (name) => {
    try {
      return await admin.getConnectorConfig(name);
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
      return undefined;
    }
  },

  saveConnectorConfig: async (name, body) => {
    set({ busyConnector: true });
    try {
      const saved = await admin.putConnectorConfig(name, body);
      get().notify({ tone: 'success', key: 'notice.connectorConfigSaved', params: { name } });
      return saved;
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
      return undefined;
    } finally {
      set({ busyConnector: false });
    }
  },
});
