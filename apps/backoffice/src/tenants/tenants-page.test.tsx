import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createApiClient, type AdminTenant, type AdminTenantDetail } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { BackofficeStoreProvider, createBackofficeStore } from '../store/backoffice-store.ts';
import { catalogues } from '../strings.ts';
import { TenantPage, TenantsPage } from './tenants-page.tsx';

afterEach(cleanup);

const acme: AdminTenant = { id: 't-acme', externalId: 'acme', name: 'Acme Corp', limits: {}, createdAt: 1, users: 2, flows: 2, runningFlows: 1 };
const detail: AdminTenantDetail = {
  id: 't-acme', externalId: 'acme', name: 'Acme Corp', limits: {}, createdAt: 1, totalFlows: 2,
  users: [{ id: 'u-alice', name: 'Alice', externalId: 'alice', role: 'owner', disabled: false, createdAt: 1 }, { id: 'u-val', email: 'val@example.com', role: 'viewer', disabled: true, createdAt: 2 }],
  flows: [
    { flowId: 'f-orders', name: 'Orders', stage: 'running', userId: 'u-alice', updatedAt: 1, startedAt: 1 },
    { flowId: 'f-old', name: 'Old sync', stage: 'stopped', userId: 'u-alice', updatedAt: 1 },
  ],
};

function renderPage(admin: Partial<AdminClient>, page: 'list' | 'tenant') {
  const memory = new Map<string, string>();
  const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value), removeItem: (key: string) => void memory.delete(key) };
  const store = createBackofficeStore({ admin: admin as AdminClient, storage });
  render(
    <WidgetRoot api={createApiClient({ baseUrl: 'http://engine' })} catalogues={catalogues}>
      <BackofficeStoreProvider create={() => store}>
        {page === 'list' ? <TenantsPage /> : <TenantPage tenantId="t-acme" />}
      </BackofficeStoreProvider>
    </WidgetRoot>,
  );
  return store;
}

describe('the tenants pages', () => {
  it('list every tenant with its counts, each linking to its page', async () => {
    renderPage({ listTenants: vi.fn(async () => ({ items: [acme], total: 1, limit: 25, offset: 0 })) }, 'list');
    const link = await screen.findByRole('link', { name: 'Acme Corp' });
    expect(link.getAttribute('href')).toBe('#/tenants/t-acme');
    expect(within(link.closest('tr')!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['2', '2', '1']));
  });

  it('show a tenant\'s users and flows, and stop a running flow once confirmed', async () => {
    const stopFlow = vi.fn(async () => ({ flowId: 'f-orders', name: 'Orders', stage: 'stopped' as const, version: 1, createdAt: 1, updatedAt: 2, componentCount: 2 }));
    const store = renderPage({ getTenant: vi.fn(async () => detail), stopFlow }, 'tenant');
    const users = await screen.findByRole('table', { name: 'Users' });
    expect(within(users).getByText('Alice')).toBeTruthy();
    expect(within(users).getByText('Disabled')).toBeTruthy();
    const flows = screen.getByRole('table', { name: 'Flows' });
    // Only the running flow can be stopped.
    expect(within(flows).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual(['Stop Orders']);
    expect(screen.getByRole('link', { name: 'Open its insights in the Studio' }).getAttribute('href')).toContain('#/tenants/t-acme/logs');
    fireEvent.click(within(flows).getByRole('button', { name: 'Stop Orders' }));
    expect(stopFlow).not.toHaveBeenCalled();
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(stopFlow).toHaveBeenCalledWith('f-orders'));
    await waitFor(() => expect(within(flows).queryAllByRole('button')).toEqual([]));
    expect(store.getState().notice).toEqual({ tone: 'success', key: 'notice.flowStopped', params: { name: 'Orders' } });
  });
});
