import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/engine.ts';
import { expect, screenshotPath, signUp, test } from '../support/fixtures.ts';

test('an operator reads the audit log in the Backoffice and narrows it to one action', async ({ page, weft, request }) => {
  // A builder makes a flow and starts it: two acts the log records.
  const builder = await signUp(request, weft);
  const auth = { authorization: `Bearer ${builder.token}` };
  const { id: builderId } = (await (await request.get(`${weft.url}/user`, { headers: auth })).json()) as { id: string };
  const created = await request.post(`${weft.url}/flows`, { data: { name: 'Audited invoices', flow: { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } } }, headers: auth });
  expect(created.status()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers: auth })).status()).toBe(200);

  await page.goto(`${weft.url}/backoffice/`);
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Audit log' });
  const createdRow = table.getByRole('row').filter({ hasText: 'flow.create' }).filter({ hasText: flowId });
  const started = table.getByRole('row').filter({ hasText: 'flow.start' }).filter({ hasText: flowId });
  await expect(createdRow).toContainText(builderId);
  await expect(createdRow).toContainText('Audited invoices');
  await expect(started).toBeVisible();
  await page.screenshot({ path: screenshotPath('backoffice-audit-log.png') });

  // Narrowed to starts by that builder: the create is gone, the start stays.
  await page.getByLabel('Actor id').fill(builderId);
  await page.getByLabel('Action').selectOption('flow.start');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(createdRow).toHaveCount(0);
  await expect(started).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('backoffice-audit-log-filtered.png') });
});
