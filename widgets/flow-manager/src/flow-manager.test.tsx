import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiClient, FlowSummary } from '@weft/api-client';
import { createEmitter } from '@weft/ui-kit';
import { FlowManager } from './flow-manager.tsx';

afterEach(cleanup);

const flow = (flowId: string, extra: Partial<FlowSummary> = {}): FlowSummary => ({ flowId, name: `Flow ${flowId}`, stage: 'stopped', version: 1, createdAt: 1, updatedAt: Date.now() - 60e3, componentCount: 1, ...extra });

function fakeApi(flows: FlowSummary[]) {
  const calls = {
    listFlows: vi.fn(async () => ({ items: flows, total: flows.length, limit: 20, offset: 0 })),
    deleteFlow: vi.fn(async (id: string) => { flows = flows.filter((f) => f.flowId !== id); }),
    createFlow: vi.fn(async ({ name }: { name: string }) => { flows = [flow('new', { name }), ...flows]; return { flowId: 'new', version: 1 }; }),
  };
  return { api: calls as unknown as ApiClient, calls };
}

describe('the flow manager', () => {
  it('invites the user to create a first flow when there is none', async () => {
    const { api, calls } = fakeApi([]);
    render(<FlowManager api={api} />);
    expect(await screen.findByText('No flows yet')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'New flow' })[1]!);
    const dialog = screen.getByRole('dialog', { name: 'Create a flow' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Invoices' } });
    fireEvent.submit(within(dialog).getByLabelText('Name').closest('form')!);
    await waitFor(() => expect(calls.createFlow).toHaveBeenCalledWith({ name: 'Invoices' }));
    expect(await screen.findByRole('button', { name: 'Open Invoices in the designer' })).toBeTruthy();
  });

  it('lists only the flows of the host\'s customFilter, and tags the flows created here with it', async () => {
    const { api, calls } = fakeApi([]);
    render(<FlowManager api={api} customFilter={{ segment: 'gold', seats: 12 }} />);
    await screen.findByText('No flows yet');
    expect(calls.listFlows).toHaveBeenCalledWith(expect.objectContaining({ customFields: { segment: 'gold', seats: 12 } }));
    fireEvent.click(screen.getAllByRole('button', { name: 'New flow' })[1]!);
    const dialog = screen.getByRole('dialog', { name: 'Create a flow' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Gold sync' } });
    fireEvent.submit(within(dialog).getByLabelText('Name').closest('form')!);
    await waitFor(() => expect(calls.createFlow).toHaveBeenCalledWith({ name: 'Gold sync', customFields: { segment: 'gold', seats: 12 } }));
  });

  it('shows stage, last change and errors of the last 24 hours in Czech', async () => {
    render(<FlowManager api={fakeApi([flow('a', { stage: 'running', errors24h: 3 })]).api} locale="cs" />);
    const row = (await screen.findByRole('button', { name: 'Otevřít Flow a v návrháři' })).closest('tr')!;
    expect(within(row).getByText('Běží')).toBeTruthy();
    expect(within(row).getByText('Chyb: 3')).toBeTruthy();
    expect(within(row).getByText('před 1 minutou')).toBeTruthy();
  });

  it('marks a published flow whose draft has changes that do not run yet', async () => {
    render(<FlowManager api={fakeApi([
      flow('a', { stage: 'running', publishedVersion: 3, hasUnpublishedChanges: true }),
      flow('b', { stage: 'running', publishedVersion: 2, hasUnpublishedChanges: false }),
      flow('c', { hasUnpublishedChanges: true }),
    ]).api} />);
    const row = (name: string) => screen.getByRole('button', { name: `Open ${name} in the designer` }).closest('tr')!;
    await screen.findByRole('button', { name: 'Open Flow a in the designer' });
    const badge = within(row('Flow a')).getByText('Unpublished changes');
    expect(badge.closest('[title]')?.getAttribute('title')).toBe('Version 3 runs; the draft has changes not published yet');
    expect(within(row('Flow b')).queryByText('Unpublished changes')).toBeNull();
    // Never published: nothing runs that could differ.
    expect(within(row('Flow c')).queryByText('Unpublished changes')).toBeNull();
  });

  it("shows each flow's last run with its status and age, and opens its logs on a click", async () => {
    const emitter = createEmitter();
    const onInsights = vi.fn();
    emitter.on('flow:insights', onInsights);
    const failed = flow('a', { lastRun: { correlationId: 'run-1', status: 'failed', startedAt: Date.now() - 120e3, endedAt: Date.now() - 119e3 } });
    render(<FlowManager api={fakeApi([failed, flow('b')]).api} emitter={emitter} />);
    const cell = await screen.findByRole('button', { name: 'Last run of Flow a: Failed, 2 minutes ago; show its logs' });
    expect(cell.getAttribute('data-status')).toBe('failed');
    fireEvent.click(cell);
    expect(onInsights).toHaveBeenCalledWith({ flowId: 'a', name: 'Flow a', correlationId: 'run-1' });
    const other = screen.getByRole('button', { name: 'Open Flow b in the designer' }).closest('tr')!;
    expect(within(other).getByText('No runs yet')).toBeTruthy();
  });

  it('lets the host open a flow and asks before deleting one', async () => {
    const emitter = createEmitter();
    const onOpen = vi.fn();
    emitter.on('flow:open', onOpen);
    const { api, calls } = fakeApi([flow('a'), flow('b')]);
    render(<FlowManager api={api} emitter={emitter} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open Flow a in the designer' }));
    expect(onOpen).toHaveBeenCalledWith({ flowId: 'a', name: 'Flow a' });

    const actions = screen.getByRole('group', { name: 'Actions for Flow b' });
    fireEvent.click(within(actions).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete “Flow b”?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Open Flow b in the designer' })).toBeNull());
    expect(calls.deleteFlow).toHaveBeenCalledWith('b');
    expect(screen.getByRole('status').textContent).toContain('“Flow b” was deleted');
  });

  it('offers a retry when the list cannot be loaded', async () => {
    const api = { listFlows: vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ items: [], total: 0, limit: 20, offset: 0 }) } as unknown as ApiClient;
    render(<FlowManager api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No flows yet')).toBeTruthy();
  });

  it('lists the webhook URLs of a flow by component label, each with its own copy button', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const base = 'https://hooks.example.com/flows/a/components';
    const { api } = fakeApi([flow('a', { name: 'Orders' })]);
    Object.assign(api, {
      getFlow: async () => ({ ...flow('a'), webhookBaseUrl: base, flow: {
        h1: { type: 'weft.utils.http.Webhook', label: 'Shop orders' },
        h2: { type: 'weft.utils.http.Webhook' },
        set: { type: 'weft.utils.transform.Set', label: 'Shape' },
      } }),
      listComponents: async () => ({ items: [
        { name: 'weft.utils.http.Webhook', label: 'Webhook', webhook: true },
        { name: 'weft.utils.transform.Set', label: 'Set' },
      ] }),
    });
    render(<FlowManager api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Webhook URLs of Orders' }));
    const dialog = await screen.findByRole('dialog', { name: 'Webhook URLs of “Orders”' });
    expect(await within(dialog).findByLabelText<HTMLInputElement>('URL of Shop orders')).toHaveProperty('value', `${base}/h1`);
    expect(within(dialog).getByLabelText<HTMLInputElement>('URL of Webhook').value).toBe(`${base}/h2`);
    expect(within(dialog).queryByText('Shape')).toBeNull();
    expect(within(dialog).getByText(/POST \(or any method\)/)).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy webhook URL of Webhook' }));
    expect(await within(dialog).findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(`${base}/h2`);
  });
});
