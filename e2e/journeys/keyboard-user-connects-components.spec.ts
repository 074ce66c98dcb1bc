import type { Locator, Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, limit = 60 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el || document.activeElement === el)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Focus never reached ${target.toString()} after ${limit} presses of Tab`);
}

test('a keyboard user adds two components and connects them without a mouse', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const created = await request.post(`${weft.url}/flows`, {
    headers: { authorization: `Bearer ${account.token}` },
    data: { name: 'Keyboard only', flow: {} },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);

  const search = page.getByRole('searchbox', { name: 'Search components' });
  await expect(search).toBeVisible();
  await tabTo(page, search);
  await page.keyboard.type('Webhook');
  // The palette filters as you type (debounced): tab only once it shows the matches.
  await expect(page.getByRole('option', { name: 'Set', exact: true })).toHaveCount(0);
  await tabTo(page, page.getByRole('option', { name: 'Webhook' }), { limit: 4 });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Webhook added')).toBeAttached();

  await tabTo(page, search, { backwards: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Set');
  await expect(page.getByRole('option', { name: 'Webhook' })).toHaveCount(0);
  // The engine's Set (group "transform"), not Redis's Set further down.
  await tabTo(page, page.getByRole('listbox', { name: 'transform' }).getByRole('option', { name: 'Set', exact: true }), { limit: 4 });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Set added')).toBeAttached();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Focus the Webhook on the canvas, select it with Enter, then "C" opens the connect dialog.
  const webhook = page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: 'Webhook' }) });
  await tabTo(page, webhook);
  await page.keyboard.press('Enter');
  await expect(webhook).toHaveClass(/selected/);
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Connect Webhook' });
  await expect(dialog).toBeVisible();
  const to = dialog.getByLabel('To component and input');
  await tabTo(page, to);
  await expect(to).toHaveValue(/\nin$/);
  await expect(to.locator('option:checked')).toHaveText('Set → in');
  await tabTo(page, dialog.getByRole('button', { name: 'Connect' }));
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByText('Connected Webhook to Set')).toBeAttached();
  await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();
  const saved = await request.get(`${weft.url}/flows/${flowId}`, { headers: { authorization: `Bearer ${account.token}` } });
  const flow = ((await saved.json()) as { flow: Record<string, { type: string; source: Record<string, Record<string, string[]>> }> }).flow;
  const setComponent = Object.values(flow).find((component) => component.type === 'weft.utils.transform.Set');
  expect(Object.values(setComponent?.source.in ?? {})).toEqual([['out']]);
  await page.screenshot({ path: screenshotPath('designer-two-connected-by-keyboard.png') });
});
