import { describe, expect, it, vi } from 'vitest';
import type { ApiClient, LogRecord, UnprocessedMessage } from '@weft/api-client';
import { createInsightsStore } from './insights-store.ts';

const record = (id: string, time: number, extra: Partial<LogRecord> = {}): LogRecord => ({
  id, time, flowId: 'f1', componentId: 'c1', componentType: 'weft.utils.http', port: 'in', direction: 'in', severity: 'info',
  correlationId: 'k1', messageId: `m-${id}`, payload: { id }, truncated: false, ...extra,
});

const NOW = 10_000_000;

function setup(api: Partial<ApiClient>) {
  const emit = vi.fn(() => false);
  const store = createInsightsStore({ api: () => ({ logHistogram: async () => ({ intervalMs: 60e3, buckets: [] }), ...api }) as ApiClient, emit, now: () => NOW }, { pageSize: 2 });
  return { store, emit };
}

describe('the insights store', () => {
  it('queries with the filters and the resolved range, newest first', async () => {
    const queryLogs = vi.fn(async () => ({ records: [record('a', 2)], nextCursor: 'c2' }));
    const logHistogram = vi.fn(async () => ({ intervalMs: 60e3, buckets: [{ start: 0, count: 1 }] }));
    const { store } = setup({ queryLogs, logHistogram });
    store.getState().setFilters({ flowId: 'f1', severity: 'error', q: ' timeout ' });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(queryLogs).toHaveBeenLastCalledWith({ from: NOW - 3600e3, to: NOW, flowId: 'f1', severity: 'error', q: 'timeout', limit: 2, order: 'desc' });
    expect(logHistogram).toHaveBeenLastCalledWith({ from: NOW - 3600e3, to: NOW, flowId: 'f1', severity: 'error', q: 'timeout', histogram: '1m' });
    expect(store.getState().nextCursor).toBe('c2');
  });

  it('pages in older records with the cursor', async () => {
    const queryLogs = vi.fn()
      .mockResolvedValueOnce({ records: [record('a', 3), record('b', 2)], nextCursor: 'c2' })
      .mockResolvedValueOnce({ records: [record('c', 1)] });
    const { store } = setup({ queryLogs });
    await store.getState().load();
    await store.getState().loadMore();
    expect(queryLogs).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c2' }));
    expect(store.getState().records.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(store.getState().nextCursor).toBeUndefined();
  });

  it('zooming into a bar fixes the range and stops the live tail', async () => {
    const { store } = setup({ queryLogs: async () => ({ records: [] }) });
    store.getState().setLive(true);
    store.getState().setRange({ kind: 'absolute', from: 60e3, to: 120e3 });
    expect(store.getState().isLive).toBe(false);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
  });

  it('puts live records on top and counts them in the histogram', async () => {
    const { store } = setup({ queryLogs: async () => ({ records: [record('old', 1)] }), logHistogram: async () => ({ intervalMs: 60e3, buckets: [{ start: 0, count: 1 }] }) });
    await store.getState().load();
    await vi.waitFor(() => expect(store.getState().histogramStatus).toBe('ready'));
    store.getState().receiveLive([record('n1', 10), record('n2', 70e3)]);
    expect(store.getState().records.map((r) => r.id)).toEqual(['n2', 'n1', 'old']);
    expect(store.getState().histogram!.buckets).toEqual([{ start: 0, count: 2 }, { start: 60e3, count: 1 }]);
  });

  it('shows a correlation oldest first and tells the host what was selected', async () => {
    const queryLogs = vi.fn(async () => ({ records: [record('a', 1), record('b', 2)] }));
    const { store, emit } = setup({ queryLogs });
    await store.getState().openCorrelation('k1');
    expect(queryLogs).toHaveBeenCalledWith({ correlationId: 'k1', order: 'asc', limit: 1000 });
    expect(store.getState().correlation).toMatchObject({ status: 'ready', records: [{ id: 'a' }, { id: 'b' }] });
    store.getState().select(record('b', 2));
    expect(emit).toHaveBeenCalledWith('log:select', expect.objectContaining({ id: 'b', correlationId: 'k1' }));
  });

  describe('when live records come from a flow the complete list did not hold', () => {
    it('looks that flow up, since it may have been created after the list was loaded', async () => {
      const summary = (flowId: string, name: string) => ({ flowId, name, stage: 'running' as const, version: 1, createdAt: 1, updatedAt: 1, componentCount: 1 });
      const getFlow = vi.fn(async (flowId: string) => ({ ...summary(flowId, 'Brand new'), flow: {} }));
      const { store } = setup({
        queryLogs: async () => ({ records: [record('old', 1), record('older', 0, { flowId: 'deleted' })] }),
        listFlows: async () => ({ items: [summary('f1', 'Invoice approval')], total: 1, limit: 200, offset: 0 }),
        getFlow,
      });
      await store.getState().loadFlows();
      await store.getState().load();
      await vi.waitFor(() => expect(store.getState().flowNames).toEqual({ f1: 'Invoice approval', deleted: null }));
      store.getState().receiveLive([record('n1', 10, { flowId: 'f9' })]);
      await vi.waitFor(() => expect(store.getState().flowNames.f9).toBe('Brand new'));
      // f1 once, for its components' labels; the deleted flow not at all.
      expect(getFlow.mock.calls).toEqual([['f1'], ['f9']]);
    });
  });

  describe('when records show components of many flows', () => {
    const summary = (flowId: string) => ({ flowId, name: `Flow ${flowId}`, stage: 'running' as const, version: 1, createdAt: 1, updatedAt: 1, componentCount: 1 });
    const descriptor = { c1: { type: 'weft.utils.transform.Set', label: 'Greet' } };

    it('asks for their descriptors at most six at a time, each flow once', async () => {
      const flowIds = Array.from({ length: 14 }, (_, i) => `f${i}`);
      let inFlight = 0;
      let most = 0;
      const getFlow = vi.fn(async (flowId: string) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { ...summary(flowId), flow: descriptor };
      });
      const records = flowIds.flatMap((flowId, i) => [record(`a${i}`, 2, { flowId }), record(`b${i}`, 1, { flowId })]);
      const { store } = setup({ queryLogs: async () => ({ records }), listFlows: async () => ({ items: flowIds.map(summary), total: 14, limit: 200, offset: 0 }), getFlow });
      await store.getState().loadFlows();
      await store.getState().load();
      await vi.waitFor(() => expect(Object.keys(store.getState().flowComponents)).toHaveLength(14));
      await store.getState().load();
      expect(getFlow).toHaveBeenCalledTimes(14);
      expect(most).toBe(6);
    });

    it('asks for a flow once more when a live record comes from a component its descriptor lacks, once per component', async () => {
      const getFlow = vi.fn()
        .mockResolvedValueOnce({ ...summary('f1'), flow: descriptor })
        .mockResolvedValueOnce({ ...summary('f1'), flow: { ...descriptor, c2: { type: 'weft.utils.http.Request', label: 'Fetch' } } });
      const { store } = setup({ queryLogs: async () => ({ records: [record('old', 1)] }), listFlows: async () => ({ items: [summary('f1')], total: 1, limit: 200, offset: 0 }), getFlow });
      await store.getState().loadFlows();
      await store.getState().load();
      await vi.waitFor(() => expect(store.getState().flowComponents.f1).toEqual(descriptor));
      store.getState().receiveLive([record('n1', 10, { componentId: 'c2' })]);
      await vi.waitFor(() => expect(store.getState().flowComponents.f1?.c2).toEqual({ type: 'weft.utils.http.Request', label: 'Fetch' }));
      store.getState().receiveLive([record('n2', 11, { componentId: 'c2' }), record('n3', 12, { componentId: 'c1' })]);
      expect(getFlow).toHaveBeenCalledTimes(2);
    });
  });

  describe('when an unprocessed message is retried with an edited payload', () => {
    it('sends the new content and drops the message from the list', async () => {
      const message: UnprocessedMessage = { id: 'u1', flowId: 'f1', componentId: 'c1', componentType: 't', message: { content: { a: 1 } }, error: { code: 'x', message: 'boom' }, attempts: 5, createdAt: 1, updatedAt: 2 };
      const retryUnprocessed = vi.fn(async () => ({ retried: true as const, messageId: 'm2' }));
      const { store } = setup({ listUnprocessed: async () => ({ items: [message], total: 1 }), retryUnprocessed });
      store.getState().setFilters({ flowId: 'f1' });
      store.getState().setView('unprocessed');
      await vi.waitFor(() => expect(store.getState().unprocessed.status).toBe('ready'));
      await expect(store.getState().retryUnprocessed(message, { a: 2 })).resolves.toBe(true);
      expect(retryUnprocessed).toHaveBeenCalledWith('u1', { content: { a: 2 } });
      expect(store.getState().unprocessed.items).toEqual([]);
    });
  });
});
