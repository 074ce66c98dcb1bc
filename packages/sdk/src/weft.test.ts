import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '@weft/api-client';
import { Weft } from './weft.ts';
import { setModuleLoader, type LazyModule } from './module-loader.ts';
import type { MountedAdapter, WidgetProps } from './lazy/types.ts';

const fakeClient = (token: () => string | undefined) => ({
  listFlows: vi.fn(async () => ({ items: [], total: 0, limit: 50, offset: 0, token: token() })),
  streamLogs: vi.fn(() => vi.fn()),
}) as unknown as ApiClient;

let mounts: { el: HTMLElement; props: WidgetProps; adapter: MountedAdapter; reload: ReturnType<typeof vi.fn>; unmount: ReturnType<typeof vi.fn> }[];

beforeEach(() => {
  mounts = [];
  setModuleLoader(async () => ({
    loadApiClient: async () => (options) => fakeClient(() => options.getToken?.()),
    loadWidget: async () => (el, props) => {
      const state = new Map<string, unknown>();
      const reload = vi.fn();
      const unmount = vi.fn();
      const adapter: MountedAdapter = {
        update: (next: WidgetProps) => { entry.props = next; },
        unmount,
        reload,
        state: (key, ...value) => { if (value.length) state.set(key, value[0]); return state.get(key); },
      };
      const entry = { el, props, adapter, reload, unmount };
      mounts.push(entry);
      return adapter;
    },
  } satisfies LazyModule));
});

describe('new Weft()', () => {
  it('refuses options it does not understand, in words a host can act on', () => {
    expect(() => new Weft({ baseUrl: '' })).toThrow(/baseUrl/);
    expect(() => new Weft({ baseUrl: 'x', theme: 'pink' as never })).toThrow(/theme/);
    expect(() => new Weft({ baseUrl: 'x' }).set('theme', 'pink' as never)).toThrow(/invalid value for "theme"/);
  });

  it('loads the client on first call and sends the current token', async () => {
    const weft = new Weft({ baseUrl: 'https://weft.test', accessToken: 'a' });
    weft.set('accessToken', 'b');
    await expect(weft.api.listFlows()).resolves.toMatchObject({ token: 'b' });
    expect(weft.get('accessToken')).toBe('b');
  });

  it('lets a host override an API method by assignment', async () => {
    const weft = new Weft({ baseUrl: 'x' });
    weft.api.listFlows = async () => ({ items: [], total: 42, limit: 1, offset: 0 });
    const flows = weft.ui.FlowManager({ el: document.createElement('div') });
    await flows.ready;
    await expect(mounts[0]!.props.api.listFlows()).resolves.toMatchObject({ total: 42 });
  });

  it('lets a live tail be stopped before the client has even loaded', async () => {
    const weft = new Weft({ baseUrl: 'x' });
    const stop = weft.api.streamLogs({}, () => undefined);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('a widget instance', () => {
  it('mounts, follows settings and options, and forwards host events', async () => {
    const weft = new Weft({ baseUrl: 'x', locale: 'cs' });
    const el = document.createElement('div');
    const logs = weft.ui.InsightsLogs({ el, options: { flowId: 'f1' } });
    const onSelect = vi.fn();
    logs.on('log:select', onSelect);
    await logs.ready;
    expect(mounts[0]).toMatchObject({ el, props: { locale: 'cs', theme: 'light', options: { flowId: 'f1' } } });

    weft.set('theme', 'dark');
    logs.set('flowId', 'f2');
    expect(mounts[0]!.props).toMatchObject({ theme: 'dark', options: { flowId: 'f2' } });
    expect(logs.get('flowId')).toBe('f2');

    mounts[0]!.props.emitter.emit('log:select', { id: 'r1' });
    expect(onSelect).toHaveBeenCalledWith({ id: 'r1' });
    logs.off('log:select', onSelect);
    expect(mounts[0]!.props.emitter.emit('log:select', { id: 'r2' })).toBe(false);
  });

  it('mounts the Accounts widget and tells the host when an account turns invalid', async () => {
    const weft = new Weft({ baseUrl: 'x' });
    const accounts = weft.ui.Accounts({ el: document.createElement('div'), options: { pollMs: 10_000 } });
    const onInvalid = vi.fn();
    accounts.on('account:invalid', onInvalid);
    await accounts.ready;
    const mounted = mounts.at(-1)!;
    expect(mounted.props.options).toEqual({ pollMs: 10_000 });
    mounted.props.emitter.emit('account:invalid', { accountId: 'a1', name: 'GitHub', reason: 'invalid_grant' });
    expect(onInvalid).toHaveBeenCalledWith({ accountId: 'a1', name: 'GitHub', reason: 'invalid_grant' });
  });

  it('keeps state written before the chunk arrived, and closes, reopens and destroys', async () => {
    const weft = new Weft({ baseUrl: 'x' });
    const flows = weft.ui.FlowManager({ el: document.createElement('div') });
    flows.state('search', 'invoice');
    await flows.ready;
    expect(flows.state('search')).toBe('invoice');
    flows.reload();
    expect(mounts[0]!.reload).toHaveBeenCalled();
    flows.close();
    expect(mounts[0]!.unmount).toHaveBeenCalled();
    await flows.open();
    expect(mounts).toHaveLength(2);
    flows.destroy();
    await expect(flows.open()).rejects.toThrow(/destroyed/);
  });

  it('reports a chunk that cannot load through its error event', async () => {
    setModuleLoader(() => Promise.reject(new Error('offline')));
    const weft = new Weft({ baseUrl: 'x' });
    const onError = vi.fn();
    const flows = weft.ui.FlowManager({ el: document.createElement('div') }).on('error', onError);
    await expect(flows.ready).rejects.toThrow('offline');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'offline' }));
  });
});
