/**
 * @module @weft/sdk: embed Weft widgets in any page.
 *
 *   const weft = new Weft({ baseUrl: 'https://weft.example.com', accessToken });
 *   const flows = weft.ui.FlowManager({ el: '#flows' }).on('flow:open', ({ flowId }) => …);
 */
import { setModuleLoader } from './module-loader.ts';

// Bundlers split here: each widget becomes its own chunk, loaded on first use.
setModuleLoader(() => import('./lazy/index.ts'));

// SDK
export { Weft } from './weft.ts';
export { WidgetInstance } from './widget-instance.ts';
export type { WidgetInit } from './widget-instance.ts';
export type { WeftOptions, WeftSettings, WeftSettingKey, Theme } from './options.ts';
export type { AccessToken, GetAccessToken } from './access-token.ts';
export type { WidgetKind } from './lazy/index.ts';
// API types, for hosts that override methods
export type { ApiClient } from '@weft/api-client';
