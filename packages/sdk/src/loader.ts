/**
 * @module Script-tag loader (`dist/weft.js`, IIFE): defines `window.Weft` at once; widgets and the API
 * client come later from `weft-lazy.mjs` and its chunks, fetched from the folder this script came from.
 */
import { setModuleLoader, type LazyModule } from './module-loader.ts';
import { Weft } from './weft.ts';

const script = document.currentScript as HTMLScriptElement | null;
// `currentScript` is only set while the script first runs: resolve the folder now.
const lazyUrl = new URL('./weft-lazy.mjs', script?.src ?? document.baseURI).href;

setModuleLoader(() => import(/* @vite-ignore */ lazyUrl) as Promise<LazyModule>);

(window as unknown as { Weft: typeof Weft }).Weft = Weft;
