import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createApiClient, type AuditEntry } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { AdminClientProvider } from '../api/admin-client-context.tsx';
import { catalogues } from '../strings.ts';
import { AuditPage } from './audit-page.tsx';

afterEach(cleanup);

const byNina: AuditEntry = {
  id: 'e1', at: Date.UTC(2026, 11, 1, 9), action: 'flow.create', tenantId: 't-acme', tenantName: 'Acme Corp',
  actor: { id: 'u-nina', role: 'owner', tenantId: 't-acme', via: 'user' }, actorName: 'nina@acme.test', target: { type: 'flow', id: 'f-1' },
};
const byGoneUser: AuditEntry = {
  id: 'e2', at: Date.UTC(2026, 11, 1, 8), action: 'flow.delete', tenantId: 't-gone',
  actor: { id: 'u-gone', role: 'editor', tenantId: 't-gone', via: 'user' }, target: { type: 'flow', id: 'f-2' },
};
const settings: AuditEntry = {
  id: 'e3', at: Date.UTC(2026, 11, 1, 7), action: 'settings.update', actor: { id: 'u-op', role: 'operator', via: 'user' }, actorName: 'ops@weft.test', target: { type: 'settings', id: 'settings' },
};

function renderPage(listAudit: AdminClient['listAudit'], locale = 'en') {
  render(
    <WidgetRoot api={createApiClient({ baseUrl: 'http://engine' })} catalogues={catalogues} locale={locale}>
      <AdminClientProvider client={{ listAudit } as AdminClient}>
        <AuditPage />
      </AdminClientProvider>
    </WidgetRoot>,
  );
}

describe('the audit page', () => {
  it('names each actor and tenant, keeping their ids beside the names', async () => {
    renderPage(vi.fn(async () => ({ entries: [byNina, byGoneUser, settings] })));
    const row = (await screen.findByText('nina@acme.test')).closest('tr')!;
    expect(within(row).getByText('nina@acme.test').getAttribute('title')).toBe('u-nina');
    expect(within(row).getByText('u-nina')).toBeTruthy();
    expect(within(row).getByText('owner')).toBeTruthy();
    expect(within(row).getByText('Acme Corp').getAttribute('title')).toBe('t-acme');
    expect(within(row).getByText('t-acme')).toBeTruthy();

    // What the engine could not name shows by its id alone.
    const gone = screen.getByText('u-gone').closest('tr')!;
    expect(within(gone).getByText('t-gone')).toBeTruthy();
    expect(within(gone).queryByTitle('t-gone')).toBeNull();
    // An installation-wide act names no tenant.
    const installation = screen.getByText('ops@weft.test').closest('tr')!;
    expect(within(installation).getByText('installation')).toBeTruthy();
  });

  it('filters by the actor id shown under a name', async () => {
    const listAudit = vi.fn(async () => ({ entries: [byNina] }));
    renderPage(listAudit);
    await screen.findByText('nina@acme.test');
    fireEvent.change(screen.getByLabelText('Actor id'), { target: { value: 'u-nina' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(listAudit).toHaveBeenLastCalledWith({ limit: 50, actor: 'u-nina' }));
  });

  it('speaks Czech, roles included, when the locale is cs', async () => {
    renderPage(vi.fn(async () => ({ entries: [byNina, settings] })), 'cs');
    expect(await screen.findByRole('heading', { name: 'Auditní záznam' })).toBeTruthy();
    const row = (await screen.findByText('nina@acme.test')).closest('tr')!;
    expect(within(row).getByText('vlastník')).toBeTruthy();
    expect(within(screen.getByText('ops@weft.test').closest('tr')!).getByText('instalace')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Kdo' })).toBeTruthy();
  });
});
