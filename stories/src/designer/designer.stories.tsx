/** @module Designer stories: every state of the flow designer against its mock API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { contrastRatio } from '../support/contrast.ts';
import { withinWidget } from '../support/shadow-host.tsx';
import { DesignerHost } from './designer-host.tsx';
import {
  conflictApi, draftAheadApi, emptyFlowApi, errorApi, instanceApi, largeFlowApi, templatesApi, loadingApi, LOAD_ERROR, pinnedFlowApi, smallFlowApi, startRefusedApi, validationApi,
  versionedFlowApi,
} from './designer-fixtures.ts';

const meta = {
  title: 'Widgets/Designer',
  component: DesignerHost,
  args: { makeApi: smallFlowApi, theme: 'light', locale: 'en', autosaveDelayMs: 50 },
  argTypes: { makeApi: { control: false } },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof DesignerHost>;

export default meta;
type Story = StoryObj<typeof meta>;

const nodeCount = (root: ShadowRoot) => root.querySelectorAll('.react-flow__node').length;

/** Edges, plain and selected, read on the canvas (3:1, as WCAG asks of lines), and selecting one shows. */
async function expectEdgesToRead(root: ShadowRoot) {
  const canvasColor = getComputedStyle(root.querySelector('.react-flow__background')!).backgroundColor;
  const stroke = (edge: Element) => getComputedStyle(edge.querySelector('.react-flow__edge-path')!).stroke;
  const edge = await waitFor(() => {
    const first = root.querySelector('.react-flow__edge');
    if (!first) throw new Error('no edge yet');
    return first;
  });
  const plain = stroke(edge);
  await expect(contrastRatio(plain, canvasColor)).toBeGreaterThanOrEqual(3);
  await userEvent.click(edge.querySelector('.react-flow__edge-interaction')!);
  await waitFor(() => expect(edge).toHaveClass('selected'));
  await expect(contrastRatio(stroke(edge), canvasColor)).toBeGreaterThanOrEqual(3);
  await expect(stroke(edge)).not.toBe(plain);
}

export const Empty: Story = {
  args: { makeApi: emptyFlowApi },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('application', { name: 'Flow designer' });
    await expect(nodeCount(root)).toBe(0);
  },
};

export const Loading: Story = {
  args: { makeApi: loadingApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading the flow…');
  },
};

export const LoadError: Story = {
  name: 'Error',
  args: { makeApi: errorApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The flow could not be opened');
    await expect(alert).toHaveTextContent(LOAD_ERROR);
  },
};

export const ConnectorPalette: Story = {
  name: 'Palette grouped by connector (Czech)',
  args: { makeApi: emptyFlowApi, locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    const heading = await canvas.findByRole('heading', { name: 'PostgreSQL' });
    await expect(heading.querySelector('img')).not.toBeNull();
    // The connector's Czech texts, its marker, and no private component.
    await expect(canvas.getByText('Dotaz SQL')).toBeTruthy();
    await expect(canvas.getByText('beta')).toBeTruthy();
    await expect(canvas.queryByText('Vacuum')).toBeNull();
  },
};

export const SmallFlow: Story = {
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await waitFor(() => expect(nodeCount(root)).toBe(4));
    await expect(root.querySelectorAll('.react-flow__edge')).toHaveLength(3);
    await expectEdgesToRead(root);
  },
};

export const WebhookUrl: Story = {
  name: 'Webhook URL in the inspector',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByText('Invoice received'));
    const url = await canvas.findByRole('textbox', { name: 'Webhook URL' });
    await expect(url).toHaveValue('https://weft.example.com/flows/flow-1/components/hook');
    await expect(canvas.getByText(/POST \(or any method\) to this URL/)).toBeVisible();
  },
};

export const Icons: Story = {
  name: 'Icons in the palette and on the nodes',
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    // Each type's icon comes from its manifest, not the label's first letter.
    const iconOf = (selector: string) => root.querySelector(`${selector} svg`)?.getAttribute('data-icon');
    await waitFor(() => expect(iconOf('.wd-palette__item[data-type="weft.utils.http.Webhook"]')).toBe('webhook'));
    await expect(iconOf('.wd-palette__item[data-type="weft.utils.controls.Condition"]')).toBe('split');
    await expect(iconOf('.react-flow__node[data-id="lookup"]')).toBe('globe');
  },
};

export const VariableChips: Story = {
  name: 'Variables as chips in a mapping field',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByText('Look up customer'));
    const url = await canvas.findByRole('textbox', { name: 'URL' });
    await expect(url).toHaveAttribute('data-value', 'https://crm.example.com/customers/{{{$.hook.out.body.email}}}');
    const chip = await canvas.findByRole('img', { name: 'Invoice received › out.body.email' });
    await expect(chip).toBeVisible();
    await expect(chip.querySelector('svg')).toHaveAttribute('data-icon', 'webhook');
  },
};

export const PinnedNode: Story = {
  name: 'Pinned sample data on a trigger',
  args: { makeApi: pinnedFlowApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByRole('img', { name: 'Pinned sample data' })).toBeVisible();
    await userEvent.click(await canvas.findByText('Invoice received'));
    await expect(await canvas.findByLabelText('Pinned output (JSON)')).toHaveDisplayValue(/"plan": "gold"/);
    await expect(canvas.getByRole('button', { name: 'Unpin' })).toBeVisible();
  },
};

export const LargeFlow: Story = {
  name: 'Large flow (500 components)',
  args: { makeApi: largeFlowApi },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('application', { name: 'Flow designer' });
    await waitFor(() => expect(nodeCount(root)).toBeGreaterThan(0));
  },
};

export const ValidationErrors: Story = {
  name: 'Validation errors on nodes',
  args: { makeApi: validationApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('img', { name: '1 problem' });
    await canvas.findByRole('img', { name: '2 problems' });
    // Selecting the component lists its problem in the inspector (at the top and beside the field).
    await userEvent.click(await canvas.findByText('Look up customer'));
    const messages = await canvas.findAllByText('URL is required');
    await expect(messages[0]).toBeVisible();
  },
};

export const StartRefused: Story = {
  name: 'Start refused: problems listed, first broken component selected',
  args: { makeApi: startRefusedApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await userEvent.click(await canvas.findByRole('button', { name: 'Start' }));
    const banner = await canvas.findByRole('alert');
    await expect(banner).toHaveTextContent('The flow has 3 problems; fix them before starting it.');
    await expect(await canvas.findByRole('list', { name: 'Problems that keep the flow from starting' })).toBeVisible();
    await expect(await canvas.findByLabelText('Name')).toHaveValue('Look up customer');
  },
};

export const SaveConflict: Story = {
  args: { makeApi: conflictApi },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    // Add a component from the palette with the keyboard: the edit autosaves against a stale version.
    const timer = await waitFor(() => {
      const item = root.querySelector<HTMLElement>('.wd-palette__item[data-type="weft.utils.timers.Timer"]');
      if (!item) throw new Error('no Timer in the palette');
      return item;
    });
    timer.focus();
    await userEvent.keyboard('{Enter}');
    const banner = await waitFor(() => {
      const alert = root.querySelector('.wd-banner[role="alert"]');
      if (!alert) throw new Error('no conflict banner yet');
      return alert;
    }, { timeout: 4000 });
    await expect(banner).toHaveTextContent('Someone else saved this flow (version 2)');
  },
};

export const DraftAhead: Story = {
  name: 'Draft with unpublished changes',
  args: { makeApi: draftAheadApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await expect(canvas.getByText('Draft — unpublished changes')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Publish' }));
    await expect(await canvas.findByText('Published v2')).toBeVisible();
  },
};

export const HistoryNothingPublished: Story = {
  name: 'History: nothing published yet',
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await expect(canvas.getByText('Draft — never published')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'History' }));
    await expect(await canvas.findByText('Nothing published yet. Publish (or Start) makes version 1.')).toBeVisible();
  },
};

export const HistoryDiff: Story = {
  name: 'History: draft compared with v1',
  args: { makeApi: versionedFlowApi },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await expect(canvas.getByText('Published v2')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'History' }));
    await userEvent.click(await canvas.findByRole('button', { name: /^v1/ }));
    await expect(await canvas.findByRole('region', { name: 'Added in the draft' })).toHaveTextContent('Tell #billing');
    await expect(canvas.getByRole('region', { name: 'Removed in the draft' })).toHaveTextContent('Archive nightly');
    await expect(canvas.getByRole('region', { name: 'Changed in the draft' })).toHaveTextContent('Look up customer — changed: label, URL');
    await waitFor(() => expect(root.querySelectorAll('.wd-node[data-diff]')).toHaveLength(2));
  },
};

export const HistoryRestoreConfirm: Story = {
  name: 'History: restore asks first',
  args: { makeApi: versionedFlowApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await userEvent.click(canvas.getByRole('button', { name: 'History' }));
    await userEvent.click(await canvas.findByRole('button', { name: /^v1/ }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Restore v1' }));
    const dialog = await canvas.findByRole('alertdialog', { name: 'Restore v1' });
    await expect(dialog).toHaveTextContent('What runs does not change until you publish.');
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const { root, canvas } = await withinWidget(canvasElement);
    await canvas.findByText('Look up customer');
    await expect(root.querySelector('.weft-root')).toHaveAttribute('data-theme', 'dark');

    await expectEdgesToRead(root);
  },
};

export const Czech: Story = {
  name: 'Czech locale',
  args: { locale: 'cs' },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await canvas.findByRole('application', { name: 'Návrhář toků' });
  },
};

export const MakeTemplate: Story = {
  name: 'Make a template (operator)',
  args: { makeApi: templatesApi, templates: true },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Make a template' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Make a template of this flow' });
    await expect(canvas.getByLabelText('Template name')).toHaveValue('Invoice approval');
    await userEvent.click(canvas.getByLabelText('Invoice received: Method'));
    await userEvent.click(canvas.getByLabelText('Look up customer: URL'));
    await expect(canvas.getAllByLabelText('Question')).toHaveLength(2);
    await expect(dialog).toBeVisible();
  },
};

export const FollowsTemplate: Story = {
  name: 'A flow that follows a template',
  args: { makeApi: instanceApi },
  play: async ({ canvasElement }) => {
    const { canvas } = await withinWidget(canvasElement);
    await expect(await canvas.findByText('This flow follows template Invoice approval v2.')).toBeVisible();
  },
};
