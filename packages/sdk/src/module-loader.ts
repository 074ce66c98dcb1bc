/** @module Module loader: how the SDK reaches its lazy entry; the ESM and script-tag builds each set their own. */
import type { loadApiClient, loadWidget } from './lazy/index.ts';

export interface LazyModule {
  loadWidget: typeof loadWidget;
  loadApiClient: typeof loadApiClient;
}

let loader: (() => Promise<LazyModule>) | undefined;
let loaded: Promise<LazyModule> | undefined;

export function setModuleLoader(load: () => Promise<LazyModule>): void {
  loader = load;
  loaded = undefined;
}

export function loadLazyModule(): Promise<LazyModule> {
  if (!loader) return Promise.reject(new Error('[weft] no module loader: import @weft/sdk or load weft.js'));
  loaded ??= loader().catch((error: unknown) => {
    // A failed chunk request (offline, deploy in progress) may succeed next time.
    loaded = undefined;
    throw error;
  });
  return loaded;
}
