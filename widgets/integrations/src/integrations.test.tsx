import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type Account, type ApiClient, type Integration, type Template } from '@weft/api-client';
import { createEmitter } from '@weft/ui-kit';
import { Integrations } from './integrations.tsx';
import { Wizard } from './wizard.tsx';

afterEach(cleanup);

const slackTemplate: Template = {
  id: 't-slack', name: 'Deals to Slack', description: 'Post each won deal to a channel', category: 'Sales', tags: ['slack'], customFields: {},
  version: 2, createdAt: 1, updatedAt: 1, createdBy: 'host:k1',
  flow: {
    event: { type: 'weft.utils.app.AppEvent', x: 0, y: 0, source: {}, config: { properties: { event: 'deal.won' } } },
    post: { type: 'weft.utils.http.Request', x: 200, y: 0, source: { in: { event: ['out'] } }, config: { properties: {} } },
  },
  wizard: {
    fields: [
      { id: 'account', type: 'account', label: 'Slack account', required: true, bind: [{ componentId: 'post', path: 'config.properties.account' }] },
      { id: 'notify', type: 'toggle', label: 'Mention the team', defaultValue: false, bind: [{ componentId: 'post', path: 'config.properties.notify' }] },
      { id: 'channel', type: 'select', label: 'Channel', required: true, when: { eq: { notify: true } }, source: { componentId: 'post', name: 'channels' }, bind: [{ componentId: 'post', path: 'config.properties.channel' }] },
      { id: 'minimum', type: 'number', label: 'Minimum amount', bind: [{ componentId: 'post', path: 'config.properties.minimum' }] },
    ],
  },
};
const csvTemplate = { ...slackTemplate, id: 't-csv', name: 'Leads to a sheet', description: 'Append leads', category: 'Marketing', tags: [], wizard: { fields: [] } };
const summary = ({ flow: _flow, ...rest }: Template) => rest;

const account = (id: string, name: string): Account => ({ id, type: 'bearer', name, fields: { token: '••••' }, profile: {}, status: 'valid', createdAt: 1, updatedAt: 1 });

const integration = (extra: Partial<Integration> = {}): Integration => ({
  flowId: 'f1', name: 'Deals to Slack', stage: 'running', userId: 'u1', template: { id: 't-slack', name: 'Deals to Slack', version: 1, latestVersion: 2 },
  answers: { account: 'a1' }, updateAvailable: true, createdAt: 1, updatedAt: 1, lastRun: { correlationId: 'c1', status: 'failed', startedAt: Date.now() - 60_000 }, ...extra,
});

function fakeApi(options: { integrations?: Integration[]; accounts?: Account[] } = {}) {
  let integrations = options.integrations ?? [];
  const calls = {
    listTemplates: vi.fn(async () => ({ items: [summary(slackTemplate), summary(csvTemplate)] })),
    getTemplate: vi.fn(async (id: string) => (id === 't-slack' ? slackTemplate : csvTemplate)),
    listIntegrations: vi.fn(async () => ({ items: integrations })),
    listAccounts: vi.fn(async () => ({ items: options.accounts ?? [account('a1', 'Team Slack')] })),
    listAccountTypes: vi.fn(async () => ({ items: [] })),
    getComponentOptions: vi.fn(async (_type: string, _name: string, _properties?: Record<string, unknown>) => ({ items: [{ label: '#sales', value: 'C1' }, { label: '#general', value: 'C2' }] })),
    createInstance: vi.fn(async (templateId: string, _body: unknown) => {
      integrations = [...integrations, integration({ flowId: 'f-new', updateAvailable: false, template: { id: templateId, name: 'Deals to Slack', version: 2, latestVersion: 2 } })];
      return { flowId: 'f-new', templateId, version: 2 };
    }),
    updateIntegration: vi.fn(async (flowId: string, _body?: unknown) => ({ flowId, version: 2, droppedAnswers: [] as string[] })),
    stopFlow: vi.fn(async () => ({})),
    startFlow: vi.fn(async () => ({})),
    deleteFlow: vi.fn(async () => undefined),
  };
  return { api: calls as unknown as ApiClient, calls };
}

function listen(names: string[]) {
  const emitter = createEmitter();
  const heard: [string, unknown][] = [];
  for (const name of names) emitter.on(name, (detail) => heard.push([name, detail]));
  return { emitter, heard };
}

describe('the catalogue', () => {
  it('shows each template as a card, narrowed by search and by category', async () => {
    const { api } = fakeApi();
    render(<Integrations api={api} pollMs={0} />);
    expect(await screen.findByRole('heading', { name: 'Deals to Slack' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Leads to a sheet' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: 'slack' } });
    expect(screen.queryByRole('heading', { name: 'Leads to a sheet' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'Marketing' } });
    expect(screen.queryByRole('heading', { name: 'Deals to Slack' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Leads to a sheet' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No integration matches “nothing like it”')).toBeTruthy();
  });

  it('speaks Czech', async () => {
    const { api } = fakeApi();
    render(<Integrations api={api} pollMs={0} locale="cs" />);
    expect(await screen.findByRole('button', { name: 'Přidat Deals to Slack' })).toBeTruthy();
    expect(screen.getByText('Zatím žádné integrace. Přidejte si některou z katalogu níže.')).toBeTruthy();
  });
});

describe('when the user adds an integration', () => {
  it('asks the wizard, checks required answers, shows a field only when its condition holds, and creates it', async () => {
    const { api, calls } = fakeApi();
    const { emitter, heard } = listen(['integration:create', 'integration:error']);
    render(<Integrations api={api} pollMs={0} emitter={emitter} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add Deals to Slack' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add Deals to Slack' });
    await within(dialog).findByLabelText('Slack account *');
    expect(within(dialog).queryByLabelText('Channel *')).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add integration' }));
    expect(await within(dialog).findByText('An answer is required.')).toBeTruthy();
    expect(calls.createInstance).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Slack account *'), { target: { value: 'a1' } });
    fireEvent.click(within(dialog).getByLabelText('Mention the team'));
    // The channel's choices come from the bound component, with the properties the answers set.
    const channel = await within(dialog).findByLabelText('Channel *');
    await within(dialog).findByRole('option', { name: '#general' });
    expect(calls.getComponentOptions).toHaveBeenLastCalledWith('weft.utils.http.Request', 'channels', { account: 'a1', notify: true });
    fireEvent.change(channel, { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('Minimum amount'), { target: { value: '250' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add integration' }));

    await waitFor(() => expect(calls.createInstance).toHaveBeenCalledWith('t-slack', { answers: { account: 'a1', notify: true, channel: 'C2', minimum: 250 } }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(heard).toEqual([['integration:create', { flowId: 'f-new', templateId: 't-slack', version: 2, name: 'Deals to Slack' }]]);
    expect(await screen.findByText('“Deals to Slack” is set up and running.')).toBeTruthy();
    expect(await screen.findByRole('group', { name: 'Actions for Deals to Slack' })).toBeTruthy();
  });

  it('shows the engine\'s refusal on the field it names and tells the host', async () => {
    const { api, calls } = fakeApi();
    calls.createInstance.mockRejectedValueOnce(new ApiError({
      status: 422, code: 'template.answers_invalid', message: 'Slack account: no connected account of yours has this id.',
      details: { fields: ['account'], problems: [{ fieldId: 'account', code: 'wizard.account', message: 'Slack account: no connected account of yours has this id.' }] },
    }));
    const { emitter, heard } = listen(['integration:error']);
    render(<Wizard api={api} templateId="t-slack" emitter={emitter} />);
    fireEvent.change(await screen.findByLabelText('Slack account *'), { target: { value: 'a1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add integration' }));
    expect(await screen.findByText('Slack account: no connected account of yours has this id.')).toBeTruthy();
    expect(screen.getByText('Check the highlighted answers.')).toBeTruthy();
    expect(heard).toEqual([['integration:error', expect.objectContaining({ code: 'template.answers_invalid', templateId: 't-slack' })]]);
  });
});

describe('the user\'s integrations', () => {
  it('show state, last run and an available update; pause, resume and remove tell the host', async () => {
    const { api, calls } = fakeApi({ integrations: [integration()] });
    const { emitter, heard } = listen(['integration:update', 'integration:remove']);
    render(<Integrations api={api} pollMs={0} emitter={emitter} />);
    const row = (await screen.findByRole('group', { name: 'Actions for Deals to Slack' })).closest('tr')!;
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(within(row).getByText('Failed')).toBeTruthy();
    expect(within(row).getByText('Update available (version 2)')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Pause' }));
    expect(await within(row).findByText('Paused')).toBeTruthy();
    expect(calls.stopFlow).toHaveBeenCalledWith('f1');
    fireEvent.click(within(row).getByRole('button', { name: 'Resume' }));
    expect(await within(row).findByText('Active')).toBeTruthy();
    expect(calls.startFlow).toHaveBeenCalledWith('f1');

    fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('alertdialog', { name: 'Remove “Deals to Slack”?' })).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Actions for Deals to Slack' })).toBeNull());
    expect(calls.deleteFlow).toHaveBeenCalledWith('f1');
    expect(heard.map(([name, detail]) => [name, (detail as { change?: string }).change])).toEqual([['integration:update', 'paused'], ['integration:update', 'resumed'], ['integration:remove', undefined]]);
  });

  it('updates to the new version, and when it asks again, opens the wizard with those questions flagged', async () => {
    const { api, calls } = fakeApi({ integrations: [integration()] });
    calls.updateIntegration.mockRejectedValueOnce(new ApiError({
      status: 422, code: 'template.answers_needed', message: 'Version 2 asks again',
      details: { fields: ['minimum'], problems: [{ fieldId: 'minimum', code: 'wizard.required', message: 'Minimum amount: an answer is required.' }] },
    }));
    const { emitter, heard } = listen(['integration:update']);
    render(<Integrations api={api} pollMs={0} emitter={emitter} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Deals to Slack' });
    expect(await within(dialog).findByText('Please answer again')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLSelectElement>('Slack account *').value).toBe('a1');
    fireEvent.change(within(dialog).getByLabelText('Minimum amount'), { target: { value: '10' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.updateIntegration).toHaveBeenLastCalledWith('f1', { answers: { account: 'a1', minimum: 10 } }));
    await waitFor(() => expect(heard).toEqual([['integration:update', expect.objectContaining({ flowId: 'f1', version: 2, change: 'answers' })]]));
  });
});

describe('when the user has no account to choose', () => {
  it('connects one from the wizard with the accounts form, outside the wizard\'s own form, and selects it', async () => {
    const { api, calls } = fakeApi({ accounts: [] });
    const createAccount = vi.fn(async (body: { name: string }) => ({ ...account('a-new', body.name) }));
    Object.assign(calls, { createAccount });
    render(<Wizard api={api} templateId="t-slack" />);
    const picker = await screen.findByLabelText<HTMLSelectElement>('Slack account *');
    expect(within(picker).getByRole('option', { name: 'No account connected yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect an account for “Slack account”' });
    expect(dialog.closest('form.weft-int__wizard')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Account name'), { target: { value: 'Team Slack' } });
    fireEvent.change(within(dialog).getByLabelText('Token'), { target: { value: 'xoxb-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(createAccount).toHaveBeenCalledWith(expect.objectContaining({ name: 'Team Slack' }));
    expect(picker.value).toBe('a-new');
    expect(calls.createInstance).not.toHaveBeenCalled();
  });
});

describe('the wizard alone', () => {
  it('edits an integration given its flowId, starting from its answers', async () => {
    const { api, calls } = fakeApi({ integrations: [integration({ answers: { account: 'a1', minimum: 5 } })] });
    render(<Wizard api={api} flowId="f1" />);
    expect(await screen.findByRole('heading', { name: 'Set up Deals to Slack' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Minimum amount').value).toBe('5');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.updateIntegration).toHaveBeenCalledWith('f1', { answers: { account: 'a1', minimum: 5 } }));
  });

  it('says so when the flow is not an integration', async () => {
    const { api } = fakeApi();
    render(<Wizard api={api} flowId="nope" />);
    expect(await screen.findByText('This flow is not an integration (or no longer follows its template).')).toBeTruthy();
  });
});
