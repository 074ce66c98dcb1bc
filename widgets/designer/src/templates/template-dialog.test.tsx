// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createEmitter, WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Manifest } from '@weft/connector-kit';
import type { Template } from '@weft/api-client';
import { Designer } from '../designer.tsx';
import { designerCatalogues } from '../strings/designer-strings.ts';
import { createMockApi, type MockApi } from '../testing/mock-api.ts';
import { setUpDesignerDom } from '../testing/dom-setup.ts';
import { APP_EVENT_TYPE } from '../graph/app-event-schema.ts';

setUpDesignerDom();

const orderFlow = () => FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Incoming order', x: 0, y: 0 },
  req: { type: 'weft.utils.http.Request', label: 'Fetch', x: 300, y: 0, source: { in: { hook: ['out'] } } },
});

function open(api: MockApi, { templates = true } = {}) {
  const emitter = createEmitter();
  const events: { type: string; detail: unknown }[] = [];
  for (const type of ['template:save', 'integration:detach']) emitter.on(type, (detail: unknown) => events.push({ type, detail }));
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues} emitter={emitter}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} templates={templates} />
    </WidgetRoot>,
  );
  return { events };
}

/** The engine keeps what it is sent; `failWith` makes the next call fail as the engine would. */
function withTemplates(api: MockApi) {
  const saved: unknown[] = [];
  const state: { failWith?: unknown } = {};
  api.createTemplate = vi.fn(async (body) => {
    if (state.failWith) throw state.failWith;
    saved.push(body);
    return { id: 'tpl-1', version: 1, name: body.name, description: '', category: '', tags: [], customFields: {}, flow: body.flow, wizard: { fields: [] }, createdAt: 1, updatedAt: 1, createdBy: 'op' } satisfies Template;
  });
  return { saved, state };
}

describe('when an operator makes a template of the open flow', () => {
  it('is offered only with the templates option', async () => {
    const api = createMockApi(orderFlow());
    withTemplates(api);
    open(api, { templates: false });
    await screen.findByText('Fetch');
    expect(screen.queryByRole('button', { name: 'Make a template' })).toBeNull();
  });

  it('asks the chosen properties, names the template, and sends it to the engine', async () => {
    const api = createMockApi(orderFlow(), { name: 'Orders to CRM' });
    const { saved } = withTemplates(api);
    const { events } = open(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Make a template' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make a template of this flow' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Template name').value).toBe('Orders to CRM');
    fireEvent.change(within(dialog).getByLabelText('Category'), { target: { value: 'sales' } });
    fireEvent.click(within(dialog).getByLabelText('Incoming order: Method'));
    fireEvent.click(within(dialog).getByLabelText('Fetch: URL'));
    const questions = within(dialog).getAllByLabelText<HTMLInputElement>('Question');
    expect(questions.map((q) => q.value)).toEqual(['Method', 'URL']);
    fireEvent.change(questions[1]!, { target: { value: 'Where should orders go?' } });
    fireEvent.click(within(dialog).getAllByLabelText('An answer is required')[1]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create template' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      name: 'Orders to CRM', category: 'sales',
      flow: { hook: { type: 'weft.utils.http.Webhook' }, req: { type: 'weft.utils.http.Request' } },
      wizard: { fields: [
        { id: 'method', type: 'select', label: 'Method', bind: [{ componentId: 'hook', path: 'config.properties.method' }] },
        { id: 'url', type: 'text', label: 'Where should orders go?', required: true, bind: [{ componentId: 'req', path: 'config.transform.in.hook.out.lambda.url' }] },
      ] },
    });
    expect(await screen.findAllByText('Template "Orders to CRM" saved as version 1')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getAllByText('Template "Orders to CRM" saved as version 1')).toHaveLength(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(events).toContainEqual({ type: 'template:save', detail: { flowId: 'flow-1', templateId: 'tpl-1', version: 1 } });
  });

  it('shows a problem on the field it concerns, before sending and as the engine answers', async () => {
    const api = createMockApi(orderFlow());
    const { saved, state } = withTemplates(api);
    open(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Make a template' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Template name'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByLabelText('Incoming order: Method'));
    fireEvent.change(within(dialog).getByLabelText('Choices'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create template' }));
    expect(await within(dialog).findByText('List the choices, one a line (label=value)')).toBeTruthy();
    expect(within(dialog).getByLabelText('Template name').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Fill this in')).toBeTruthy();
    expect(saved).toHaveLength(0);

    // Fixed fields lose their problems as they are fixed.
    fireEvent.change(within(dialog).getByLabelText('Template name'), { target: { value: 'Orders' } });
    await waitFor(() => expect(within(dialog).getByLabelText('Template name').getAttribute('aria-invalid')).toBeNull());
    fireEvent.change(within(dialog).getByLabelText('Choices'), { target: { value: 'Post=POST' } });
    state.failWith = Object.assign(new Error('The field "method" is bound to "gone"'), { status: 422, code: 'template.invalid', path: 'body.wizard.fields.0.bind.0.componentId' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create template' }));
    const fieldset = within(dialog).getByRole('group', { name: 'Field "method"' });
    expect(await within(fieldset).findByText('The field "method" is bound to "gone"')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('when a person opens a flow made from a template', () => {
  it('says which template it follows, and the first edit detaches it', async () => {
    const api = createMockApi(orderFlow());
    api.listIntegrations = async () => ({ items: [{
      flowId: 'flow-1', name: 'Orders', stage: 'running', userId: 'u1', answers: {}, updateAvailable: false, createdAt: 1, updatedAt: 1,
      template: { id: 'tpl-9', name: 'Orders to CRM', version: 3, latestVersion: 3 },
    }] });
    const detach = vi.fn(async () => undefined);
    api.detachIntegration = detach;
    const { events } = open(api, { templates: false });
    expect(await screen.findByText('This flow follows template Orders to CRM v3.')).toBeTruthy();
    expect(detach).not.toHaveBeenCalled();

    fireEvent.keyDown(screen.getByText('Timer', { selector: 'li span' }).closest('li')!, { key: 'Enter' });
    await waitFor(() => expect(detach).toHaveBeenCalledWith('flow-1'));
    await waitFor(() => expect(screen.queryByText('This flow follows template Orders to CRM v3.')).toBeNull());
    expect(events).toContainEqual({ type: 'integration:detach', detail: { flowId: 'flow-1', templateId: 'tpl-9' } });
    fireEvent.keyDown(screen.getByText('Timer', { selector: 'li span' }).closest('li')!, { key: 'Enter' });
    // Wait for the engine to hold the second edit, not for a count of saves: autosave may send both
    // edits in one save when its debounce has not fired between them (it hung on a busy machine).
    const savedTimers = () => Object.values(FlowDescriptor.parse(api.flow.flow)).filter((component) => component.type === 'weft.utils.timers.Timer');
    await waitFor(() => expect(savedTimers()).toHaveLength(2));
    expect(api.flow.version).toBeGreaterThan(1);
    expect(detach).toHaveBeenCalledTimes(1);
  });
});

describe('when a person sets up an AppEvent trigger', () => {
  it('chooses among the events the host registered', async () => {
    const appEvent = Manifest.parse({
      name: APP_EVENT_TYPE, label: 'App event', category: 'triggers', trigger: true, outPorts: [{ name: 'out' }],
      properties: { inspector: { inputs: { event: { type: 'select', label: 'Event', source: { name: 'appEvents' } } } } },
    });
    const api = createMockApi(FlowDescriptor.parse({ trigger: { type: APP_EVENT_TYPE, label: 'On deal' } }));
    const components = api.listComponents;
    api.listComponents = async () => {
      const list = await components();
      return { ...list, items: [...list.items, appEvent] };
    };
    api.listAppEvents = async () => ({ items: [
      { name: 'deal.won', title: 'Deal won', schema: { type: 'object' }, updatedAt: 1 },
      { name: 'invoice.paid', schema: { type: 'object' }, updatedAt: 1 },
    ] });
    open(api, { templates: false });
    fireEvent.click(await screen.findByText('On deal'));
    const select = await screen.findByLabelText<HTMLSelectElement>('Event');
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(['Choose…', 'Deal won (deal.won)', 'invoice.paid']));
  });
});
