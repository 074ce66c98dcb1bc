// @vitest-environment happy-dom
import { createRef } from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createEmitter, WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer, type DesignerHandle } from './designer.tsx';
import { mountDesigner } from './mount-designer.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { createMockApi } from './testing/mock-api.ts';
import { generateLargeFlow } from './testing/large-flow.ts';
import { setUpDesignerDom } from './testing/dom-setup.ts';

setUpDesignerDom();

function open(descriptor: FlowDescriptor) {
  const api = createMockApi(descriptor);
  const emitter = createEmitter();
  const saved = vi.fn();
  emitter.on('designer:save', saved);
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues} emitter={emitter}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
    </WidgetRoot>,
  );
  return { api, saved };
}

describe('when a person opens a flow in the designer', () => {
  it('shows the palette grouped by category and the components on the canvas', async () => {
    open(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook', label: 'Incoming order' } }));
    expect(await screen.findByText('Incoming order')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Components' })).toBeTruthy();
    expect(screen.getByText('controls')).toBeTruthy();
  });

  it('shows each component type\'s icon from its manifest on the node, in the palette and in the inspector', async () => {
    open(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook', label: 'Incoming order' } }));
    const title = await screen.findByText('Incoming order');
    expect(title.closest('.wd-node')?.querySelector('svg')?.getAttribute('data-icon')).toBe('webhook');
    const item = screen.getByText('Condition', { selector: 'li span' }).closest('li')!;
    expect(item.querySelector('svg')?.getAttribute('data-icon')).toBe('split');
    fireEvent.click(title);
    await waitFor(() => expect(document.querySelector('.wd-inspector__header svg')?.getAttribute('data-icon')).toBe('webhook'));
  });

  it('adds a component with Enter on a palette item and autosaves it', async () => {
    const { api, saved } = open(FlowDescriptor.parse({}));
    const item = await screen.findByText('Timer');
    fireEvent.keyDown(item.closest('li')!, { key: 'Enter' });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Timer added');
    await waitFor(() => expect(saved).toHaveBeenCalledWith({ flowId: 'flow-1', version: 2 }));
    expect(Object.values(api.flow.flow)).toEqual([expect.objectContaining({ type: 'weft.utils.timers.Timer' })]);
  });

  it('shows a conflict banner instead of overwriting a newer version', async () => {
    const { api } = open(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook', label: 'Hook' } }));
    await screen.findByText('Hook');
    api.saveElsewhere({});
    fireEvent.keyDown(screen.getByText('Webhook', { selector: 'li span' }).closest('li')!, { key: 'Enter' });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(api.flow.flow).toEqual({});
    await act(async () => fireEvent.click(screen.getByText('Load theirs')));
    await waitFor(() => expect(screen.queryByText('Hook')).toBeNull());
  });

  // happy-dom has no layout, so every node renders: 500 and 1,000 are measured in Chromium (bench/render.bench.md).
  it('opens a large flow', async () => {
    open(generateLargeFlow(200));
    expect(await screen.findByRole('application', { name: 'Flow designer' }, { timeout: 20_000 })).toBeTruthy();
  }, 30_000);
});

describe('when a person selects a component', () => {
  it('edits its input fields per incoming edge, hides fields by `when`, and offers ancestor variables', async () => {
    open(FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
      req: { type: 'weft.utils.http.Request', label: 'Fetch', x: 300, y: 0, source: { in: { hook: ['out'] } } },
    }));
    fireEvent.click(await screen.findByText('Fetch'));
    expect(await screen.findByText('Input in from Hook (out)')).toBeTruthy();
    expect(screen.queryByLabelText('Body')).toBeNull();
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: '"POST"' } });
    expect(await screen.findByLabelText('Body')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Insert variable' })[0]!);
    fireEvent.click(await screen.findByText('email'));
    fireEvent.click(screen.getByRole('button', { name: 'Insert' }));
    // The field keeps the template; it shows a chip named after the source component and path.
    const url = screen.getByRole('textbox', { name: 'URL' });
    await waitFor(() => expect(url.getAttribute('data-value')).toBe('{{{$.hook.out.body.email}}}'));
    expect(within(url).getByRole('img', { name: 'Hook › out.body.email' }).querySelector('svg')?.getAttribute('data-icon')).toBe('webhook');
  });
});

describe('when a person selects a webhook component', () => {
  it('shows where it answers, copies the URL with a visible "Copied", and tells the host page', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = createMockApi(FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', label: 'Orders in', x: 0, y: 0 },
      req: { type: 'weft.utils.http.Request', label: 'Fetch', x: 300, y: 0, source: { in: { hook: ['out'] } } },
    }));
    const emitter = createEmitter();
    const told = vi.fn();
    emitter.on('webhook:url', told);
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues} emitter={emitter}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={60_000} />
      </WidgetRoot>,
    );
    fireEvent.click(await screen.findByText('Fetch'));
    expect(await screen.findByText('Input in from Orders in (out)')).toBeTruthy();
    expect(screen.queryByLabelText('Webhook URL')).toBeNull();

    fireEvent.click(screen.getByText('Orders in'));
    const url = await screen.findByLabelText<HTMLInputElement>('Webhook URL');
    expect(url.value).toBe('https://weft.example.com/flows/flow-1/components/hook');
    expect(screen.getByText(/POST \(or any method\) to this URL; JSON, form or text bodies/)).toBeTruthy();
    expect(told).toHaveBeenCalledWith({ flowId: 'flow-1', componentId: 'hook', label: 'Orders in', url: url.value });

    fireEvent.click(screen.getByRole('button', { name: 'Copy URL' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(url.value);
  });
});

/** Hook → Fetch, where the engine reports Fetch's missing URL. */
function fetchWithoutUrl() {
  const api = createMockApi(FlowDescriptor.parse({
    hook: { type: 'weft.utils.http.Webhook', label: 'Hook' },
    req: { type: 'weft.utils.http.Request', label: 'Fetch', source: { in: { hook: ['out'] } } },
  }));
  api.problems = [{ code: 'field.required', message: 'URL is required', path: 'flow.req.config.transform.in.hook.out.lambda.url', componentId: 'req' }];
  return api;
}

describe('when the engine reports validation problems', () => {
  it('shows a badge on the component and the message on the field it concerns', async () => {
    const api = fetchWithoutUrl();
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues}>
        <Designer flowId="flow-1" api={api} />
      </WidgetRoot>,
    );
    const badge = await screen.findByTitle('URL is required');
    expect(badge.getAttribute('aria-label')).toBe('1 problem');
    fireEvent.click(screen.getByText('Fetch'));
    expect(await screen.findByRole('group', { name: '1 problem' })).toBeTruthy();
    expect(screen.getAllByText('URL is required')).toHaveLength(2);
    expect(screen.getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('when the host page reads the designer\'s state', () => {
  it('tells which flow is open, what is selected, whether edits wait to be saved and how many problems it has', async () => {
    const api = fetchWithoutUrl();
    const designer = createRef<DesignerHandle>();
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={60_000} ref={designer} />
      </WidgetRoot>,
    );
    const state = (key: string) => designer.current?.state(key);
    await waitFor(() => expect(state('problemCount')).toBe(1));
    expect([state('flowId'), state('loadStatus'), state('saveStatus'), state('isDirty')]).toEqual(['flow-1', 'ready', 'idle', false]);

    fireEvent.click(screen.getByText('Fetch'));
    await waitFor(() => expect(state('selectedIds')).toEqual(['req']));
    fireEvent.keyDown(screen.getByText('Timer').closest('li')!, { key: 'Enter' });
    await waitFor(() => expect(state('isDirty')).toBe(true));

    expect(state('nodes')).toBeUndefined();
    expect(designer.current?.state('flowId', 'flow-2')).toBe('flow-1');
  });

  it('reads the same state from a designer mounted without React', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const mounted = mountDesigner(el, { flowId: 'flow-1', api: createMockApi(FlowDescriptor.parse({})) });
    try {
      await waitFor(() => expect(mounted.state('loadStatus')).toBe('ready'));
      expect(mounted.state('flowId')).toBe('flow-1');
      expect(mounted.state('selectedIds')).toEqual([]);
    } finally {
      act(() => mounted());
      el.remove();
    }
  });
});

describe('when a person runs a test', () => {
  it('sends the sample JSON from the chosen trigger and shows what each component sent', async () => {
    open(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook', label: 'Hook' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Test run' }));
    expect(screen.getByLabelText('Trigger')).toHaveProperty('value', 'hook');
    fireEvent.change(screen.getByLabelText('Sample data (JSON)'), { target: { value: '{"body":{"email":"a@b.c"}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    const badge = await screen.findByTitle('Test data: 0 in, 1 out', undefined, { timeout: 3000 });
    expect(badge).toBeTruthy();
    fireEvent.click(screen.getByText('Hook'));
    fireEvent.click(screen.getByRole('tab', { name: 'Test data' }));
    expect(screen.getByText(/a@b\.c/)).toBeTruthy();
  });

  it('refuses sample data that is not JSON', async () => {
    open(FlowDescriptor.parse({ hook: { type: 'weft.utils.http.Webhook' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Test run' }));
    fireEvent.change(screen.getByLabelText('Sample data (JSON)'), { target: { value: '{nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(screen.getByRole('alert').textContent).toBe('This is not valid JSON');
  });
});

describe('when a person opens the recent logs of the flow', () => {
  it("names each record's component by its label, else its type's label, and keeps the id on hover", async () => {
    const api = createMockApi(FlowDescriptor.parse({
      'b9f2c7d4-1e3a-4c8b-9f60-2d7e5a1c3b84': { type: 'weft.utils.http.Webhook', label: 'Incoming order' },
      '4e8a1d2c-7b3f-4a69-8c05-e1d2f3a4b5c6': { type: 'weft.utils.http.Request' },
    }));
    const record = (componentId: string, i: number) => ({
      id: `r${i}`, time: 1_700_000_000_000 + i, flowId: 'flow-1', componentId, componentType: 'x', port: 'out', direction: 'out' as const,
      severity: 'info' as const, correlationId: 'k', messageId: `m${i}`, payload: {}, truncated: false,
    });
    api.queryLogs = async () => ({ records: [record('b9f2c7d4-1e3a-4c8b-9f60-2d7e5a1c3b84', 1), record('4e8a1d2c-7b3f-4a69-8c05-e1d2f3a4b5c6', 2), record('removed-since', 3)] });
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
      </WidgetRoot>,
    );
    await screen.findByText('Incoming order', { selector: '.wd-node__title' });
    fireEvent.click(screen.getByRole('button', { name: 'Logs' }));
    const logs = await screen.findByRole('region', { name: 'Recent logs of this flow' });
    const names = () => [...logs.querySelectorAll('li > span:first-of-type')].map((span) => [span.textContent, span.getAttribute('title')]);
    await waitFor(() => expect(names()).toEqual([
      ['Incoming order', 'b9f2c7d4-1e3a-4c8b-9f60-2d7e5a1c3b84'],
      ['HTTP request', '4e8a1d2c-7b3f-4a69-8c05-e1d2f3a4b5c6'],
      ['removed-since', 'removed-since'],
    ]));
  });
});

describe('when a keyboard user connects two components', () => {
  it('opens the connect dialog with C and adds the edge it chose', async () => {
    const { api, saved } = open(FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
      send: { type: 'weft.chat.messages.Send', label: 'Tell', x: 300, y: 0 },
    }));
    fireEvent.click(await screen.findByText('Hook'));
    fireEvent.keyDown(screen.getByRole('application', { name: 'Flow designer' }), { key: 'c' });
    expect(await screen.findByRole('dialog', { name: 'Connect Hook' })).toBeTruthy();
    expect(screen.getByLabelText('To component and input')).toHaveProperty('value', 'send\nin');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByRole('status').textContent).toBe('Connected Hook to Tell');
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(api.flow.flow).toMatchObject({ send: { source: { in: { hook: ['out'] } } } });
  });

  it('undoes the edge with Ctrl+Z', async () => {
    const { api, saved } = open(FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
      send: { type: 'weft.chat.messages.Send', label: 'Tell', x: 300, y: 0, source: { in: { hook: ['out'] } } },
    }));
    await screen.findByText('Hook');
    fireEvent.keyDown(screen.getByRole('application', { name: 'Flow designer' }), { key: 'z', ctrlKey: true });
    expect(screen.getByRole('status').textContent).toBe('');
    fireEvent.click(screen.getByText('Tell'));
    fireEvent.keyDown(screen.getByRole('application', { name: 'Flow designer' }), { key: 'Delete' });
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(Object.keys(api.flow.flow)).toEqual(['hook']);
    fireEvent.keyDown(screen.getByRole('application', { name: 'Flow designer' }), { key: 'z', ctrlKey: true });
    expect(screen.getByRole('status').textContent).toBe('Undone');
    await waitFor(() => expect(Object.keys(api.flow.flow)).toEqual(['hook', 'send']));
  });
});

describe('when a person publishes a draft and looks back at versions', () => {
  const v1 = FlowDescriptor.parse({
    hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
    timer: { type: 'weft.utils.timers.Timer', label: 'Every so often', x: 0, y: 200, config: { properties: { interval: 15 } } },
  });
  const v2 = FlowDescriptor.parse({
    hook: { type: 'weft.utils.http.Webhook', label: 'Hook', x: 0, y: 0 },
    timer: { type: 'weft.utils.timers.Timer', label: 'Every so often', x: 0, y: 200, config: { properties: { interval: 5 } } },
    send: { type: 'weft.chat.messages.Send', label: 'Tell the team', x: 300, y: 0, source: { in: { hook: ['out'] } } },
  });

  function openVersioned(draft: FlowDescriptor, versions: FlowDescriptor[]) {
    const api = createMockApi(draft, { versions });
    const emitter = createEmitter();
    const published = vi.fn();
    emitter.on('flow:publish', published);
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues} emitter={emitter}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
      </WidgetRoot>,
    );
    return { api, published };
  }

  it('says the draft has unpublished changes, and Publish makes it the next version', async () => {
    const { api, published } = openVersioned(v2, [v1]);
    await screen.findByText('Tell the team');
    expect(screen.getByText('Draft — unpublished changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText('Published v2')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Published version 2; the flow now runs it');
    expect(published).toHaveBeenCalledWith({ flowId: 'flow-1', version: 2 });
    expect(api.versions.map((version) => version.version)).toEqual([1, 2]);
    expect(screen.getByRole('button', { name: 'Publish' })).toHaveProperty('disabled', true);
  });

  it('shows what the draft changed since a version, marks it on the canvas, and restores it after a confirmation', async () => {
    const { api } = openVersioned(v2, [v1, v2]);
    await screen.findByText('Tell the team');
    expect(screen.getByText('Published v2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('region', { name: 'Published versions' });
    fireEvent.click(await within(history).findByRole('button', { name: /^v1/ }));

    const added = await within(history).findByRole('region', { name: 'Added in the draft' });
    expect(added.textContent).toContain('Tell the team');
    const changed = within(history).getByRole('region', { name: 'Changed in the draft' });
    expect(changed.textContent).toBe('Changed in the draftEvery so often — changed: Interval (minutes)');
    expect(within(history).queryByRole('region', { name: 'Removed in the draft' })).toBeNull();
    const node = (label: string) => screen.getByText(label, { selector: '.wd-node__title' }).closest('.wd-node')!;
    expect(node('Tell the team').getAttribute('data-diff')).toBe('added');
    expect(node('Every so often').getAttribute('data-diff')).toBe('changed');
    expect(node('Hook').getAttribute('data-diff')).toBeNull();

    fireEvent.click(within(history).getByRole('button', { name: 'Restore v1' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Restore v1' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Replace the draft' }));
    await waitFor(() => expect(screen.queryByText('Tell the team', { selector: '.wd-node__title' })).toBeNull());
    expect(api.flow.flow).toEqual(v1);
    expect(api.versions).toHaveLength(2);
    expect(screen.getByText('Draft — unpublished changes')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Version 1 is in the draft; publish it to run it.');
    expect(await within(history).findByText('The draft is the same as v1.')).toBeTruthy();
  });

  it('shows neither Publish nor History with an engine that keeps no versions', async () => {
    const api = createMockApi(v1);
    delete api.publishFlow;
    delete api.listFlowVersions;
    render(
      <WidgetRoot api={api as never} catalogues={designerCatalogues}>
        <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
      </WidgetRoot>,
    );
    await screen.findByText('Hook');
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'History' })).toBeNull();
  });
});
