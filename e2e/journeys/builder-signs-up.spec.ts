import { expect, screenshotPath, test } from '../support/fixtures.ts';

test('a builder signs up in the Studio and lands on an empty list of flows', async ({ page, weft }) => {
  await page.goto(`${weft.url}/`);
  await page.getByRole('button', { name: 'No account yet? Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Sign up' })).toBeVisible();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();

  await expect(page.getByText('ada@example.com')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByText('No flows yet')).toBeVisible();
  await page.screenshot({ path: screenshotPath('studio-signed-up-no-flows.png') });
});
