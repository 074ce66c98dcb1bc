import { afterEach, describe, expect, it } from 'vitest';
import { isTypingEvent } from './is-typing.ts';

/** Dispatches a keydown from `target` and reports what the widget root's listener concluded. */
function typedInto(root: Element, target: Element): boolean {
  let verdict: boolean | undefined;
  root.addEventListener('keydown', (event) => { verdict = isTypingEvent(event); }, { once: true });
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true, composed: true }));
  return verdict ?? false;
}

afterEach(() => { document.body.innerHTML = ''; });

describe('when a key is pressed inside a widget\'s shadow root', () => {
  function widget(html: string): { root: Element; shadow: ShadowRoot } {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div class="root">${html}</div>`;
    return { root: shadow.querySelector('.root')!, shadow };
  }

  it('counts inputs, text areas, selects and contenteditable as typing', () => {
    const { root, shadow } = widget('<input /><textarea></textarea><select></select><div contenteditable="true"><span>x</span></div>');
    for (const selector of ['input', 'textarea', 'select', 'span']) expect(typedInto(root, shadow.querySelector(selector)!)).toBe(true);
  });

  it('counts a Monaco editor as typing, whatever element inside it has focus (EditContext uses a plain div)', () => {
    const { root, shadow } = widget('<div class="monaco-editor"><div class="native-edit-context" tabindex="0"></div></div>');
    expect(typedInto(root, shadow.querySelector('.native-edit-context')!)).toBe(true);
  });

  it('does not count the canvas, a button or a node', () => {
    const { root, shadow } = widget('<div class="react-flow__node" tabindex="0"><button>x</button></div>');
    expect(typedInto(root, shadow.querySelector('button')!)).toBe(false);
    expect(typedInto(root, shadow.querySelector('.react-flow__node')!)).toBe(false);
  });

  it('sees the field from a listener on the document, outside the shadow root', () => {
    const { shadow } = widget('<textarea></textarea>');
    expect(typedInto(document.body, shadow.querySelector('textarea')!)).toBe(true);
  });
});
