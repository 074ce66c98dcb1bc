/** @module Insights logs stories: every state of the logs widget against the fake engine. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ApiClient, LogRecord } from '@weft/api-client';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { FAKE_ERROR_MESSAGE, type FakeEngineData } from '../mock-api/fake-engine.ts';
import { LOG_COMPONENT_NAMES, LOG_FLOW_ID, sampleDescriptors, sampleFlows, sampleLogs, sampleManifests, sampleRuns, sampleUnprocessed } from '../mock-api/fixtures.ts';
import { withinWidget } from '../support/shadow-host.tsx';
import { InsightsLogsHost } from './insights-logs-host.tsx';

const fullLogs = (): FakeEngineData => {
  const now = Date.now();
  return { flows: sampleFlows(now), descriptors: sampleDescriptors(), manifests: sampleManifests, logs: sampleLogs(now, 2000), unprocessed: sampleUnprocessed(now) };
};

const meta = {
  title: 'Widgets/Insights Logs',
  component: InsightsLogsHost,
  args: { makeData: fullLogs, flowId: LOG_FLOW_ID, view: 'logs', theme: 'light', locale: 'en' },
  argTypes: { makeData: { control: false }, adaptApi: { control: false } },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof InsightsLogsHost>;

export default meta;
type Story = StoryObj<typeof meta>;

const rows = (root: ShadowRoot) => root.querySelectorAll('.weft-il__table [role="rowgroup"] [role="row"]');
const componentCells = (root: ShadowRoot) => [...root.querySelectorAll('.weft-il__cell--component[role="gridcell"]')];

async function firstRow(root: ShadowRoot): Promise<HTMLElement> {
  return waitFor(() => {
    const row = rows(root)[0];
    if (!(row instanceof HTMLElement)) throw new Error('no log rows yet');
    return row;
  });
}

export const Empty: Story = {
  args: { makeData: () => ({ logs: [] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('No records in this range')).toBeVisible();
  },
};

export const Loading: Story = {
  args: { makeData: () => ({ mode: 'loading' }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect((await canvas.findAllByText('Loading…')).length).toBeGreaterThan(0);
  },
};

export const LoadError: Story = {
  name: 'Error',
  args: { makeData: () => ({ mode: 'error' }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('The logs could not be loaded')).toBeVisible();
    await expect(await canvas.findByText(FAKE_ERROR_MESSAGE)).toBeVisible();
  },
};

export const Full: Story = {
  name: 'Full, with histogram',
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    const chart = await canvas.findByRole('group', { name: 'Activity over time' });
    await waitFor(() => expect(chart.querySelectorAll('[role="button"]').length).toBeGreaterThan(10));
    // Rows name their flow, as the flow filter does.
    await waitFor(async () => expect(await firstRow(root)).toHaveTextContent('Invoice approval'));
    // And their component by label (or its type's), not by the UUID the designer gave it.
    await waitFor(() => expect(componentCells(root).every((cell) => LOG_COMPONENT_NAMES.includes(cell.textContent ?? ''))).toBe(true));
    // The table holds the first page (500) but renders only the rows in view.
    await expect(rows(root).length).toBeLessThan(100);
  },
};

/** 100,000 records of the last hour held at once: a host-supplied `queryLogs` answers with all of them. */
const hundredThousand = (): FakeEngineData => ({ flows: sampleFlows(Date.now()), descriptors: sampleDescriptors(), manifests: sampleManifests, logs: sampleLogs(Date.now(), 100_000) });
const answerWithEverything = (api: ApiClient, data: FakeEngineData) => {
  const all: LogRecord[] = data.logs ?? [];
  api.queryLogs = async (query = {}) => ({ records: query.correlationId ? all.filter((r) => r.correlationId === query.correlationId).reverse() : all });
};

export const HundredThousandRecords: Story = {
  name: '100,000 records (virtualised)',
  args: { makeData: hundredThousand, adaptApi: answerWithEverything },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    const grid = await canvas.findByRole('grid');
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', '100001'));
    await expect(rows(root).length).toBeLessThan(100);
    // End jumps to the oldest record; still only a window of rows is in the DOM.
    await userEvent.click(await firstRow(root));
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(root.querySelector('[role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '100001'));
    await expect(rows(root).length).toBeLessThan(100);
  },
};

export const DetailOpen: Story = {
  name: 'Detail pane open',
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await userEvent.click(await firstRow(root));
    const detail = await canvas.findByRole('complementary', { name: 'Record detail' });
    await expect(detail).toHaveTextContent('Payload');
    await expect(detail).toHaveTextContent(`Invoice approval${LOG_FLOW_ID}`);
    // The component's label, its id on the line below.
    const component = within(detail).getByText('Component').nextElementSibling;
    await waitFor(() => expect(LOG_COMPONENT_NAMES.some((name) => component?.firstChild?.textContent === name)).toBe(true));
    await expect(component?.querySelector('.weft-il__secondary')).toHaveTextContent(/^[0-9a-f-]{36}$/);
  },
};

/** The logs outlive their flow: rows and detail fall back to the ids of the flow and its components. */
const logsOfDeletedFlow = (): FakeEngineData => {
  const now = Date.now();
  return { flows: sampleFlows(now).filter((flow) => flow.flowId !== LOG_FLOW_ID), logs: sampleLogs(now, 200) };
};

export const DeletedFlow: Story = {
  name: 'Logs of a deleted flow',
  args: { makeData: logsOfDeletedFlow },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await userEvent.click(await firstRow(root));
    const detail = await canvas.findByRole('complementary', { name: 'Record detail' });
    await expect(await within(detail).findByText('Flow not found (deleted?)')).toBeVisible();
    await expect(root.querySelector('.weft-il__cell--flow[role="gridcell"]')).toHaveTextContent(LOG_FLOW_ID);
    await expect(componentCells(root)[0]).toHaveTextContent(/^[0-9a-f-]{36}$/);
  },
};

export const Correlation: Story = {
  name: 'Correlation view',
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await userEvent.click(await firstRow(root));
    await userEvent.click(await canvas.findByRole('button', { name: 'Show the whole correlation' }));
    await expect(await canvas.findByText(/^Correlation corr-\d+: \d records, oldest first$/)).toBeVisible();
  },
};

/** The component filter takes a label: typing suggests the components of the user's flows, with their flow and type. */
export const ComponentFilterSuggestions: Story = {
  name: 'Component filter suggestions',
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await firstRow(root);
    const box = await canvas.findByRole('combobox', { name: 'Component' });
    await userEvent.click(box);
    // Typed as a paste would put it: user-event types into the document's active element, which is the shadow host.
    await fireEvent.change(box, { target: { value: 'invoice' } });
    const list = await canvas.findByRole('listbox', { name: 'Components of your flows' });
    await waitFor(() => expect(within(list).getAllByRole('option').map((option) => option.firstChild?.textContent)).toEqual(['Invoice received', 'Fetch the invoice from the ERP']));
    await expect(within(list).getAllByRole('option')[0]).toHaveTextContent('in Invoice approval · Webhook');
  },
};

export const Unprocessed: Story = {
  name: 'Unprocessed messages',
  args: { view: 'unprocessed' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Channel #billing does not exist')).toBeVisible();
    // Each message names its component by label.
    await expect(await canvas.findByRole('group', { name: 'Actions for the message of Tell #billing' })).toBeVisible();
    await expect((await canvas.findAllByText('Fetch the invoice from the ERP')).length).toBe(2);
  },
};

const withRuns = (): FakeEngineData => ({ ...fullLogs(), runs: sampleRuns(Date.now()) });

export const Runs: Story = {
  name: 'Runs tab',
  args: { view: 'runs', makeData: withRuns },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('7 runs')).toBeVisible();
    // The failed run names its component by label, with the error.
    await expect(await canvas.findByText(/timed out after 10 s/)).toBeVisible();
    await expect(await canvas.findByText('Fetch the invoice from the ERP')).toBeVisible();
    await userEvent.selectOptions(canvas.getByLabelText('Status'), 'succeeded');
    await expect(await canvas.findByText('3 runs')).toBeVisible();
  },
};

export const RunsEmpty: Story = {
  name: 'Runs tab, empty',
  args: { view: 'runs', makeData: () => ({ ...fullLogs(), runs: [] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('No runs in this time range')).toBeVisible();
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const { root } = await withinWidget(canvasElement);
    await firstRow(root);
    await expect(root.querySelector('.weft-root')).toHaveAttribute('data-theme', 'dark');
  },
};

export const Czech: Story = {
  name: 'Czech locale',
  args: { locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { root } = await withinWidget(canvasElement);
    await firstRow(root);
    await expect(root.querySelector('.weft-root')).toHaveAttribute('lang', 'cs');
  },
};

/** What a support user's token answers: the tenants and their users (the fake engine has no tenants). */
const asSupportStaff = (api: ApiClient) => {
  const tenants = [
    { id: 't-acme', externalId: 'acme', name: 'Acme Corp', limits: {}, createdAt: 1, users: 2, flows: 3, runningFlows: 2 },
    { id: 't-beta', externalId: 'beta', name: 'Beta Ltd', limits: {}, createdAt: 2, users: 1, flows: 1, runningFlows: 0 },
  ];
  api.getUser = async () => ({ id: 'support-1', email: 'support@example.com', role: 'support', createdAt: 1, tenantId: 't-support', tenantRole: 'owner' });
  api.listStaffTenants = async () => ({ items: tenants, total: tenants.length, limit: 200, offset: 0 });
  api.getStaffTenant = async (tenantId) => ({
    ...tenants.find((tenant) => tenant.id === tenantId)!, totalFlows: 0, flows: [],
    users: [{ id: `${tenantId}-alice`, name: 'Alice Novak', externalId: 'alice', role: 'owner', disabled: false, createdAt: 1 }, { id: `${tenantId}-val`, email: 'val@example.com', role: 'viewer', disabled: false, createdAt: 2 }],
  });
};

export const SupportStaff: Story = {
  name: 'Support staff: tenant and user pickers',
  args: { adaptApi: asSupportStaff, flowId: '' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    const tenant = await canvas.findByLabelText('Tenant');
    await expect(canvas.queryByLabelText('User')).toBeNull();
    await userEvent.selectOptions(tenant, 't-acme');
    const user = await canvas.findByLabelText('User');
    await waitFor(() => expect(within(user).getByRole('option', { name: 'Alice Novak' })).toBeTruthy());
    await userEvent.selectOptions(user, 't-acme-alice');
    await expect(user).toHaveValue('t-acme-alice');
  },
};
