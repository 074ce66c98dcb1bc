import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/engine.ts';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

test('an operator signed into the Studio follows its Backoffice link and lands on the Backoffice', async ({ page, weft }) => {
  const operator = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, token: '', expiresAt: '' };
  await openStudio(page, weft, operator);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: 'Backoffice' });
  await expect(link).toBeVisible();
  await expect(page.getByRole('button', { name: 'New flow' }).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('studio-header-backoffice-link-for-operator.png') });

  await link.click();
  await expect(page).toHaveURL(`${weft.url}/backoffice/`);
  await expect(page).toHaveTitle(/Backoffice/);
  await expect(page.getByRole('heading', { name: 'Log in to the Backoffice' })).toBeVisible();
  await page.getByLabel('Email').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Modifiers' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('backoffice-reached-from-studio.png') });

  // A missing Backoffice file is a 404, not the Studio standing in for it.
  const missing = await page.request.get(`${weft.url}/backoffice/anything-missing.js`);
  expect(missing.status()).toBe(404);
  expect(await missing.text()).not.toContain('Weft Studio');
});

test('a builder who is not an operator sees no Backoffice link', async ({ page, weft, request }) => {
  const builder = await signUp(request, weft);
  await openStudio(page, weft, builder);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Logs' })).toBeVisible();
  // GET /user has answered once the flow list shows; the link would be there by then.
  await expect(page.getByRole('button', { name: 'New flow' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(nav.getByRole('link', { name: 'Backoffice' })).toHaveCount(0);
});
