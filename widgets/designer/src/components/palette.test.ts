import { describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import { groupManifests } from './palette.tsx';

const manifest = (name: string, label: string, category: string, description = ''): Manifest =>
  ({ name, label, category, description, inPorts: [], outPorts: [] });

const catalogue = [
  manifest('weft.utils.controls.OnCall', 'On call', 'controls', 'Starts a run when another flow or a webhook calls it'),
  manifest('weft.utils.http.Response', 'Response', 'http', 'Answers the webhook that started the run'),
  manifest('weft.utils.http.Request', 'HTTP request', 'http', 'Calls a web API'),
  manifest('weft.utils.http.Webhook', 'Webhook', 'http', 'Starts a run for every HTTP request to its URL'),
  manifest('weft.utils.transform.Set', 'Set', 'transform', 'Sets fields'),
  manifest('weft.utils.storage.Set', 'Save to store', 'storage', 'Saves a value under a key'),
  { ...manifest('acme.Hidden', 'Web secret', 'acme'), private: true },
];

const flat = (query: string) => groupManifests(catalogue, query).flatMap(([, list]) => list.map((m) => m.label));

describe('when a person searches the palette', () => {
  it('lists Webhook first for "web", then the components that only mention it', () => {
    expect(flat('web')).toEqual(['Webhook', 'HTTP request', 'Response', 'On call']);
    expect(groupManifests(catalogue, 'web')[0]![0]).toBe('http');
  });

  it('puts an exact label before a longer one that starts with it', () => {
    expect(flat('set')).toEqual(['Set', 'Save to store']);
    expect(flat('request')[0]).toBe('HTTP request');
  });

  it('keeps categories and labels alphabetical without a query, and never lists private components', () => {
    expect(groupManifests(catalogue, ' ').map(([category, list]) => [category, list.map((m) => m.label)])).toEqual([
      ['controls', ['On call']],
      ['http', ['HTTP request', 'Response', 'Webhook']],
      ['storage', ['Save to store']],
      ['transform', ['Set']],
    ]);
  });
});
