import { describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import type { ComponentConnector } from '@weft/api-client';
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

const flat = (query: string) => groupManifests(catalogue, query).flatMap((group) => group.entries.map((m) => m.label));

describe('when a person searches the palette', () => {
  it('lists Webhook first for "web", then the components that only mention it', () => {
    expect(flat('web')).toEqual(['Webhook', 'HTTP request', 'Response', 'On call']);
    expect(groupManifests(catalogue, 'web')[0]!.label).toBe('http');
  });

  it('puts an exact label before a longer one that starts with it', () => {
    expect(flat('set')).toEqual(['Set', 'Save to store']);
    expect(flat('request')[0]).toBe('HTTP request');
  });

  it('keeps categories and labels alphabetical without a query, and never lists private components', () => {
    expect(groupManifests(catalogue, ' ').map((group) => [group.label, group.entries.map((m) => m.label)])).toEqual([
      ['controls', ['On call']],
      ['http', ['HTTP request', 'Response', 'Webhook']],
      ['storage', ['Save to store']],
      ['transform', ['Set']],
    ]);
  });
});

describe('when components come from connector packages', () => {
  const connectors: Record<string, ComponentConnector> = {
    'weft.mysql': { name: 'weft.mysql', label: 'MySQL / MariaDB', icon: 'data:image/svg+xml,<svg/>', builtIn: true },
    'weft.postgres': {
      name: 'weft.postgres', label: 'PostgreSQL', icon: 'data:image/svg+xml,<svg/>', builtIn: true,
      locales: { cs: { label: 'PostgreSQL (cs)', components: { 'weft.postgres.Query': { label: 'Dotaz SQL', description: 'Spustí příkaz SQL' } } } },
    },
  };
  const withConnectors = [
    ...catalogue,
    manifest('weft.postgres.Query', 'Query', 'database', 'Runs one SQL statement'),
    { ...manifest('weft.postgres.NewRow', 'New row', 'database'), marker: 'beta' },
    { ...manifest('weft.postgres.Secret', 'Internal', 'database'), private: true },
    manifest('weft.mysql.Query', 'Query', 'database', 'Runs one SQL statement'),
  ];
  const connectorOf = { 'weft.postgres.Query': 'weft.postgres', 'weft.postgres.NewRow': 'weft.postgres', 'weft.postgres.Secret': 'weft.postgres', 'weft.mysql.Query': 'weft.mysql' };

  it('groups them under their connector, with its icon, after the engine\'s own categories', () => {
    const groups = groupManifests(withConnectors, '', { connectors, connectorOf });
    expect(groups.map((group) => group.label)).toEqual(['controls', 'http', 'storage', 'transform', 'MySQL / MariaDB', 'PostgreSQL']);
    const postgres = groups.find((group) => group.id === 'connector:weft.postgres')!;
    expect(postgres.icon).toBe('data:image/svg+xml,<svg/>');
    expect(postgres.entries.map((m) => [m.label, m.marker])).toEqual([['New row', 'beta'], ['Query', undefined]]);
  });

  it('shows the connector\'s own texts in the person\'s locale (or its language), else the manifest\'s', () => {
    for (const locale of ['cs', 'cs-CZ']) {
      const postgres = groupManifests(withConnectors, '', { connectors, connectorOf, locale }).find((group) => group.id === 'connector:weft.postgres')!;
      expect(postgres.label).toBe('PostgreSQL (cs)');
      expect(postgres.entries.map((m) => m.label)).toEqual(['Dotaz SQL', 'New row']);
    }
  });

  it('finds components across connectors, by label in the locale and by the connector\'s name', () => {
    expect(groupManifests(withConnectors, 'query', { connectors, connectorOf }).map((group) => [group.label, group.entries.map((m) => m.name)])).toEqual([
      ['MySQL / MariaDB', ['weft.mysql.Query']],
      ['PostgreSQL', ['weft.postgres.Query']],
    ]);
    expect(groupManifests(withConnectors, 'dotaz', { connectors, connectorOf, locale: 'cs' }).flatMap((group) => group.entries.map((m) => m.name))).toEqual(['weft.postgres.Query']);
    expect(groupManifests(withConnectors, 'maria', { connectors, connectorOf }).flatMap((group) => group.entries.map((m) => m.name))).toEqual(['weft.mysql.Query']);
  });
});
