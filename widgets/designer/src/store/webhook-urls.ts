/** @module Webhook URLs: where each webhook component of the loaded flow answers, as the engine publishes it. */
import type { DesignerState } from './designer-state.ts';

type WebhookState = Pick<DesignerState, 'webhookBaseUrl' | 'nodes' | 'manifests'>;

/**
 * The URL of one component, or undefined when it is not a webhook (its manifest says `webhook: true`)
 * or the engine did not send its webhook address (an older engine, a mock).
 */
export function webhookUrlOf(state: WebhookState, componentId: string): string | undefined {
  if (state.webhookBaseUrl === undefined) return undefined;
  const node = state.nodes.find((candidate) => candidate.id === componentId);
  if (!node || state.manifests[node.data.type]?.webhook !== true) return undefined;
  return `${state.webhookBaseUrl}/${componentId}`;
}

/** Every webhook component's URL, by component id, in canvas order. */
export function webhookUrls(state: WebhookState): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const node of state.nodes) {
    const url = webhookUrlOf(state, node.id);
    if (url !== undefined) urls[node.id] = url;
  }
  return urls;
}
