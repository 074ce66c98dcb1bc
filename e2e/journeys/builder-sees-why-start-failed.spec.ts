import type { Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

function node(page: Page, title: string) {
  return page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: title }) });
}

test('a builder presses Start on a broken flow and sees its problems, the first broken component selected', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const headers = { authorization: `Bearer ${account.token}` };
  // Two components whose connections give no value to a required field: the flow saves, but will not start.
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: 'Broken pricing',
      flow: {
        hook: { type: 'weft.utils.http.Webhook', label: 'Price request', x: 0, y: 0 },
        fetch: { type: 'weft.utils.http.Request', label: 'Fetch price', x: 300, y: 0, source: { in: { hook: ['out'] } } },
        vip: { type: 'weft.utils.controls.Condition', label: 'Is VIP', x: 600, y: 0, source: { in: { fetch: ['out'] } } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };

  await openStudio(page, weft, account, `#/flows/${encodeURIComponent(flowId)}/designer`);
  await expect(node(page, 'Fetch price')).toBeVisible();
  await page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Start' }).click();

  // The reason is on screen, not only in the live region, and names components by label.
  const banner = page.getByRole('alert').filter({ hasText: 'fix them before starting it' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('The flow has 2 problems');
  const problems = banner.getByRole('list', { name: 'Problems that keep the flow from starting' }).getByRole('listitem');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText(/Fetch price: .*url/);
  await expect(problems.nth(1)).toContainText(/Is VIP: .*expression/);

  // The first broken component is selected and its inspector open.
  await expect(node(page, 'Fetch price')).toHaveClass(/selected/);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('Name', { exact: true })).toHaveValue('Fetch price');
  await page.screenshot({ path: screenshotPath('designer-start-refused-problems-listed.png') });

  // A click on a problem selects its component.
  await problems.nth(1).getByRole('button', { name: 'Is VIP' }).click();
  await expect(node(page, 'Is VIP')).toHaveClass(/selected/);
  await expect(node(page, 'Fetch price')).not.toHaveClass(/selected/);
  await expect(inspector.getByLabel('Name', { exact: true })).toHaveValue('Is VIP');

  // The flow manager says the same when Start fails there.
  await page.goto(`${weft.url}/#/flows`);
  const row = page.getByRole('row', { name: /Broken pricing/ });
  await row.getByRole('button', { name: 'Start' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'the flow has 2 problems' });
  await expect(notice).toBeVisible();
  const listed = notice.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(0)).toContainText('Fetch price:');
  await expect(listed.nth(1)).toContainText('Is VIP:');
  await page.screenshot({ path: screenshotPath('flow-manager-start-refused-problems-listed.png') });
});
