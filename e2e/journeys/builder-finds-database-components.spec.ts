import type { Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test('a builder finds the built-in database connectors in the palette, grouped under their icons, and searches across them', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const auth = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, {
    headers: auth,
    data: { name: 'Customers', flow: { find: { type: 'weft.postgres.Query', label: 'Find customer', x: 300, y: 160 } } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };

  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);
  const palette = page.getByRole('navigation', { name: 'Components' });
  // Each connector is a group with its icon; its components sit under it.
  const postgres = palette.getByRole('heading', { name: 'PostgreSQL' });
  await expect(postgres.locator('img')).toBeVisible();
  await expect(palette.getByRole('listbox', { name: 'PostgreSQL' }).getByRole('option')).toHaveText(['Delete rows', 'Insert row', 'New row', 'Query', 'Update rows']);
  await expect(palette.getByRole('heading', { name: 'Redis' })).toBeVisible();
  // The node's face shows the connector's icon.
  await expect(node(page, 'find').locator('img[data-icon="image"]')).toBeVisible();
  await postgres.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('designer-palette-connectors.png') });

  // One search across every connector: "new row" finds PostgreSQL's and MySQL's triggers.
  await palette.getByRole('searchbox', { name: 'Search components' }).fill('new row');
  await expect(palette.locator('.wd-palette__item')).toHaveText(['New row', 'New row']);
  await expect(palette.getByRole('heading')).toHaveText(['MySQL / MariaDB', 'PostgreSQL']);
  await page.screenshot({ path: screenshotPath('designer-palette-search-new-row.png') });
});
