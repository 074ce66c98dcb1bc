// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from '../designer.tsx';
import { designerCatalogues } from '../strings/designer-strings.ts';
import { createMockApi } from '../testing/mock-api.ts';
import { serializeNodes, toSegments } from './chip-text.ts';
import { setUpDesignerDom } from '../testing/dom-setup.ts';

setUpDesignerDom();

const URL_TEXT = 'https://x.test/{{{$.hook.out.body.email | trim}}}/y';

async function openUrlField(url = URL_TEXT) {
  const api = createMockApi(FlowDescriptor.parse({
    hook: { type: 'weft.utils.http.Webhook', label: 'Orders', x: 0, y: 0 },
    req: { type: 'weft.utils.http.Request', label: 'Fetch', x: 300, y: 0, source: { in: { hook: ['out'] } },
      config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { url } } } } } } },
  }));
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
    </WidgetRoot>,
  );
  fireEvent.click(await screen.findByText('Fetch'));
  const field = await screen.findByRole('textbox', { name: 'URL' });
  const savedUrl = () => (api.flow.flow as FlowDescriptor).req?.config.transform.in?.hook?.out?.lambda.url;
  return { field, savedUrl };
}

function caretAt(node: Node, offset: number) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

describe('when a mapping field holds a variable', () => {
  it('shows it as a chip with its source\'s icon and an accessible name, the template staying the text', async () => {
    const { field } = await openUrlField();
    const chip = within(field).getByRole('img', { name: 'Orders › out.body.email | trim' });
    expect(chip.getAttribute('data-template')).toBe('{{{$.hook.out.body.email | trim}}}');
    expect(chip.getAttribute('contenteditable')).toBe('false');
    expect(chip.querySelector('svg')?.getAttribute('data-icon')).toBe('webhook');
    expect(serializeNodes(field)).toBe(URL_TEXT);
  });

  it('keeps the template when the person types around the chip', async () => {
    const { field, savedUrl } = await openUrlField();
    const last = field.lastChild as Text;
    last.textContent = '/y?page=2';
    fireEvent.input(field);
    await waitFor(() => expect(savedUrl()).toBe('https://x.test/{{{$.hook.out.body.email | trim}}}/y?page=2'));
    expect(within(field).getByRole('img', { name: 'Orders › out.body.email | trim' })).toBeTruthy();
  });

  it('deletes a whole chip with Backspace after it, and with Delete before it', async () => {
    const { field, savedUrl } = await openUrlField();
    caretAt(field.lastChild!, 0);
    fireEvent.keyDown(field, { key: 'Backspace' });
    await waitFor(() => expect(savedUrl()).toBe('https://x.test//y'));
    expect(within(field).queryByRole('img')).toBeNull();

    cleanup();
    const again = await openUrlField();
    caretAt(again.field.firstChild!, 'https://x.test/'.length);
    fireEvent.keyDown(again.field, { key: 'Delete' });
    await waitFor(() => expect(again.savedUrl()).toBe('https://x.test//y'));
  });

  it('copies the template text of a selected chip, and pastes text at the caret', async () => {
    const { field, savedUrl } = await openUrlField();
    const range = document.createRange();
    range.selectNodeContents(field);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const copied = new Map<string, string>();
    fireEvent.copy(field, { clipboardData: { setData: (type: string, text: string) => copied.set(type, text) } });
    expect(copied.get('text/plain')).toBe(URL_TEXT);

    caretAt(field.lastChild!, 2);
    fireEvent.paste(field, { clipboardData: { getData: () => '{{{$.hook.out.query.id}}}' } });
    await waitFor(() => expect(savedUrl()).toBe('https://x.test/{{{$.hook.out.body.email | trim}}}/y{{{$.hook.out.query.id}}}'));
    expect(within(field).getAllByRole('img')).toHaveLength(2);
  });

  it('inserts a variable from the picker where the caret was', async () => {
    const { field, savedUrl } = await openUrlField('https://x.test/?q=');
    caretAt(field.firstChild!, 'https://x.test/'.length);
    fireEvent.keyUp(field, { key: 'ArrowLeft' });
    fireEvent.click(screen.getAllByRole('button', { name: 'Insert variable' })[0]!);
    fireEvent.click(await screen.findByText('email'));
    fireEvent.click(screen.getByRole('button', { name: 'Insert' }));
    await waitFor(() => expect(savedUrl()).toBe('https://x.test/{{{$.hook.out.body.email}}}?q='));
    expect(within(field).getByRole('img', { name: 'Orders › out.body.email' })).toBeTruthy();
  });
});

describe('the text of a chip field', () => {
  it('splits into text and chips, and a malformed template stays text', () => {
    expect(toSegments('a {{{$.x.out.b}}} c').map((s) => s.kind)).toEqual(['text', 'chip', 'text']);
    expect(toSegments('a {{{$.x.out.b')).toEqual([{ kind: 'text', text: 'a {{{$.x.out.b' }]);
    expect(toSegments('')).toEqual([]);
  });
});
