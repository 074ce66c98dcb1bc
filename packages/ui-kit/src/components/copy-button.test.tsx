import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import type { ApiClient } from '@weft/api-client';
import { mountWidget } from '../mount-widget.tsx';
import { WidgetRoot } from '../widget-root.tsx';
import { CopyButton, copyText } from './copy-button.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('copyText', () => {
  it('writes through the Clipboard API when there is one', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('https://weft.example.com/flows/f1/components/hook')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('https://weft.example.com/flows/f1/components/hook');
  });

  it('falls back to a selected text area when the Clipboard API is missing or refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    let selected = '';
    const execCommand = vi.fn((command: string) => {
      selected = (document.activeElement as HTMLTextAreaElement | null)?.value ?? document.querySelector('textarea')?.value ?? '';
      return command === 'copy';
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    expect(await copyText('the url')).toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(selected).toBe('the url');
    expect(document.querySelector('textarea')).toBeNull();
  });
});

describe('when a person presses a copy button', () => {
  it('says "Copied" in place of its label', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => {} } });
    const el = document.createElement('div');
    document.body.append(el);
    let unmount!: () => void;
    act(() => {
      unmount = mountWidget(el, <WidgetRoot api={{} as ApiClient}><CopyButton text="x" label="Copy URL" /></WidgetRoot>);
    });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent).toBe('Copy URL');
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    expect(button.textContent).toBe('Copied');
    await act(async () => {
      unmount();
      await Promise.resolve();
    });
    el.remove();
  });
});
