import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiClient, LogQueryParams, LogRecord, Run, RunQueryParams } from '@weft/api-client';
import { createEmitter } from '@weft/ui-kit';
import { InsightsLogs } from './insights-logs.tsx';

afterEach(cleanup);

const T = 1_700_000_000_000;
const runs: Run[] = [
  { correlationId: 'run-failed-1', flowId: 'f1', status: 'failed', startedAt: T, lastAt: T + 900, endedAt: T + 900, durationMs: 900, steps: 1, errors: 3,
    failure: { componentId: 'mail', componentType: 'weft.email.Send', time: T + 900, error: { code: 'component.error', message: 'the mail server is down' } } },
  { correlationId: 'run-waiting-2', flowId: 'f1', status: 'waiting', startedAt: T - 5000, lastAt: T - 4000, steps: 2, errors: 0 },
  { correlationId: 'run-ok-3', flowId: 'f1', status: 'succeeded', startedAt: T - 9000, lastAt: T - 8750, endedAt: T - 8750, durationMs: 250, steps: 3, errors: 0 },
];
const record = (id: string, correlationId: string): LogRecord => ({
  id, time: T, flowId: 'f1', componentId: 'mail', componentType: 'weft.email.Send', port: 'in', direction: 'in', severity: 'info', correlationId, messageId: id, payload: {}, truncated: false,
});

function fakeApi() {
  const calls = {
    queryLogs: vi.fn(async (query: LogQueryParams = {}) => ({ records: query.correlationId ? [record('a', query.correlationId)] : [] })),
    logHistogram: vi.fn(async () => ({ intervalMs: 60e3, buckets: [] })),
    listFlows: vi.fn(async () => ({ items: [{ flowId: 'f1', name: 'Invoices', stage: 'running' as const, version: 1, createdAt: 1, updatedAt: 1, componentCount: 2 }], total: 1, limit: 200, offset: 0 })),
    getFlow: vi.fn(async () => ({ flowId: 'f1', name: 'Invoices', stage: 'running' as const, version: 1, createdAt: 1, updatedAt: 1, componentCount: 2, flow: { mail: { type: 'weft.email.Send', label: 'Send invoice' } } })),
    listComponents: vi.fn(async () => ({ items: [] })),
    listUnprocessed: vi.fn(async () => ({ items: [], total: 0 })),
    listRuns: vi.fn(async (query: RunQueryParams = {}) => ({ runs: query.status ? runs.filter((run) => run.status === query.status) : runs })),
    cancelRun: vi.fn(async (correlationId: string) => ({ ...runs.find((run) => run.correlationId === correlationId)!, status: 'cancelled' as const })),
    streamLogs: vi.fn(() => () => undefined),
  };
  return { api: calls as unknown as ApiClient, calls };
}

describe('the Runs tab', () => {
  it('lists each run with its status, duration, steps and the failing component and error', async () => {
    const { api, calls } = fakeApi();
    render(<InsightsLogs api={api} flowId="f1" initialState={{ view: 'runs' }} />);
    expect(await screen.findByText('3 runs')).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-status'))).toEqual(['failed', 'waiting', 'succeeded']);
    expect(within(rows[0]!).getByText('Failed')).toBeTruthy();
    expect(within(rows[0]!).getByText('900 ms')).toBeTruthy();
    expect(await within(rows[0]!).findByText('Send invoice')).toBeTruthy();
    expect(within(rows[0]!).getByText(/the mail server is down/)).toBeTruthy();
    expect(within(rows[1]!).getByText('—')).toBeTruthy();
    expect(calls.listRuns).toHaveBeenCalledWith(expect.objectContaining({ flowId: 'f1', limit: 50 }));
  });

  it('filters by status', async () => {
    const { api, calls } = fakeApi();
    render(<InsightsLogs api={api} initialState={{ view: 'runs' }} />);
    await screen.findByText('3 runs');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    expect(await screen.findByText('1 run')).toBeTruthy();
    expect(calls.listRuns).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'failed' }));
  });

  it("opens a run's log records in the correlation view", async () => {
    const { api, calls } = fakeApi();
    render(<InsightsLogs api={api} initialState={{ view: 'runs' }} />);
    await screen.findByText('3 runs');
    fireEvent.click(within(screen.getByRole('group', { name: 'Actions for run run-failed-1' })).getByRole('button', { name: 'Logs' }));
    expect(await screen.findByText(/Correlation run-failed-1: 1 record/)).toBeTruthy();
    expect(calls.queryLogs).toHaveBeenLastCalledWith({ correlationId: 'run-failed-1', order: 'asc', limit: 1000 });
    expect(screen.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe('true');
  });

  it('asks the host to open a run on the canvas, and cancels a waiting run', async () => {
    const { api, calls } = fakeApi();
    const emitter = createEmitter();
    const onOpen = vi.fn();
    emitter.on('run:open', onOpen);
    render(<InsightsLogs api={api} emitter={emitter} initialState={{ view: 'runs' }} />);
    await screen.findByText('3 runs');
    const waiting = screen.getByRole('group', { name: 'Actions for run run-waiting-2' });
    fireEvent.click(within(waiting).getByRole('button', { name: 'Open on canvas' }));
    expect(onOpen).toHaveBeenCalledWith({ flowId: 'f1', correlationId: 'run-waiting-2' });
    fireEvent.click(within(waiting).getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(calls.cancelRun).toHaveBeenCalledWith('run-waiting-2'));
    expect(await screen.findByText(/cancelled: its pending messages and timers are dropped/)).toBeTruthy();
    // A succeeded run has nothing left to cancel.
    expect(within(screen.getByRole('group', { name: 'Actions for run run-ok-3' })).queryByRole('button', { name: 'Cancel run' })).toBeNull();
  });
});
