import { describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { mountWidget } from './mount-widget.tsx';
import { WidgetRoot, useStrings } from './widget-root.tsx';
import { ConfirmDialog } from './components/dialog.tsx';
import type { ApiClient } from '@weft/api-client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const api = {} as ApiClient;

function Hello() {
  const t = useStrings();
  return <p>{t('greeting', { name: 'Ada' })}</p>;
}

describe('mountWidget', () => {
  it('renders into an open shadow root with the styles inside, and cleans up on unmount', () => {
    const el = document.createElement('div');
    document.body.append(el);
    let unmount!: () => void;
    act(() => {
      unmount = mountWidget(el, <WidgetRoot api={api} theme="dark" catalogues={{ en: { greeting: 'Hi {name}' } }}><Hello /></WidgetRoot>, { styles: '.mine{}' });
    });
    const shadow = el.shadowRoot!;
    expect(shadow.querySelector('style')!.textContent).toContain('--weft-color-accent-default');
    expect(shadow.querySelector('style')!.textContent).toContain('.mine{}');
    expect(shadow.querySelector('.weft-root')!.getAttribute('data-theme')).toBe('dark');
    expect(shadow.textContent).toContain('Hi Ada');
    expect(el.children).toHaveLength(0);
    act(() => unmount());
    expect(shadow.querySelector('style')).toBeNull();
    el.remove();
  });
});

describe('when a confirmation is open', () => {
  it('focuses Cancel first, traps Tab and closes on Escape', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const onCancel = vi.fn();
    let unmount!: () => void;
    act(() => {
      unmount = mountWidget(el, <WidgetRoot api={api}><ConfirmDialog title="Delete flow?" message="Gone for good" onConfirm={() => undefined} onCancel={onCancel} /></WidgetRoot>);
    });
    const shadow = el.shadowRoot!;
    const dialog = shadow.querySelector('[role="alertdialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe(shadow.querySelector('h2')!.id);
    const [cancel, confirm] = [...shadow.querySelectorAll('button')];
    expect(shadow.activeElement).toBe(cancel);
    act(() => { confirm!.focus(); });
    act(() => { dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })); });
    expect(shadow.activeElement).toBe(cancel);
    act(() => { dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); });
    expect(onCancel).toHaveBeenCalled();
    act(() => unmount());
    el.remove();
  });
});

describe('when a React host unmounts the widget in an effect cleanup', () => {
  it('does not unmount a root while React is rendering, and still runs the widget\'s cleanups', async () => {
    const { createRoot } = await import('react-dom/client');
    const { useEffect } = await import('react');
    const cleanedUp = vi.fn();
    function Widget() {
      useEffect(() => cleanedUp, []);
      return <p>widget</p>;
    }
    function Host() {
      useEffect(() => {
        const el = document.createElement('div');
        document.body.append(el);
        const unmount = mountWidget(el, <Widget />);
        return () => {
          unmount();
          el.remove();
        };
      }, []);
      return null;
    }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    const host = createRoot(container);
    act(() => host.render(<Host />));
    act(() => host.unmount());
    await act(async () => { await Promise.resolve(); });
    expect(errors.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('synchronously unmount'))).toEqual([]);
    expect(cleanedUp).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
