/**
 * @module Lazy entry: each widget and the API client load only when first used. In the script-tag
 * build this file becomes `weft-lazy.mjs`, each import() below one chunk beside it.
 */
import type { MountAdapter } from './types.ts';
import type { ApiClientOptions, ApiClient } from '@weft/api-client';

export type WidgetKind = 'FlowManager' | 'Designer' | 'InsightsLogs' | 'Accounts' | 'Integrations' | 'Wizard';

export function loadWidget(kind: WidgetKind): Promise<MountAdapter> {
  switch (kind) {
    case 'FlowManager': return import('./flow-manager.ts').then((m) => m.mount);
    case 'Designer': return import('./designer.ts').then((m) => m.mount);
    case 'InsightsLogs': return import('./insights-logs.ts').then((m) => m.mount);
    case 'Accounts': return import('./accounts.ts').then((m) => m.mount);
    case 'Integrations': return import('./integrations.ts').then((m) => m.mount);
    case 'Wizard': return import('./wizard.ts').then((m) => m.mount);
  }
}

export function loadApiClient(): Promise<(options: ApiClientOptions) => ApiClient> {
  return import('@weft/api-client').then((m) => m.createApiClient);
}
