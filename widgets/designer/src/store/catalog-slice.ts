/** @module Catalog slice: the component manifests from `GET /components`, by type. */
import type { Manifest } from '@weft/connector-kit';
import type { DesignerSlice } from './designer-state.ts';

export interface CatalogSlice {
  manifests: Record<string, Manifest>;
  catalogStatus: 'loading' | 'ready' | 'error';
  setManifests: (list: readonly Manifest[]) => void;
  setCatalogStatus: (status: CatalogSlice['catalogStatus']) => void;
}

export const createCatalogSlice: DesignerSlice<CatalogSlice> = (set) => ({
  manifests: {},
  catalogStatus: 'loading',
  setManifests(list) {
    set({ manifests: Object.fromEntries(list.map((manifest) => [manifest.name, manifest])), catalogStatus: 'ready' });
  },
  setCatalogStatus(catalogStatus) {
    set({ catalogStatus });
  },
});
