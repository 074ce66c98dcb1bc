// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from './designer.tsx';
import { mountDesigner } from './mount-designer.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { createMockApi } from './testing/mock-api.ts';
import { setUpDesignerDom } from './testing/dom-setup.ts';

setUpDesignerDom();

const TWO = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
  send: { type: 'weft.chat.messages.Send', label: 'Tell', x: 300, y: 0, source: { in: { hook: ['out'] } } },
});

describe('when a person clicks the empty canvas', () => {
  it('moves focus to the canvas, so the shortcuts that follow work', async () => {
    const api = createMockApi(TWO);
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
      </WidgetRoot>,
    );
    await screen.findByText('Hook');
    const search = screen.getByPlaceholderText('Search components');
    search.focus();
    expect(document.activeElement).toBe(search);
    fireEvent.click(document.querySelector('.react-flow__pane')!);
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Flow canvas' }));
  });
});

describe('when the host switches the theme', () => {
  it('keeps the canvas and its undo history', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const api = createMockApi(TWO);
    const mounted = mountDesigner(el, { flowId: 'flow-1', api, theme: 'light', autosaveDelayMs: 20 });
    const root = () => el.shadowRoot!;
    try {
      await waitFor(() => expect(mounted.state('loadStatus')).toBe('ready'));
      const tell = await waitFor(() => {
        const found = [...root().querySelectorAll('.wd-node__title')].find((title) => title.textContent === 'Tell');
        if (!found) throw new Error('no Tell node yet');
        return found;
      });
      fireEvent.click(tell);
      const app = root().querySelector('[role="application"]')!;
      fireEvent.keyDown(app, { key: 'Delete' });
      await waitFor(() => expect(Object.keys(api.flow.flow)).toEqual(['hook']));

      act(() => mounted.update({ flowId: 'flow-1', api, theme: 'dark', autosaveDelayMs: 20 }));
      await waitFor(() => expect(root().querySelector('.weft-root')?.getAttribute('data-theme')).toBe('dark'));
      fireEvent.keyDown(root().querySelector('[role="application"]')!, { key: 'z', ctrlKey: true });
      await waitFor(() => expect(Object.keys(api.flow.flow)).toEqual(['hook', 'send']));
    } finally {
      act(() => mounted());
      el.remove();
    }
  });
});
