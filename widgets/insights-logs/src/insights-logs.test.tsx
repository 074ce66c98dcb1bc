import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type ApiClient, type FlowList, type FlowSummary, type LogQueryParams, type LogRecord, type UnprocessedMessage } from '@weft/api-client';
import { createEmitter } from '@weft/ui-kit';
import { InsightsLogs } from './insights-logs.tsx';

afterEach(cleanup);

const record = (i: number, extra: Partial<LogRecord> = {}): LogRecord => ({
  id: `r${i}`, time: 1_700_000_000_000 - i * 1000, flowId: 'f1', componentId: `c${i % 3}`, componentType: 'weft.utils.http', port: 'in',
  direction: 'in', severity: 'info', correlationId: `k${i % 10}`, messageId: `m${i}`, payload: { order: { id: i, lines: [1, 2] } }, truncated: false, ...extra,
});

const flow = (flowId: string, name: string): FlowSummary => ({ flowId, name, stage: 'running', version: 1, createdAt: 1, updatedAt: 1, componentCount: 3 });

interface FakeFlows {
  /** What GET /flows answers: the first page of the user's flows, and how many there are in all. */
  listed?: FlowSummary[];
  total?: number;
  /** What GET /flows/:id finds; any other id answers 404. */
  byId?: FlowSummary[];
}

function fakeApi(records: LogRecord[], unprocessed: UnprocessedMessage[] = [], { listed = [], total = listed.length, byId = listed }: FakeFlows = {}) {
  const calls = {
    queryLogs: vi.fn(async (query: LogQueryParams = {}) => (query.correlationId ? { records: records.filter((r) => r.correlationId === query.correlationId).reverse() } : { records })),
    logHistogram: vi.fn(async () => ({ intervalMs: 60e3, buckets: [{ start: 1_699_999_940_000, count: 7 }, { start: 1_700_000_000_000, count: 3 }] })),
    listFlows: vi.fn(async (): Promise<FlowList> => ({ items: listed, total, limit: 200, offset: 0 })),
    getFlow: vi.fn(async (flowId: string) => {
      const found = byId.find((item) => item.flowId === flowId);
      if (!found) throw new ApiError({ status: 404, code: 'flow.not_found', message: `No flow ${flowId}` });
      return { ...found, flow: {} };
    }),
    listUnprocessed: vi.fn(async () => ({ items: unprocessed, total: unprocessed.length })),
    retryUnprocessed: vi.fn(async () => ({ retried: true as const, messageId: 'm9' })),
    streamLogs: vi.fn(() => () => undefined),
  };
  return { api: calls as unknown as ApiClient, calls };
}

describe('the insights logs', () => {
  it('renders a window of 100,000 records, not all of them', async () => {
    const records = Array.from({ length: 100_000 }, (_, i) => record(i));
    render(<InsightsLogs api={fakeApi(records).api} flowId="f1" />);
    expect(await screen.findByText('100000 records')).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Insights logs' });
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    expect(within(grid).getAllByRole('row').length).toBeLessThan(60);
  });

  it('shows the payload of the selected record and tells the host', async () => {
    const emitter = createEmitter();
    const onSelect = vi.fn();
    emitter.on('log:select', onSelect);
    render(<InsightsLogs api={fakeApi([record(1), record(2)]).api} emitter={emitter} />);
    const grid = await screen.findByRole('grid', { name: 'Insights logs' });
    fireEvent.keyDown(within(grid).getByRole('rowgroup'), { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1', correlationId: 'k1' }));
    const detail = screen.getByRole('complementary', { name: 'Record detail' });
    expect(within(detail).getByText('m1')).toBeTruthy();
    expect(within(detail).getByText('lines:')).toBeTruthy();
  });

  it('opens the correlation of a record, oldest first', async () => {
    const { api, calls } = fakeApi([record(1), record(11), record(2)]);
    render(<InsightsLogs api={api} />);
    // Record 1 is the only one from component c1.
    fireEvent.click(await screen.findByText('c1'));
    fireEvent.click(screen.getByRole('button', { name: 'Show the whole correlation' }));
    expect(await screen.findByText('Correlation k1: 2 records, oldest first')).toBeTruthy();
    expect(calls.queryLogs).toHaveBeenLastCalledWith({ correlationId: 'k1', order: 'asc', limit: 1000 });
    fireEvent.click(screen.getByRole('button', { name: /Back to all logs/ }));
    expect(screen.getByRole('grid', { name: 'Insights logs' })).toBeTruthy();
  });

  it("shows a component's log line with its level, and filters by log lines", async () => {
    const line = record(1, { direction: 'log', severity: 'warn', payload: { level: 'warn', message: 'slow upstream', data: { ms: 900 } } });
    const { api, calls } = fakeApi([line, record(2)]);
    render(<InsightsLogs api={api} />);
    fireEvent.click(await screen.findByText('warn: slow upstream {"ms":900}'));
    const detail = screen.getByRole('complementary', { name: 'Record detail' });
    expect(within(detail).getByText('Logged line').nextSibling?.textContent).toBe('slow upstream');
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'log' } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ direction: 'log' })));
  });

  it('zooms into a bar of the histogram', async () => {
    const { api, calls } = fakeApi([record(1)]);
    render(<InsightsLogs api={api} />);
    const bars = await screen.findAllByRole('button', { name: /^7 records from/ });
    fireEvent.click(bars[0]!);
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ from: 1_699_999_940_000, to: 1_700_000_000_000 })));
    expect(screen.getByLabelText('Time range')).toHaveProperty('value', 'custom');
  });

  describe('when records show their flow', () => {
    const flowCells = async () => {
      const grid = await screen.findByRole('grid', { name: 'Insights logs' });
      return within(grid).getAllByRole('gridcell').filter((cell) => cell.className.includes('weft-il__cell--flow'));
    };

    it("shows the flow's name, with its id on hover and in the detail", async () => {
      const { api, calls } = fakeApi([record(1), record(2)], [], { listed: [flow('f1', 'Invoice approval'), flow('f2', 'Nightly sync')] });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await flowCells()).map((cell) => cell.textContent)).toEqual(['Invoice approval', 'Invoice approval']));
      const [first] = await flowCells();
      expect(first!.getAttribute('title')).toBe('f1');
      fireEvent.click(first!);
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Flow').nextSibling?.textContent).toBe('Invoice approvalf1');
      expect(within(detail).getByText('f1')).toBeTruthy();
      // One list for the filter and the names: no lookup per row.
      expect(calls.listFlows).toHaveBeenCalledTimes(1);
      expect(calls.getFlow).not.toHaveBeenCalled();
      expect(screen.getByRole('option', { name: 'Nightly sync' })).toBeTruthy();
    });

    it('shows the id of a flow that no longer exists, and says so in the detail', async () => {
      const { api, calls } = fakeApi([record(1, { flowId: 'gone' })], [], { listed: [flow('f1', 'Invoice approval')] });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await flowCells())[0]!.getAttribute('title')).toBe('gone: flow not found (deleted?)'));
      const [cell] = await flowCells();
      expect(cell!.textContent).toBe('gone');
      fireEvent.click(cell!);
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Flow').nextSibling?.textContent).toBe('goneFlow not found (deleted?)');
      // The list held all of the user's flows, so there was nothing to look up.
      expect(calls.getFlow).not.toHaveBeenCalled();
    });

    it('looks up, once each, the flows beyond the first page of the list', async () => {
      const records = [record(1), record(2, { flowId: 'f300' }), record(3, { flowId: 'f300' }), record(4, { flowId: 'gone' }), record(5, { flowId: 'f300' })];
      const { api, calls } = fakeApi(records, [], { listed: [flow('f1', 'Invoice approval')], total: 250, byId: [flow('f1', 'Invoice approval'), flow('f300', 'Stock watcher')] });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await flowCells()).map((cell) => cell.textContent)).toEqual(['Invoice approval', 'Stock watcher', 'Stock watcher', 'gone', 'Stock watcher']));
      expect(calls.getFlow.mock.calls.map(([flowId]) => flowId).sort()).toEqual(['f300', 'gone']);
      fireEvent.click(screen.getByText('gone'));
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Flow not found (deleted?)')).toBeTruthy();
    });

    it('names the host\'s flow in the filter even when the list does not hold it', async () => {
      const { api } = fakeApi([], [], { listed: [flow('f1', 'Invoice approval')], total: 250, byId: [flow('f300', 'Stock watcher')] });
      render(<InsightsLogs api={api} flowId="f300" />);
      await waitFor(() => expect(screen.getByLabelText('Flow')).toHaveProperty('selectedOptions.0.textContent', 'Stock watcher'));
    });
  });

  describe('when an unprocessed message is edited', () => {
    it('refuses invalid JSON, then retries with the fixed payload', async () => {
      const message: UnprocessedMessage = { id: 'u1', flowId: 'f1', componentId: 'crm', componentType: 't', message: { content: { name: 'Ada' } }, error: { code: 'http.500', message: 'CRM down' }, attempts: 5, createdAt: 1, updatedAt: 2 };
      const { api, calls } = fakeApi([], [message]);
      render(<InsightsLogs api={api} flowId="f1" initialState={{ view: 'unprocessed' }} />);
      fireEvent.click(await screen.findByRole('button', { name: 'Edit and retry' }));
      const dialog = screen.getByRole('dialog', { name: 'Edit the payload for crm' });
      const editor = within(dialog).getByLabelText('Payload (JSON object)');
      fireEvent.change(editor, { target: { value: '{ "name": ' } });
      expect(within(dialog).getByRole('alert').textContent).toMatch(/Not valid JSON/);
      const retry = within(dialog).getByRole('button', { name: 'Retry with this payload' });
      expect(retry).toHaveProperty('disabled', true);
      fireEvent.change(editor, { target: { value: '{ "name": "Grace" }' } });
      fireEvent.click(retry);
      await waitFor(() => expect(calls.retryUnprocessed).toHaveBeenCalledWith('u1', { content: { name: 'Grace' } }));
      expect(await screen.findByText('No unprocessed messages')).toBeTruthy();
    });
  });
});
