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
  /** The descriptors GET /flows/:id answers with, by flow id; `{}` for the others. */
  descriptors?: Record<string, Record<string, unknown>>;
  /** The manifests GET /components answers with; without them it fails. */
  manifests?: { name: string; label: string }[];
}

function fakeApi(records: LogRecord[], unprocessed: UnprocessedMessage[] = [], { listed = [], total = listed.length, byId = listed, descriptors = {}, manifests }: FakeFlows = {}) {
  const calls = {
    queryLogs: vi.fn(async (query: LogQueryParams = {}) => {
      if (query.correlationId) return { records: records.filter((r) => r.correlationId === query.correlationId).reverse() };
      if (query.messageId) return { records: records.filter((r) => r.messageId === query.messageId) };
      return { records };
    }),
    logHistogram: vi.fn(async () => ({ intervalMs: 60e3, buckets: [{ start: 1_699_999_940_000, count: 7 }, { start: 1_700_000_000_000, count: 3 }] })),
    listFlows: vi.fn(async (): Promise<FlowList> => ({ items: listed, total, limit: 200, offset: 0 })),
    getFlow: vi.fn(async (flowId: string) => {
      const found = byId.find((item) => item.flowId === flowId);
      if (!found) throw new ApiError({ status: 404, code: 'flow.not_found', message: `No flow ${flowId}` });
      return { ...found, flow: descriptors[flowId] ?? {} };
    }),
    listComponents: vi.fn(async () => {
      if (!manifests) throw new ApiError({ status: 503, code: 'engine.unavailable', message: 'No manifests' });
      return { items: manifests.map((manifest) => ({ description: '', category: 'utils', inPorts: [], outPorts: [], ...manifest })) };
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

  it('keeps the rows on screen while a new filter loads, and a click on one meanwhile selects it', async () => {
    const { api, calls } = fakeApi([record(1), record(2)]);
    render(<InsightsLogs api={api} />);
    const grid = await screen.findByRole('grid', { name: 'Insights logs' });
    let answer: (page: { records: LogRecord[] }) => void = () => undefined;
    calls.queryLogs.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve; }));
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'log' } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ direction: 'log' })));
    expect(screen.getByRole('grid', { name: 'Insights logs' })).toBe(grid);
    expect(grid.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(within(grid).getByText('{"order":{"id":2,"lines":[1,2]}}'));
    answer({ records: [record(3)] });
    await waitFor(() => expect(grid.getAttribute('aria-busy')).toBeNull());
    expect(within(screen.getByRole('complementary', { name: 'Record detail' })).getByText('m2')).toBeTruthy();
  });

  it('zooms into a bar of the histogram', async () => {
    const { api, calls } = fakeApi([record(1)]);
    render(<InsightsLogs api={api} />);
    const bars = await screen.findAllByRole('button', { name: /^7 records from/ });
    fireEvent.click(bars[0]!);
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ from: 1_699_999_940_000, to: 1_700_000_000_000 })));
    expect(screen.getByLabelText('Time range')).toHaveProperty('value', 'custom');
  });

  const flowCells = async () => {
    const grid = await screen.findByRole('grid', { name: 'Insights logs' });
    return within(grid).getAllByRole('gridcell').filter((cell) => cell.className.includes('weft-il__cell--flow'));
  };

  describe('when records show their flow', () => {

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
      // One list for the filter and the names; one lookup of the shown flow for its components, not one per row.
      expect(calls.listFlows).toHaveBeenCalledTimes(1);
      expect(calls.getFlow.mock.calls).toEqual([['f1']]);
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
      // f1 for its components only: the list named it.
      expect(calls.getFlow.mock.calls.map(([flowId]) => flowId).sort()).toEqual(['f1', 'f300', 'gone']);
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

  describe('when records show their component', () => {
    // Ids as the designer makes them: they say nothing to a person.
    const GREET = '0b6f3c1e-8d2a-4c55-9e7b-2f1a6d4c9e01';
    const FETCH = '5d9e2a47-1c3b-4f8e-a6d0-7b2e9c4f1a32';
    const REPLY = 'a3c81f06-72d4-4b9a-8e15-c6f0d2b7e948';
    const greeter = {
      [GREET]: { type: 'weft.utils.transform.Set', label: 'Greet the caller', x: 0, y: 0, source: {}, config: { properties: {}, transform: {} } },
      [FETCH]: { type: 'weft.utils.http.Request', x: 260, y: 0 },
      [REPLY]: { type: 'weft.utils.http.Response', label: '  ', x: 520, y: 0 },
    };
    const componentCells = async () => {
      const grid = await screen.findByRole('grid', { name: 'Insights logs' });
      return within(grid).getAllByRole('gridcell').filter((cell) => cell.className.includes('weft-il__cell--component'));
    };

    it('shows the label it has in its flow, with its id on hover and in the detail', async () => {
      const { api } = fakeApi([record(1, { componentId: GREET })], [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter } });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await componentCells()).map((cell) => cell.textContent)).toEqual(['Greet the caller']));
      const [cell] = await componentCells();
      expect(cell!.getAttribute('title')).toBe(GREET);
      fireEvent.click(cell!);
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Component').nextSibling?.textContent).toBe(`Greet the caller${GREET}`);
      expect(within(detail).getByText(GREET).className).toContain('weft-il__secondary');
    });

    it("falls back to its type's label, or the last part of the type's name when no manifest has it", async () => {
      const records = [record(1, { componentId: FETCH }), record(2, { componentId: REPLY }), record(3, { componentId: FETCH })];
      const { api, calls } = fakeApi(records, [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter }, manifests: [{ name: 'weft.utils.http.Request', label: 'HTTP request' }] });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await componentCells()).map((cell) => cell.textContent)).toEqual(['HTTP request', 'Response', 'HTTP request']));
      expect(calls.listComponents).toHaveBeenCalledTimes(1);
    });

    it("shows the last part of the type's name when the manifests cannot be loaded", async () => {
      const { api, calls } = fakeApi([record(1, { componentId: FETCH })], [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter } });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await componentCells()).map((cell) => cell.textContent)).toEqual(['Request']));
      await waitFor(() => expect(calls.listComponents).toHaveBeenCalledTimes(1));
    });

    it('does not ask for the manifests when every component shown has a label', async () => {
      const { api, calls } = fakeApi([record(1, { componentId: GREET })], [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: { [GREET]: greeter[GREET] } } });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await componentCells()).map((cell) => cell.textContent)).toEqual(['Greet the caller']));
      expect(calls.listComponents).not.toHaveBeenCalled();
    });

    it('shows the id of a component its flow no longer has, and says so', async () => {
      const removed = 'e0e3f5a9-2222-4d4d-8888-000000000000';
      const { api } = fakeApi([record(1, { componentId: removed })], [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter } });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await componentCells())[0]!.getAttribute('title')).toBe(`${removed}: no longer in the flow (removed?)`));
      const [cell] = await componentCells();
      expect(cell!.textContent).toBe(removed);
      fireEvent.click(cell!);
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Component').nextSibling?.textContent).toBe(`${removed}No longer in the flow (removed?)`);
    });

    it('shows the ids of the components of a deleted flow, without claiming more', async () => {
      const { api } = fakeApi([record(1, { flowId: 'gone', componentId: GREET })], [], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter } });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect((await flowCells())[0]!.getAttribute('title')).toBe('gone: flow not found (deleted?)'));
      const [cell] = await componentCells();
      expect([cell!.textContent, cell!.getAttribute('title')]).toEqual([GREET, GREET]);
      fireEvent.click(cell!);
      const detail = screen.getByRole('complementary', { name: 'Record detail' });
      expect(within(detail).getByText('Component').nextSibling?.textContent).toBe(GREET);
    });

    it('asks for each flow shown once, however many records and correlations show it', async () => {
      const records = Array.from({ length: 40 }, (_, i) => record(i, { flowId: `f${i % 4}`, componentId: GREET }));
      const listed = [0, 1, 2, 3].map((i) => flow(`f${i}`, `Flow ${i}`));
      const descriptors = Object.fromEntries(listed.map(({ flowId }) => [flowId, greeter]));
      const { api, calls } = fakeApi(records, [], { listed, descriptors });
      render(<InsightsLogs api={api} />);
      await waitFor(async () => expect(new Set((await componentCells()).map((cell) => cell.textContent))).toEqual(new Set(['Greet the caller'])));
      fireEvent.click((await componentCells())[0]!);
      fireEvent.click(screen.getByRole('button', { name: 'Show the whole correlation' }));
      expect(await screen.findByText(/^Correlation k0: \d records, oldest first$/)).toBeTruthy();
      expect(calls.getFlow.mock.calls.map(([flowId]) => flowId).sort()).toEqual(['f0', 'f1', 'f2', 'f3']);
    });

    it('names the component of an unprocessed message, and its edit dialog', async () => {
      const message: UnprocessedMessage = { id: 'u1', flowId: 'f1', componentId: FETCH, componentType: 'weft.utils.http.Request', message: { content: { name: 'Ada' } }, error: { code: 'http.500', message: 'CRM down' }, attempts: 5, createdAt: 1, updatedAt: 2 };
      const { api } = fakeApi([], [message], { listed: [flow('f1', 'Greeter')], descriptors: { f1: greeter }, manifests: [{ name: 'weft.utils.http.Request', label: 'HTTP request' }] });
      render(<InsightsLogs api={api} flowId="f1" initialState={{ view: 'unprocessed' }} />);
      expect(await screen.findByRole('group', { name: 'Actions for the message of HTTP request' })).toBeTruthy();
      expect(screen.getByText('HTTP request', { selector: 'strong' }).getAttribute('title')).toBe(FETCH);
      fireEvent.click(screen.getByRole('button', { name: 'Edit and retry' }));
      expect(screen.getByRole('dialog', { name: 'Edit the payload for HTTP request' })).toBeTruthy();
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

describe('the component filter', () => {
  const SET_ID = '7e44868b-2a4f-4f7e-8b8e-1c2d3e4f5a6b';
  const HOOK_ID = '50ce0a13-4c1e-4d0c-9a8e-3f5e2b7c9d10';
  const OTHER_SET = '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
  const orders = {
    [HOOK_ID]: { type: 'weft.utils.http.Webhook', label: 'Order arrives' },
    [SET_ID]: { type: 'weft.utils.transform.Set', label: 'Read order' },
  };
  const refunds = { [OTHER_SET]: { type: 'weft.utils.transform.Set', label: 'Read refund' } };
  const flows = { listed: [flow('f1', 'Orders'), flow('f2', 'Refunds')], descriptors: { f1: orders, f2: refunds } };

  it("suggests the components of the user's flows by label as you type, and filters by the one picked", async () => {
    const { api, calls } = fakeApi([record(1)], [], flows);
    render(<InsightsLogs api={api} />);
    const box = await screen.findByRole('combobox', { name: 'Component' });
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'read' } });
    const list = await screen.findByRole('listbox', { name: 'Components of your flows' });
    await waitFor(() => expect(within(list).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Read orderin Orders · Set',
      'Read refundin Refunds · Set',
    ]));
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ componentId: OTHER_SET })));
    expect((box as HTMLInputElement).value).toBe('Read refund');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('takes a typed label that matches a component as that component', async () => {
    const { api, calls } = fakeApi([record(1)], [], flows);
    render(<InsightsLogs api={api} flowId="f1" />);
    const box = await screen.findByRole('combobox', { name: 'Component' });
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'order arrives' } });
    await screen.findByRole('option', { name: /Order arrives/ });
    fireEvent.blur(box);
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ componentId: HOOK_ID })));
  });

  it('says so when no component is called that', async () => {
    const { api } = fakeApi([record(1)], [], flows);
    render(<InsightsLogs api={api} />);
    const box = await screen.findByRole('combobox', { name: 'Component' });
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'nothing like it' } });
    expect(await screen.findByText('No component of your flows is called that')).toBeTruthy();
  });
});

describe('finding a run by id', () => {
  const CORRELATION = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const run = [
    record(1, { id: 'a', time: 1000, correlationId: CORRELATION, messageId: CORRELATION, componentId: 'hook', direction: 'in' }),
    record(2, { id: 'b', time: 2000, correlationId: CORRELATION, messageId: 'Xk3v9QpL2mN8rT4wY6zA1bC0', componentId: 'set', direction: 'error', severity: 'error' }),
    record(3, { id: 'c', time: 3000, correlationId: 'another-run' }),
  ];
  const correlationTitle = () => screen.findByRole('heading', { name: new RegExp(`Correlation ${CORRELATION}: 2 records`) });

  it('shows the run, oldest first, when a correlation id is pasted into the search box', async () => {
    const { api, calls } = fakeApi(run);
    render(<InsightsLogs api={api} />);
    const search = await screen.findByLabelText('Search payloads and errors');
    fireEvent.change(search, { target: { value: ` ${CORRELATION} ` } });
    expect(await correlationTitle()).toBeTruthy();
    const view = screen.getByRole('region', { name: 'Correlation' });
    expect(within(view).getAllByRole('row').slice(1).map((row) => row.getAttribute('aria-rowindex'))).toHaveLength(2);
    // Shown as the run filter, not searched as text.
    expect(screen.getByLabelText<HTMLInputElement>('Run (correlation id)').value).toBe(CORRELATION);
    // The box is emptied by its own state once the id is taken as the run filter: a render later on a busy machine.
    await waitFor(() => expect((search as HTMLInputElement).value).toBe(''));
    expect(calls.queryLogs).not.toHaveBeenCalledWith(expect.objectContaining({ q: CORRELATION }));
  });

  it('shows the run of a message when a message id is pasted, from the unprocessed messages too', async () => {
    const { api, calls } = fakeApi(run);
    render(<InsightsLogs api={api} initialState={{ view: 'unprocessed' }} />);
    fireEvent.change(await screen.findByLabelText('Search payloads and errors'), { target: { value: 'Xk3v9QpL2mN8rT4wY6zA1bC0' } });
    expect(await correlationTitle()).toBeTruthy();
    expect(calls.queryLogs).toHaveBeenCalledWith(expect.objectContaining({ messageId: 'Xk3v9QpL2mN8rT4wY6zA1bC0' }));
  });

  it('searches an id no record carries as text', async () => {
    const { api, calls } = fakeApi(run);
    render(<InsightsLogs api={api} />);
    const unknown = '00000000-0000-4000-8000-000000000000';
    fireEvent.change(await screen.findByLabelText('Search payloads and errors'), { target: { value: unknown } });
    await waitFor(() => expect(calls.queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ q: unknown })));
    expect(screen.queryByRole('region', { name: 'Correlation' })).toBeNull();
  });

  it('filters by the run the host passes', async () => {
    const { api, calls } = fakeApi(run);
    render(<InsightsLogs api={api} correlationId={CORRELATION} />);
    expect(await correlationTitle()).toBeTruthy();
    expect(calls.queryLogs).toHaveBeenCalledWith(expect.objectContaining({ correlationId: CORRELATION, from: expect.any(Number) }));
  });
});
