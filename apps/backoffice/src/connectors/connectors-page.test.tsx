import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createApiClient, type ConnectorConfigBody, type ConnectorPackageInfo } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { BackofficeStoreProvider, createBackofficeStore } from '../store/backoffice-store.ts';
import { catalogues } from '../strings.ts';
import { ConnectorsPage } from './connectors-page.tsx';

afterEach(cleanup);

const connector = (name: string, label: string, builtIn: boolean): ConnectorPackageInfo => ({
  name, label, version: '1.0.0', description: '', author: '', components: [`${name}.A`, `${name}.B`], sha256: 'x', installedAt: 1, installedBy: 'weft', builtIn,
});

function renderPage(admin: Partial<AdminClient>) {
  const memory = new Map<string, string>();
  const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value), removeItem: (key: string) => void memory.delete(key) };
  const store = createBackofficeStore({ admin: admin as AdminClient, storage });
  render(
    <WidgetRoot api={createApiClient({ baseUrl: 'http://engine' })} catalogues={catalogues}>
      <BackofficeStoreProvider create={() => store}>
        <ConnectorsPage />
      </BackofficeStoreProvider>
    </WidgetRoot>,
  );
  return store;
}

describe('the connectors page', () => {
  it('lists built-in and installed connectors, and saves a configuration with a secret the engine then masks', async () => {
    const saved: ConnectorConfigBody[] = [];
    const putConnectorConfig = vi.fn(async (_name: string, body: ConnectorConfigBody) => {
      saved.push(body);
      return { connector: 'acme.crm', values: { ...body.values, clientSecret: '••••' }, secretFields: body.secretFields ?? [], updatedAt: 2 };
    });
    const store = renderPage({
      listConnectors: vi.fn(async () => ({ items: [connector('weft.postgres', 'PostgreSQL', true), connector('acme.crm', 'Acme CRM', false)] })),
      getConnectorConfig: vi.fn(async () => ({ connector: 'acme.crm', values: { baseUrl: 'https://crm.example' }, secretFields: [] })),
      putConnectorConfig,
    });
    const row = (await screen.findByText('Acme CRM')).closest('tr')!;
    expect(within(row).getByText('Installed')).toBeTruthy();
    expect(within(screen.getByText('PostgreSQL').closest('tr')!).getByText('Built in')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Configure Acme CRM' }));
    const form = await screen.findByRole('form', { name: 'Configuration of Acme CRM' });
    expect(within(form).getByLabelText<HTMLInputElement>('Value').value).toBe('https://crm.example');
    fireEvent.click(within(form).getByRole('button', { name: 'Add value' }));
    const names = within(form).getAllByLabelText('Name');
    const values = within(form).getAllByLabelText('Value');
    fireEvent.change(names[1]!, { target: { value: 'clientSecret' } });
    fireEvent.change(values[1]!, { target: { value: 's3cret' } });
    fireEvent.click(within(form).getAllByLabelText('Secret')[1]!);
    expect((values[1] as HTMLInputElement).type).toBe('password');
    fireEvent.submit(form);
    await waitFor(() => expect(putConnectorConfig).toHaveBeenCalled());
    expect(saved[0]).toEqual({ values: { baseUrl: 'https://crm.example', clientSecret: 's3cret' }, secretFields: ['clientSecret'] });
    // What the engine answered replaces the form: the secret comes back masked.
    await waitFor(() => expect((within(form).getAllByLabelText('Value')[1] as HTMLInputElement).value).toBe('••••'));
    expect(store.getState().notice).toEqual({ tone: 'success', key: 'notice.connectorConfigSaved', params: { name: 'acme.crm' } });
  });

  it('refuses the same name twice before asking the engine', async () => {
    const putConnectorConfig = vi.fn();
    renderPage({
      listConnectors: vi.fn(async () => ({ items: [connector('acme.crm', 'Acme CRM', false)] })),
      getConnectorConfig: vi.fn(async () => ({ connector: 'acme.crm', values: { a: '1' }, secretFields: [] })),
      putConnectorConfig,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Configure Acme CRM' }));
    const form = await screen.findByRole('form', { name: 'Configuration of Acme CRM' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add value' }));
    fireEvent.change(within(form).getAllByLabelText('Name')[1]!, { target: { value: 'a' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('Each name may be used once.');
    expect(putConnectorConfig).not.toHaveBeenCalled();
  });
});
