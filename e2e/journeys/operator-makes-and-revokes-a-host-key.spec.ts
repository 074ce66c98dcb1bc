import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/engine.ts';
import { expect, screenshotPath, test } from '../support/fixtures.ts';

test('an operator makes a host key in the Backoffice, sees it once, a host uses it, and the operator revokes it', async ({ page, weft, request }) => {
  await page.goto(`${weft.url}/backoffice/`);
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Host keys' }).click();
  await expect(page.getByRole('heading', { name: 'Host API keys' })).toBeVisible();

  // Nothing is made without a name.
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('alert')).toHaveText('Give the key a name.');
  await page.getByLabel('Name').fill('Acme backend');
  await page.getByLabel('read').check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('created-host-key');
  await expect(shown).toHaveText(/^wk_/);
  const key = (await shown.textContent()) ?? '';
  await page.screenshot({ path: screenshotPath('backoffice-host-key-shown-once.png') });

  // The host's backend uses it; the list then shows when.
  const upsert = await request.put(`${weft.url}/host/tenants/acme`, { data: { name: 'Acme' }, headers: { authorization: `Bearer ${key}` } });
  expect(upsert.status()).toBe(201);
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  const row = page.getByRole('row', { name: /Acme backend/ });
  await expect(row).toContainText('provision, read');
  await expect(row).toContainText('Active');
  await expect(row.getByRole('cell').nth(3)).not.toHaveText('Never');
  expect(await page.content()).not.toContain(key);

  await row.getByRole('button', { name: 'Revoke Acme backend' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('Host key Acme backend revoked.')).toBeVisible();
  await expect(row).toContainText('Revoked');
  const refused = await request.put(`${weft.url}/host/tenants/acme`, { data: { name: 'Acme' }, headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  await page.screenshot({ path: screenshotPath('backoffice-host-key-revoked.png') });
});
