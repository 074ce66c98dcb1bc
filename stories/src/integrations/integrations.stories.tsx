/** @module Integrations stories: every state of the catalogue, the user's integrations and the wizard, against a fake engine. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor } from 'storybook/test';
import type { Account } from '@weft/api-client';
import { withinWidget } from '../support/shadow-host.tsx';
import { showsLoadError, showsLoading } from '../support/plays.ts';
import { IntegrationsHost } from './integrations-host.tsx';
import type { IntegrationsData, IntegrationsFake } from './integrations-fake.ts';
import { integrations, templates } from './integrations-fixtures.ts';

const slack: Account = { id: 'acc-1', name: 'Acme Slack', type: 'bearer', fields: { token: '••••' }, profile: {}, status: 'valid', createdAt: 1, updatedAt: 1 };
const full = (): IntegrationsData => ({ templates: templates(), integrations: integrations(), accounts: [slack] });

let lastFake: IntegrationsFake | undefined;
const remember = (fake: IntegrationsFake) => { lastFake = fake; };

const meta = {
  title: 'Widgets/Integrations',
  component: IntegrationsHost,
  args: { makeData: full, theme: 'light', locale: 'en', onFake: remember },
  argTypes: { makeData: { control: false }, onFake: { control: false } },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof IntegrationsHost>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { makeData: () => ({ templates: [], integrations: [] }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('No integrations are offered yet')).toBeVisible();
    await expect(canvas.getByText('No integrations yet. Add one from the catalogue below.')).toBeVisible();
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
  name: 'Catalogue and active integrations',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('Update available (version 3)')).toBeVisible();
    await expect(canvas.getByText('Failed')).toBeVisible();
    await expect(canvas.getByText('Paused')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Weekly pipeline e-mail' })).toBeVisible();
  },
};

export const Search: Story = {
  name: 'Search and category',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    // Typed text does not cross a shadow root in the story runner: set the value as the input event would.
    await fireEvent.change(await canvas.findByLabelText('Search integrations'), { target: { value: 'spreadsheet' } });
    await expect(canvas.getByRole('heading', { name: 'New leads to a spreadsheet' })).toBeVisible();
    await expect(canvas.queryByRole('heading', { name: 'Weekly pipeline e-mail' })).toBeNull();
    await fireEvent.change(canvas.getByLabelText('Search integrations'), { target: { value: '' } });
    await userEvent.selectOptions(canvas.getByLabelText('Category'), 'Sales');
    await expect(canvas.queryByRole('heading', { name: 'New leads to a spreadsheet' })).toBeNull();
  },
};

export const Wizard: Story = {
  name: 'Wizard: add an integration',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add Won deals to Slack' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Add Won deals to Slack' });
    await expect(dialog).toBeVisible();
    await userEvent.selectOptions(await canvas.findByLabelText('Slack account *'), 'acc-1');
    await canvas.findByRole('option', { name: '#deals-won' });
    await userEvent.selectOptions(canvas.getByLabelText('Channel *'), '#deals-won');
    await userEvent.click(canvas.getByRole('button', { name: 'Add integration' }));
    await waitFor(() => expect(lastFake?.posted.at(-1)).toEqual({
      path: '/templates/t-slack/instances',
      body: { answers: { account: 'acc-1', channel: 'C-won' } },
    }));
    await expect(await canvas.findByText('“Won deals to Slack” is set up and running.')).toBeVisible();
  },
};

export const WizardErrors: Story = {
  name: 'Wizard: missing answers',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add New leads to a spreadsheet' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Add integration' }));
    await expect(await canvas.findByText('An answer is required.')).toBeVisible();
    await expect(canvas.getByText('Check the highlighted answers.')).toBeVisible();
  },
};

export const Czech: Story = {
  args: { locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('K dispozici aktualizace (verze 3)')).toBeVisible();
    await expect(canvas.getByText('Pozastavená')).toBeVisible();
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const { root } = await withinWidget(canvasElement);
    await waitFor(() => expect(root.querySelector('.weft-root')?.getAttribute('data-theme')).toBe('dark'));
  },
};
