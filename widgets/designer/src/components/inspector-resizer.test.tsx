// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from '../designer.tsx';
import { designerCatalogues } from '../strings/designer-strings.ts';
import { createMockApi } from '../testing/mock-api.ts';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
beforeEach(() => localStorage.clear());
afterEach(cleanup);
configure({ asyncUtilTimeout: 5000 });

function open() {
  const api = createMockApi(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook', label: 'Hook' } }));
  return render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues}>
      <Designer flowId="flow-1" api={api} />
    </WidgetRoot>,
  );
}

const widthOf = () => (document.querySelector('.wd-designer__body') as HTMLElement).style.getPropertyValue('--wd-inspector-width');

describe('when a person resizes the inspector', () => {
  it('widens it by dragging the handle left, within limits', async () => {
    open();
    const handle = await screen.findByRole('separator', { name: 'Inspector width' });
    expect(handle.getAttribute('aria-valuenow')).toBe('360');
    fireEvent.pointerDown(handle, { button: 0, clientX: 800, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 700, pointerId: 1 });
    fireEvent.pointerUp(handle, { clientX: 700, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('460');
    expect(widthOf()).toBe('460px');
    fireEvent.pointerDown(handle, { button: 0, clientX: 700, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 2000, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('280');
  });

  it('resizes with the arrow keys, Home and End, and remembers the width', async () => {
    const first = open();
    const handle = await screen.findByRole('separator', { name: 'Inspector width' });
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(handle.getAttribute('aria-valuenow')).toBe('376');
    fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true });
    expect(handle.getAttribute('aria-valuenow')).toBe('312');
    fireEvent.keyDown(handle, { key: 'End' });
    expect(handle.getAttribute('aria-valuenow')).toBe('900');
    first.unmount();
    open();
    expect((await screen.findByRole('separator', { name: 'Inspector width' })).getAttribute('aria-valuenow')).toBe('900');
  });
});
