// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createEmitter, WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from '../designer.tsx';
import { designerCatalogues } from '../strings/designer-strings.ts';
import { createMockApi } from '../testing/mock-api.ts';
import { setUpDesignerDom } from '../testing/dom-setup.ts';

setUpDesignerDom();

function open(descriptor: FlowDescriptor, locale?: string) {
  const api = createMockApi(descriptor);
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues} emitter={createEmitter()} {...(locale ? { locale } : {})}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} />
    </WidgetRoot>,
  );
}

describe('when the catalogue holds components of a connector package', () => {
  it('groups them under the connector\'s label and icon, shows markers and hides private ones', async () => {
    open(FlowDescriptor.parse({}));
    const heading = await screen.findByRole('heading', { name: 'PostgreSQL' });
    expect(heading.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    const list = screen.getByRole('listbox', { name: 'PostgreSQL' });
    const items = within(list).getAllByRole('option');
    expect(items.map((item) => item.getAttribute('data-type'))).toEqual(['weft.postgres.NewRow', 'weft.postgres.Query']);
    expect(within(items[0]!).getByText('beta').className).toBe('wd-palette__marker');
    expect(screen.queryByText('Vacuum')).toBeNull();
    // A component without an icon of its own shows the connector's.
    expect(items[1]!.querySelector('img')?.getAttribute('src')).toBe(heading.querySelector('img')?.getAttribute('src'));
  });

  it('shows the connector\'s texts in the SDK\'s locale', async () => {
    open(FlowDescriptor.parse({}), 'cs');
    const list = await screen.findByRole('listbox', { name: 'PostgreSQL' });
    expect(within(list).getAllByRole('option').map((item) => item.textContent)).toEqual(['Dotaz SQL', 'Nový řádekbeta']);
  });

  it('draws the connector\'s icon on the face of a node of that connector', async () => {
    open(FlowDescriptor.parse({ q: { type: 'weft.postgres.Query', label: 'Find customer' } }));
    const title = await screen.findByText('Find customer');
    expect(title.closest('.wd-node')?.querySelector('img')?.getAttribute('data-icon')).toBe('image');
  });
});
