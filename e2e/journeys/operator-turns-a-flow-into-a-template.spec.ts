import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/engine.ts';
import { expect, openStudio, screenshotPath, test } from '../support/fixtures.ts';

/** Orders in (Webhook) → Reply (Response): the two things an end user will be asked are the timeout and the reply. */
const ORDER_REPLY = {
  hook: { type: 'weft.utils.http.Webhook', label: 'Orders in', x: 0, y: 0 },
  reply: { type: 'weft.utils.http.Response', label: 'Reply', x: 320, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { status: 200, body: 'Thanks' } } } } } } },
};

test('an operator opens a flow in the Studio, makes a template asking two questions, and finds it in the catalogue', async ({ page, weft, request }) => {
  const operator = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, token: '', expiresAt: '' };
  const login = await request.post(`${weft.url}/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const created = await request.post(`${weft.url}/flows`, { headers: auth, data: { name: 'Order replies', flow: ORDER_REPLY } });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };

  await openStudio(page, weft, operator, `#/flows/${flowId}/designer`);
  const toolbar = page.getByRole('toolbar', { name: 'Designer tools' });
  // The Studio offers templates once it knows the person is an operator (GET /user).
  await toolbar.getByRole('button', { name: 'Make a template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a template of this flow' });
  await expect(dialog.getByLabel('Template name')).toHaveValue('Order replies');
  await dialog.getByLabel('Template name').fill('Reply to new orders');
  await dialog.getByLabel('Description').fill('Answers each order your shop sends with your own message.');
  await dialog.getByLabel('Category').fill('sales');
  await dialog.getByLabel('Icon').fill('webhook');

  await dialog.getByLabel('Orders in: Response timeout (ms)').check();
  await dialog.getByLabel('Reply: Body').check();
  const questions = dialog.getByLabel('Question');
  await expect(questions).toHaveCount(2);
  await questions.nth(0).fill('How long may your shop wait (ms)?');
  await questions.nth(1).fill('What should the reply say?');
  await dialog.getByLabel('An answer is required').nth(1).check();

  // A question left empty is pointed out on its own field, and nothing is sent.
  await questions.nth(0).fill('');
  await dialog.getByRole('button', { name: 'Create template' }).click();
  await expect(questions.nth(0)).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Fill this in')).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-template-dialog-problem.png') });
  await questions.nth(0).fill('How long may your shop wait (ms)?');
  await expect(questions.nth(0)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('group', { name: 'Field "body"' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-template-dialog-two-fields.png') });

  await dialog.getByRole('button', { name: 'Create template' }).click();
  await expect(dialog).toBeHidden();
  // The designer says so above the canvas (and to screen readers).
  await expect(page.locator('.wd-banner', { hasText: 'Template "Reply to new orders" saved as version 1' })).toBeVisible();

  const list = await request.get(`${weft.url}/templates`, { headers: auth });
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; name: string; category: string; version: number; wizard: { fields: { id: string; label: string; type: string; required?: boolean; bind: { componentId: string; path: string }[] }[] } }[] };
  const template = items.find((item) => item.name === 'Reply to new orders');
  expect(template).toMatchObject({ category: 'sales', version: 1 });
  expect(template?.wizard.fields).toEqual([
    { id: 'timeoutMs', type: 'number', label: 'How long may your shop wait (ms)?', bind: [{ componentId: 'hook', path: 'config.properties.timeoutMs' }] },
    { id: 'body', type: 'text', label: 'What should the reply say?', required: true, bind: [{ componentId: 'reply', path: 'config.transform.in.hook.out.lambda.body' }] },
  ]);
  await page.screenshot({ path: screenshotPath('designer-template-made.png') });
});
