import { describe, expect, it } from 'vitest';
import type { ComponentManifest } from '@weft/api-client';
import { flowWebhooks } from './flow-webhooks.ts';

const manifests = [
  { name: 'acme.Hook', label: 'Acme hook', webhook: true },
  { name: 'weft.utils.transform.Set', label: 'Set' },
] as ComponentManifest[];
const flow = { hook: { type: 'acme.Hook', label: 'From Acme' }, set: { type: 'weft.utils.transform.Set' } };

describe('the webhooks of a flow', () => {
  it('are the components whose manifest says webhook, a connector\'s too, at the engine\'s address', () => {
    expect(flowWebhooks({ flow, webhookBaseUrl: 'https://h.example/flows/f/components' }, manifests)).toEqual([
      { componentId: 'hook', label: 'From Acme', url: 'https://h.example/flows/f/components/hook' },
    ]);
  });

  it('are none when the engine does not say where webhooks answer', () => {
    expect(flowWebhooks({ flow }, manifests)).toEqual([]);
  });
});
