import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient, type FlowSummary } from '@weft/api-client';
import { createFlowManagerStore } from './flow-manager-store.ts';

const summary = (flowId: string, extra: Partial<FlowSummary> = {}): FlowSummary => ({ flowId, name: `Flow ${flowId}`, stage: 'stopped', version: 1, createdAt: 1, updatedAt: 2, componentCount: 1, ...extra });

function setup(api: Partial<ApiClient>) {
  const emit = vi.fn(() => false);
  const store = createFlowManagerStore({ api: () => api as ApiClient, emit }, { pageSize: 2 });
  return { store, emit };
}

describe('the flow manager store', () => {
  it('asks for the page it shows, with the filters it has', async () => {
    const listFlows = vi.fn(async () => ({ items: [summary('a')], total: 3, limit: 2, offset: 2 }));
    const { store } = setup({ listFlows });
    store.getState().setQuery({ search: ' inv ', stage: 'running' });
    store.getState().setQuery({ page: 1 });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(listFlows).toHaveBeenLastCalledWith({ search: 'inv', stage: 'running', sort: 'updatedAt', order: 'desc', limit: 2, offset: 2 });
    expect(store.getState().total).toBe(3);
  });

  it('ignores an answer that arrives after a newer query', async () => {
    const answers: ((value: unknown) => void)[] = [];
    const listFlows = vi.fn(() => new Promise((resolve) => answers.push(resolve)));
    const { store } = setup({ listFlows: listFlows as ApiClient['listFlows'] });
    const first = store.getState().load();
    const second = store.getState().load();
    answers[1]!({ items: [summary('new')], total: 1, limit: 2, offset: 0 });
    answers[0]!({ items: [summary('old')], total: 1, limit: 2, offset: 0 });
    await Promise.all([first, second]);
    expect(store.getState().items.map((f) => f.flowId)).toEqual(['new']);
  });

  it('shows the error state when the list cannot be loaded', async () => {
    const { store } = setup({ listFlows: async () => { throw new ApiError({ status: 500, code: 'x', message: 'down' }); } });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: { message: 'down' } });
  });

  describe('when a flow is started', () => {
    it('updates the row, tells the host and announces it', async () => {
      const { store, emit } = setup({
        listFlows: async () => ({ items: [summary('a')], total: 1, limit: 2, offset: 0 }),
        startFlow: async () => ({ ...summary('a', { stage: 'running', version: 2 }), flow: { big: true } }),
      });
      await store.getState().load();
      await expect(store.getState().start(store.getState().items[0]!)).resolves.toBe(true);
      expect(store.getState().items[0]).toMatchObject({ stage: 'running', version: 2 });
      expect(store.getState().items[0]).not.toHaveProperty('flow');
      expect(emit).toHaveBeenCalledWith('flow:start', { flowId: 'a', name: 'Flow a' });
      expect(store.getState().notice).toMatchObject({ key: 'flowManager.started', tone: 'info' });
      expect(store.getState().pending).toEqual({});
    });

    it('lists every problem by its component label when the flow is invalid', async () => {
      const { store, emit } = setup({
        startFlow: async () => {
          throw new ApiError({ status: 422, code: 'flow.invalid', message: 'The flow has 2 problems; fix them before starting it', details: [
            { code: 'x', message: 'needs a status', path: 'flow.a1.config', componentId: 'a1' },
            { code: 'y', message: 'reads a component that does not run before it', path: 'flow.b2.config' },
          ] });
        },
        getFlow: async () => ({ ...summary('a'), flow: { a1: { type: 'weft.utils.http.Response', label: 'Answer' }, b2: { type: 'weft.utils.Set' } } }),
      });
      await expect(store.getState().start(summary('a'))).resolves.toBe(false);
      expect(store.getState().notice).toMatchObject({
        key: 'flowManager.actionFailed.problems', tone: 'error', params: { count: 2 },
        problems: [{ label: 'Answer', message: 'needs a status' }, { label: 'Set', message: 'reads a component that does not run before it' }],
      });
      expect(emit).not.toHaveBeenCalled();
    });

    it('still lists the problems when the flow cannot be read for labels', async () => {
      const { store } = setup({
        startFlow: async () => { throw new ApiError({ status: 422, code: 'flow.invalid', message: 'Flow is invalid', details: [{ code: 'x', message: 'Component a1 has no type', path: 'a1' }] }); },
        getFlow: async () => { throw new Error('offline'); },
      });
      await store.getState().start(summary('a'));
      expect(store.getState().notice).toMatchObject({ params: { count: 1 }, problems: [{ label: undefined, message: 'Component a1 has no type' }] });
    });
  });

  it('deletes a flow after confirmation and reloads the page', async () => {
    const listFlows = vi.fn(async () => ({ items: [summary('a'), summary('b')], total: 2, limit: 2, offset: 0 }));
    const deleteFlow = vi.fn(async () => undefined);
    const { store, emit } = setup({ listFlows, deleteFlow });
    await store.getState().load();
    store.getState().openDialog({ kind: 'remove', flow: summary('a') });
    await store.getState().remove(summary('a'));
    expect(deleteFlow).toHaveBeenCalledWith('a');
    expect(store.getState().dialog).toBeNull();
    expect(emit).toHaveBeenCalledWith('flow:remove', { flowId: 'a', name: 'Flow a' });
    expect(listFlows).toHaveBeenCalledTimes(2);
  });

  it('renames with the version it read, so a stale one is refused', async () => {
    const updateFlow = vi.fn(async () => { throw new ApiError({ status: 409, code: 'flow.conflict', message: 'Changed meanwhile' }); });
    const { store } = setup({ updateFlow });
    await store.getState().rename(summary('a', { version: 7 }), 'New');
    expect(updateFlow).toHaveBeenCalledWith('a', { version: 7, name: 'New' });
    expect(store.getState().notice).toMatchObject({ tone: 'error', params: { message: 'Changed meanwhile' } });
  });
});
