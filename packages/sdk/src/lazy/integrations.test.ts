import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/react';
import { Weft } from '../weft.ts';
import { setModuleLoader } from '../module-loader.ts';

beforeAll(() => {
  setModuleLoader(() => import('./index.ts'));
});

const els: HTMLElement[] = [];
afterEach(() => {
  for (const el of els.splice(0)) el.remove();
});

const template = {
  id: 't1', name: 'Deals to Slack', description: 'Each won deal', category: 'Sales', tags: [], customFields: {}, version: 1, createdAt: 1, updatedAt: 1, createdBy: 'op',
  flow: { event: { type: 'weft.utils.app.AppEvent', x: 0, y: 0, config: { properties: { event: 'deal.won' } } } },
  wizard: { fields: [{ id: 'greeting', type: 'text', label: 'Greeting', required: true, bind: [{ componentId: 'event', path: 'config.properties.greeting' }] }] },
};

function weftWithApi() {
  const weft = new Weft({ baseUrl: 'https://weft.test' });
  const { flow: _flow, ...summary } = template;
  const calls = {
    listTemplates: vi.fn(async (_query?: unknown) => ({ items: [summary] })),
    getTemplate: vi.fn(async () => template),
    listIntegrations: vi.fn(async () => ({ items: [] })),
    listAccounts: vi.fn(async () => ({ items: [] })),
    listAccountTypes: vi.fn(async () => ({ items: [] })),
    createInstance: vi.fn(async (_id: string, _body: unknown) => ({ flowId: 'f9', templateId: 't1', version: 1 })),
  };
  Object.assign(weft.api, calls);
  return { weft, calls };
}

function slot() {
  const el = document.createElement('div');
  els.push(el);
  document.body.append(el);
  return el;
}

describe('when a host page embeds the integrations', () => {
  it('shows the catalogue in a shadow root and passes the custom filter to the API', async () => {
    const { weft, calls } = weftWithApi();
    const el = slot();
    const integrations = weft.ui.Integrations({ el, options: { customFilter: { segment: 'gold' }, pollMs: 0 } });
    await integrations.ready;
    await waitFor(() => expect(el.shadowRoot?.textContent).toContain('Deals to Slack'));
    expect(calls.listTemplates).toHaveBeenCalledWith({ customFields: { segment: 'gold' } });
  });

  it('runs the wizard alone for a template and tells the host the integration was made', async () => {
    const { weft, calls } = weftWithApi();
    const el = slot();
    const wizard = weft.ui.Wizard({ el, options: { templateId: 't1' } });
    const onCreate = vi.fn();
    wizard.on('integration:create', onCreate);
    await wizard.ready;
    const input = await waitFor(() => {
      const found = el.shadowRoot?.querySelector('input');
      expect(found).toBeTruthy();
      return found!;
    });
    fireEvent.change(input, { target: { value: 'Hi' } });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => expect(onCreate).toHaveBeenCalledWith({ flowId: 'f9', templateId: 't1', version: 1, name: 'Deals to Slack' }));
    expect(calls.createInstance).toHaveBeenCalledWith('t1', { answers: { greeting: 'Hi' } });
  });

  it('refuses a wizard without a template or a flow', async () => {
    const { weft } = weftWithApi();
    const wizard = weft.ui.Wizard({ el: slot() });
    const onError = vi.fn();
    wizard.on('error', onError);
    await expect(wizard.ready).rejects.toThrow(/templateId .* or options\.flowId/);
    expect(onError).toHaveBeenCalled();
  });
});
