/**
 * @module ConnectorPackageStore contract: installed connector packages with their tarballs, one
 * version per name, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { openPerCase } from '../open-per-case.ts';
import type { Closable, ConnectorPackageRecord, ConnectorPackageStore } from '../store.ts';
import { uid } from './fixtures.ts';

export function describeConnectorPackageStoreContract(name: string, make: () => Promise<ConnectorPackageStore & Closable>): void {
  describe(`ConnectorPackageStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('connector packages', () => {
      it('keeps a package with its tarball, replaces it with a new version, lists it without the tarball, deletes it', async () => {
        const store = await open();
        const name = `acme.c${uid().slice(0, 8)}`;
        const tarball = new Uint8Array([0x1f, 0x8b, 0, 255, 7]);
        const first = aConnectorPackage({ name, version: '1.0.0' });
        await store.putConnectorPackage(first, tarball);
        expect(await store.getConnectorTarball(name)).toEqual({ record: first, tarball });
        expect(await store.listConnectorPackages()).toContainEqual(first);

        const second = aConnectorPackage({ name, version: '1.1.0', components: [`${name}.Other`], sha256: 'b'.repeat(64), icon: undefined });
        await store.putConnectorPackage(second, new Uint8Array([9, 9]));
        const stored = await store.getConnectorTarball(name);
        expect(stored?.record).toMatchObject({ version: '1.1.0', components: [`${name}.Other`] });
        expect([...(stored?.tarball ?? [])]).toEqual([9, 9]);
        expect((await store.listConnectorPackages()).filter((record) => record.name === name)).toHaveLength(1);

        expect(await store.deleteConnectorPackage(name)).toBe(true);
        expect(await store.deleteConnectorPackage(name)).toBe(false);
        expect(await store.getConnectorTarball(name)).toBeUndefined();
        expect((await store.listConnectorPackages()).map((record) => record.name)).not.toContain(name);
      });
    });
  });
}

function aConnectorPackage(overrides: Partial<ConnectorPackageRecord> = {}): ConnectorPackageRecord {
  const name = overrides.name ?? 'acme.crm';
  return {
    name,
    version: '1.0.0',
    label: 'Acme CRM',
    description: 'Contacts and deals',
    author: 'Acme',
    icon: 'data:image/svg+xml,%3Csvg%2F%3E',
    section: { name, label: 'Acme CRM', components: 'src/index.js', auth: { type: 'apiKey' } },
    components: [`${name}.contacts.Create`],
    sha256: 'a'.repeat(64),
    installedAt: 1_000,
    installedBy: 'u-op',
    ...overrides,
  };
}
