/** @module Flow manager stories: every state of the flow list against the fake engine. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FakeEngineData } from '../mock-api/fake-engine.ts';
import { sampleDescriptors, sampleFlows, sampleManifests } from '../mock-api/fixtures.ts';
import { withinWidget } from '../support/shadow-host.tsx';
import { showsLoadError, showsLoading } from '../support/plays.ts';
import { FlowManagerHost } from './flow-manager-host.tsx';

const fullList = (): FakeEngineData => ({ flows: sampleFlows(Date.now()) });

const meta = {
  title: 'Widgets/Flow Manager',
  component: FlowManagerHost,
  args: { makeData: fullList, theme: 'light', locale: 'en' },
  argTypes: { makeData: { control: false } },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof FlowManagerHost>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { makeData: () => ({ flows: [] }) },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('No flows yet')).toBeVisible();
    // The empty state's own "New flow" button opens the create dialog.
    const create = root.querySelector<HTMLButtonElement>('.weft-state button');
    await userEvent.click(create!);
    await expect(await canvas.findByText('Create a flow')).toBeVisible();
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
  name: 'Full list',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('button', { name: 'Open Invoice approval in the designer' });
    await expect(canvas.getAllByRole('row').length).toBeGreaterThan(10);
    await expect(canvas.getByRole('button', { name: /112 errors/ })).toBeVisible();
  },
};

export const WebhookUrls: Story = {
  name: 'Webhook URLs of a flow',
  args: { makeData: () => ({ ...fullList(), descriptors: sampleDescriptors(), manifests: sampleManifests }) },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    const flowName = sampleFlows(Date.now())[0]!.name;
    await userEvent.click(await canvas.findByRole('button', { name: `Webhook URLs of ${flowName}` }));
    // Listed by label; the component's id is only in the URL.
    const url = await canvas.findByRole('textbox', { name: 'URL of Invoice received' });
    await expect(url).toHaveValue('https://hooks.weft.example/flows/flow-1/components/7c1e4b2a-5f3d-4e8a-9b6c-0d2f1a3e5b7c');
    await expect(canvas.getByRole('button', { name: 'Copy webhook URL of Invoice received' })).toBeVisible();
  },
};

export const FilterStopped: Story = {
  name: 'Filter to stopped flows',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('button', { name: 'Open Invoice approval in the designer' });
    // Only the four stopped flows stay.
    const stage = canvas.getByRole('combobox', { name: 'Stage' });
    await userEvent.selectOptions(stage, 'stopped');
    await waitFor(() => expect(canvas.getAllByRole('button', { name: /^Open .* in the designer$/ })).toHaveLength(4));
  },
};

export const StartAFlow: Story = {
  name: 'Start a stopped flow',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    const actions = await canvas.findByRole('group', { name: 'Actions for Slack alerts for failed payments' });
    const start = actions.querySelector('button');
    await expect(start).toHaveTextContent('Start');
    await userEvent.click(start!);
    await waitFor(() => expect(canvas.getByRole('group', { name: 'Actions for Slack alerts for failed payments' }).querySelector('button')).toHaveTextContent('Stop'));
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('button', { name: 'Open Invoice approval in the designer' });
    await expect(root.querySelector('.weft-root')).toHaveAttribute('data-theme', 'dark');
  },
};

export const Czech: Story = {
  name: 'Czech locale',
  args: { locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect((await canvas.findAllByText('Běží')).length).toBeGreaterThan(0);
  },
};
