import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { testing } from '@weft/designer';
import { Weft } from '../weft.ts';
import { setModuleLoader } from '../module-loader.ts';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  setModuleLoader(() => import('./index.ts'));
});

const els: HTMLElement[] = [];
afterEach(() => {
  for (const el of els.splice(0)) el.remove();
});

/** A designer of a one-webhook flow, mounted by the SDK on a mock API, once it has loaded. */
async function openDesigner() {
  const weft = new Weft({ baseUrl: 'https://weft.test' });
  Object.assign(weft.api, testing.createMockApi({ hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } } as never));
  const el = document.createElement('div');
  els.push(el);
  document.body.append(el);
  const designer = weft.ui.Designer({ el, options: { flowId: 'flow-1' } });
  await designer.ready;
  await waitFor(() => expect(designer.state('loadStatus')).toBe('ready'), { timeout: 5000 });
  return { weft, el, designer };
}

describe('when a host page reads the state of a designer', () => {
  it('gets the open flow, its save status and selection, and cannot write them', async () => {
    const { designer } = await openDesigner();
    expect(designer.state('flowId')).toBe('flow-1');
    expect(designer.state('isDirty')).toBe(false);
    expect(designer.state('selectedIds')).toEqual([]);
    expect(designer.state('problemCount')).toBe(0);
    expect(designer.state('flowId', 'flow-2')).toBe('flow-1');
    designer.destroy();
  });
});

describe('when a host page switches the theme of an open designer', () => {
  it('updates the designer in place (keeping its undo history) instead of remounting it', async () => {
    const { weft, el, designer } = await openDesigner();
    const mount = el.shadowRoot!.querySelector('.weft-mount');
    weft.set('theme', 'dark');
    await waitFor(() => expect(el.shadowRoot!.querySelector('.weft-root')?.getAttribute('data-theme')).toBe('dark'));
    expect(el.shadowRoot!.querySelector('.weft-mount')).toBe(mount);
    expect(designer.state('loadStatus')).toBe('ready');
    // Another flow is another designer.
    designer.set('flowId', 'flow-2');
    await waitFor(() => expect(el.shadowRoot!.querySelector('.weft-mount')).not.toBe(mount));
    designer.destroy();
  });
});
