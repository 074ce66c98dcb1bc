import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminTenant, ApiClient, LogQueryParams, LogRecord, PublicUser } from '@weft/api-client';
import { InsightsLogs } from './insights-logs.tsx';

afterEach(cleanup);

const record = (i: number, flowId: string): LogRecord => ({
  id: `r${i}`, time: 1_700_000_000_000 - i * 1000, flowId, componentId: 'c1', componentType: 'weft.utils.http', port: 'in',
  direction: 'in', severity: 'info', correlationId: `k${i}`, messageId: `m${i}`, payload: { n: i }, truncated: false,
});

const tenant = (id: string, name: string): AdminTenant => ({ id, name, externalId: `ext-${id}`, limits: {}, createdAt: 1, users: 2, flows: 1, runningFlows: 1 });

function fakeApi(role: PublicUser['role']) {
  const calls = {
    getUser: vi.fn(async (): Promise<PublicUser> => ({ id: 'me', email: 'me@example.com', role, createdAt: 1, tenantId: 't-me', tenantRole: 'owner' })),
    listStaffTenants: vi.fn(async () => ({ items: [tenant('t-a', 'Acme'), tenant('t-b', 'Beta')], total: 2, limit: 200, offset: 0 })),
    getStaffTenant: vi.fn(async (id: string) => ({
      ...tenant(id, id === 't-a' ? 'Acme' : 'Beta'), totalFlows: 0, flows: [],
      users: [{ id: `${id}-alice`, name: 'Alice', role: 'owner' as const, disabled: false, createdAt: 1 }, { id: `${id}-val`, email: 'val@example.com', role: 'viewer' as const, disabled: false, createdAt: 2 }],
    })),
    // Each tenant's records name a flow of their own, so what the table shows tells which filter was sent.
    queryLogs: vi.fn(async (query: LogQueryParams = {}) => ({ records: [record(1, `flow-of-${query.userId ?? query.tenantId ?? 'everyone'}`)] })),
    logHistogram: vi.fn(async () => ({ intervalMs: 60e3, buckets: [] })),
    listFlows: vi.fn(async () => ({ items: [], total: 0, limit: 200, offset: 0 })),
    getFlow: vi.fn(async () => { throw new Error('gone'); }),
    listComponents: vi.fn(async () => ({ items: [] })),
    listUnprocessed: vi.fn(async () => ({ items: [], total: 0 })),
    listRuns: vi.fn(async () => ({ runs: [] })),
    streamLogs: vi.fn(() => () => undefined),
  };
  return { api: calls as unknown as ApiClient, calls };
}

describe('the insights logs opened by support staff', () => {
  it('offers a tenant picker whose choice filters the records, then a picker of that tenant\'s users', async () => {
    const { api, calls } = fakeApi('support');
    render(<InsightsLogs api={api} />);
    const tenantPicker = await screen.findByLabelText('Tenant');
    expect(screen.queryByLabelText('User')).toBeNull();
    fireEvent.change(tenantPicker, { target: { value: 't-a' } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ tenantId: 't-a' })));
    expect(calls.listFlows).toHaveBeenLastCalledWith(expect.objectContaining({ tenantId: 't-a' }));
    expect(await screen.findByText('flow-of-t-a')).toBeTruthy();
    const userPicker = await screen.findByLabelText('User');
    await waitFor(() => expect(userPicker.textContent).toContain('Alice'));
    fireEvent.change(userPicker, { target: { value: 't-a-val' } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ tenantId: 't-a', userId: 't-a-val' })));
    // Another tenant: the user filter starts over.
    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 't-b' } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.not.objectContaining({ userId: expect.anything() })));
    expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ tenantId: 't-b' }));
  });

  it('opens on the tenant the host names, with its users, in Czech too', async () => {
    const { api, calls } = fakeApi('admin');
    render(<InsightsLogs api={api} tenantId="t-b" locale="cs" />);
    const picker = await screen.findByLabelText('Tenant');
    await waitFor(() => expect((picker as HTMLSelectElement).value).toBe('t-b'));
    expect(calls.queryLogs).toHaveBeenCalledWith(expect.objectContaining({ tenantId: 't-b' }));
    expect(calls.getStaffTenant).toHaveBeenCalledWith('t-b');
    expect(await screen.findByLabelText('Uživatel')).toBeTruthy();
  });

  it('shows no tenant picker to a tenant\'s own user, and sends no tenant filter', async () => {
    const { api, calls } = fakeApi('user');
    render(<InsightsLogs api={api} />);
    await waitFor(() => expect(calls.getUser).toHaveBeenCalled());
    expect(await screen.findByText('flow-of-everyone')).toBeTruthy();
    expect(screen.queryByLabelText('Tenant')).toBeNull();
    expect(calls.listStaffTenants).not.toHaveBeenCalled();
    for (const [query] of calls.queryLogs.mock.calls) expect(query).not.toHaveProperty('tenantId');
  });
});
