/** @module Catalog slice: the component manifests from `GET /components`, by type, and the connectors they come from. */
import type { Manifest } from '@weft/connector-kit';
import type { AppEventInfo, ComponentConnector } from '@weft/api-client';
import type { DesignerSlice } from './designer-state.ts';

export interface CatalogSlice {
  manifests: Record<string, Manifest>;
  /** The connector packages of the catalogue, by name (palette groups, icons of node faces). */
  connectors: Record<string, ComponentConnector>;
  /** Component type → the name of its connector package (absent: the engine's own). */
  connectorOf: Record<string, string>;
  catalogStatus: 'loading' | 'ready' | 'error';
  setManifests: (list: readonly (Manifest & { connector?: string | undefined })[], connectors?: readonly ComponentConnector[]) => void;
  setCatalogStatus: (status: CatalogSlice['catalogStatus']) => void;
  /** The app events the host registered (`GET /app-events`), by name: the AppEvent trigger's choices and data schemas. */
  appEvents: Record<string, AppEventInfo>;
  setAppEvents: (events: readonly AppEventInfo[]) => void;
}

export const createCatalogSlice: DesignerSlice<CatalogSlice> = (set) => ({
  manifests: {},
  connectors: {},
  connectorOf: {},
  catalogStatus: 'loading',
  setManifests(list, connectors = []) {
    const connectorOf: Record<string, string> = {};
    for (const manifest of list) if (manifest.connector !== undefined) connectorOf[manifest.name] = manifest.connector;
    set({
      manifests: Object.fromEntries(list.map((manifest) => [manifest.name, manifest])),
      connectors: Object.fromEntries(connectors.map((connector) => [connector.name, connector])),
      connectorOf,
      catalogStatus: 'ready',
    });
  },
  setCatalogStatus(catalogStatus) {
    set({ catalogStatus });
  },
  appEvents: {},
  setAppEvents(events) {
    set({ appEvents: Object.fromEntries(events.map((event) => [event.name, event])) });
  },
});
