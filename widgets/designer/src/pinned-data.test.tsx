// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from './designer.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { createMockApi } from './testing/mock-api.ts';
import { setUpDesignerDom } from './testing/dom-setup.ts';

setUpDesignerDom();

const FLOW = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Orders', x: 0, y: 0 },
  req: { type: 'weft.utils.http.Request', label: 'Notify', x: 300, y: 0, source: { in: { hook: ['out'] } } },
});
const CALL = { method: 'POST', query: {}, headers: { 'content-type': 'application/json' }, body: { order: { id: 42, total: 9.5 } } };

function open(descriptor = FLOW) {
  const api = createMockApi(descriptor);
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
    </WidgetRoot>,
  );
  return api;
}

describe('when a person pins the last real call of a webhook', () => {
  it('saves it with the flow, marks the node, offers its paths as variables, and unpins', async () => {
    const api = open();
    api.recordCall('hook', CALL);
    fireEvent.click(await screen.findByText('Orders'));
    fireEvent.click(screen.getByText('Pinned sample data'));
    fireEvent.click(screen.getByRole('button', { name: 'Use the last real call' }));
    await waitFor(() => expect((screen.getByLabelText<HTMLTextAreaElement>('Pinned output (JSON)')).value).toContain('"total": 9.5'));
    fireEvent.click(screen.getByRole('button', { name: 'Pin' }));

    await waitFor(() => expect((api.flow.flow as FlowDescriptor).hook?.pinned).toEqual({ out: CALL }));
    const node = screen.getByText('Orders').closest('.wd-node') as HTMLElement;
    // React Flow keeps nodes hidden until measured, which happy-dom never does; read the marker's attributes.
    const marker = () => node.querySelector('[role="img"][aria-label="Pinned sample data"]');
    expect(marker()).not.toBeNull();

    // The next component's variable picker offers the pinned data's paths (not in the Webhook's schema).
    fireEvent.click(screen.getByText('Notify'));
    fireEvent.click(screen.getAllByRole('button', { name: 'Insert variable' })[0]!);
    const picker = screen.getByRole('dialog', { name: 'Variables from earlier components' });
    expect(within(picker).getByText('total')).toBeTruthy();

    fireEvent.click(screen.getByText('Orders'));
    fireEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    await waitFor(() => expect((api.flow.flow as FlowDescriptor).hook?.pinned).toBeUndefined());
    expect(marker()).toBeNull();
  });

  it('says so when the logs have no real call yet, and refuses JSON that does not parse', async () => {
    open();
    fireEvent.click(await screen.findByText('Orders'));
    fireEvent.click(screen.getByText('Pinned sample data'));
    fireEvent.click(screen.getByRole('button', { name: 'Use the last real call' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No real call of this component is in the logs yet');
    fireEvent.change(screen.getByLabelText('Pinned output (JSON)'), { target: { value: '{nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    expect(screen.getByRole('alert').textContent).toBe('This is not valid JSON');
  });
});

describe('when a person opens the test run dialog', () => {
  it('starts from an example shaped like the trigger\'s output, and the last real call is one click away', async () => {
    const api = open();
    api.recordCall('hook', CALL);
    fireEvent.click(await screen.findByRole('button', { name: 'Test run' }));
    const data = screen.getByLabelText<HTMLTextAreaElement>('Sample data (JSON)');
    expect(JSON.parse(data.value)).toEqual({ method: '', query: { id: '' }, body: { email: '', user: { name: '', age: 0 } } });
    fireEvent.click(screen.getByRole('button', { name: 'Use the last real call' }));
    await waitFor(() => expect(JSON.parse(data.value)).toEqual(CALL));
  });

  it('starts from the pinned data, and runs with it', async () => {
    const api = open(FlowDescriptor.parse({ ...FLOW, hook: { ...FLOW.hook!, pinned: { out: CALL } } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Test run' }));
    expect(JSON.parse((screen.getByLabelText<HTMLTextAreaElement>('Sample data (JSON)')).value)).toEqual(CALL);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(async () => {
      const { records } = await api.queryLogs({ componentId: 'hook', direction: 'out' });
      expect(records.map((record) => record.payload)).toEqual([CALL]);
    });
  });
});
