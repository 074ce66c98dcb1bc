/** @module Accounts stories: every state of the connected accounts against the fake engine. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import type { Account, ConnectorAccountType } from '@weft/api-client';
import type { FakeEngineData } from '../mock-api/fake-engine.ts';
import { withinWidget } from '../support/shadow-host.tsx';
import { showsLoadError, showsLoading } from '../support/plays.ts';
import { AccountsHost } from './accounts-host.tsx';

const HOUR = 3_600_000;
const account = (id: string, name: string, extra: Partial<Account> = {}): Account => ({
  id, name, type: 'bearer', fields: { token: '••••' }, profile: {}, status: 'valid', createdAt: Date.now() - 30 * 24 * HOUR, updatedAt: Date.now() - 24 * HOUR, ...extra,
});

const postgres: ConnectorAccountType = {
  connector: 'weft.postgres', label: 'PostgreSQL', type: 'custom',
  fields: { connectionString: { label: 'Connection string', type: 'password', required: true }, schema: { label: 'Schema', type: 'text' } },
};

const accounts = (): Account[] => [
  account('acc-1', 'CRM API', { testUrl: 'https://api.example.com/me', lastUsedAt: Date.now() - 5 * 60_000 }),
  account('acc-2', 'GitHub', { type: 'oauth2', fields: { grant: 'authorization_code', clientId: 'weft', scopes: 'repo', accessToken: '••••' }, profile: { login: 'ada' }, lastUsedAt: Date.now() - 2 * HOUR }),
  account('acc-3', 'Google Sheets', { type: 'oauth2', fields: { grant: 'authorization_code', clientId: 'weft', accessToken: '••••' }, status: 'invalid', statusReason: 'the provider refused to renew the token (invalid_grant: Token has been expired or revoked.); reconnect the account.' }),
  account('acc-4', 'Warehouse DB', { type: 'custom', connector: 'weft.postgres', fields: { schema: 'public', connectionString: '••••' }, profile: { server: 'PostgreSQL 16.4' } }),
  account('acc-5', 'Slack bot', { type: 'oauth2', fields: { grant: 'client_credentials', clientId: 'bot', accessToken: '••••' }, status: 'refreshing' }),
];

const full = (): FakeEngineData => ({ accounts: accounts(), accountTypes: [postgres], accountUsers: { 'acc-1': [{ flowId: 'flow-1', name: 'Invoice approval' }, { flowId: 'flow-2', name: 'Lead sync' }] } });

const meta = {
  title: 'Widgets/Accounts',
  component: AccountsHost,
  args: { makeData: full, theme: 'light', locale: 'en' },
  argTypes: { makeData: { control: false } },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof AccountsHost>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { makeData: () => ({ accounts: [], accountTypes: [postgres] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('No connected accounts yet')).toBeVisible();
  },
};

export const Loading: Story = {
  args: { makeData: () => ({ mode: 'loading' }) },
  play: showsLoading,
};

export const LoadError: Story = {
  name: 'Error',
  args: { makeData: () => ({ mode: 'error' }) },
  play: showsLoadError,
};

export const Full: Story = {
  name: 'Valid, invalid and refreshing',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Google Sheets')).toBeVisible();
    await expect(canvas.getByText(/invalid_grant/)).toBeVisible();
    await expect(canvas.getByText('Refreshing')).toBeVisible();
    await expect(canvas.getByText('PostgreSQL')).toBeVisible();
  },
};

export const Invalid: Story = {
  name: 'Invalid account',
  args: { makeData: () => ({ accounts: [accounts()[2]!] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Invalid')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

export const Refreshing: Story = {
  name: 'Refreshing account',
  args: { makeData: () => ({ accounts: [accounts()[4]!] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Refreshing')).toBeVisible();
  },
};

export const ConnectConnector: Story = {
  name: 'Connect a connector account',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Connect an account' }));
    await userEvent.selectOptions(await canvas.findByLabelText('Kind of account'), 'connector:weft.postgres');
    await expect(await canvas.findByLabelText('Connection string')).toBeVisible();
  },
};

export const RemoveInUse: Story = {
  name: 'Remove an account running flows use',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByText('CRM API');
    await userEvent.click(canvas.getAllByRole('button', { name: 'Remove' })[0]!);
    const confirm = await canvas.findByRole('alertdialog');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await expect(await canvas.findByText('Lead sync')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Stop them and remove' })).toBeVisible();
  },
};

export const Czech: Story = {
  name: 'Czech',
  args: { locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Připojené účty')).toBeVisible();
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
};
