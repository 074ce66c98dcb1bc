/** @module Flow webhooks: the webhook components of one flow, by label, with the URL the engine publishes for each. */
import type { ComponentManifest, Flow } from '@weft/api-client';

export interface FlowWebhook {
  componentId: string;
  label: string;
  url: string;
}

/**
 * A component is a webhook when its manifest says so (`webhook: true`): built-in or a connector's.
 * Without `webhookBaseUrl` (an older engine) there is no URL to show, so no entry.
 */
export function flowWebhooks(flow: Pick<Flow, 'flow' | 'webhookBaseUrl'>, manifests: readonly ComponentManifest[]): FlowWebhook[] {
  const base = flow.webhookBaseUrl;
  if (base === undefined) return [];
  const byType = new Map(manifests.map((manifest) => [manifest.name, manifest]));
  const hooks: FlowWebhook[] = [];
  for (const [componentId, value] of Object.entries(flow.flow)) {
    if (typeof value !== 'object' || value === null) continue;
    const { type, label } = value as { type?: unknown; label?: unknown };
    const manifest = typeof type === 'string' ? byType.get(type) : undefined;
    if (manifest?.webhook !== true) continue;
    hooks.push({ componentId, label: typeof label === 'string' && label.trim() ? label : manifest.label, url: `${base}/${componentId}` });
  }
  return hooks;
}
