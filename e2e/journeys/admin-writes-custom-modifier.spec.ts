import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/engine.ts';
import { expect, screenshotPath, signUp, test } from '../support/fixtures.ts';

test('an admin writes a custom modifier in the Backoffice, tests it, saves it and a flow uses it', async ({ page, weft, request }) => {
  const admin = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD };
  await page.goto(`${weft.url}/backoffice/`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Modifiers' })).toBeVisible();

  await page.getByRole('button', { name: 'New modifier' }).click();
  await page.getByLabel('Name', { exact: true }).fill('shout');
  await page.getByLabel('Label', { exact: true }).fill('Shout');
  await page.getByLabel('Description', { exact: true }).fill('Upper case with an exclamation mark.');

  // Monaco: click into the text, replace everything by typing as a person does (brackets and quotes
  // that Monaco closes by itself are typed over).
  const code = page.locator('.monaco-editor .view-lines').first();
  await expect(code).toBeVisible();
  await code.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('function run(value) { return String(value).trim().toUpperCase() + "!"; }');
  await expect(code).toContainText('toUpperCase() + "!"; }');

  await page.getByLabel('Sample value (JSON)').fill('" ada "');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const result = page.locator('.bo-test__result[data-ok="true"]');
  await expect(result).toContainText('"ADA!"');
  await page.screenshot({ path: screenshotPath('backoffice-custom-modifier-test-passed.png') });

  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText('Modifier shout created.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('backoffice-custom-modifier-saved-v1.png') });

  // A builder's flow uses it through the API.
  const builder = await signUp(request, weft);
  const headers = { authorization: `Bearer ${builder.token}` };
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: 'Shouter',
      flow: {
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        reply: {
          type: 'weft.utils.http.Response', x: 260, y: 0, source: { in: { hook: ['out'] } },
          config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { body: { said: '{{{$.hook.out.body.name | shout}}}' } } } } } } },
        },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  const started = await request.post(`${weft.url}/flows/${flowId}/start`, { headers });
  expect(started.ok(), await started.text()).toBe(true);
  const answer = await request.post(`${weft.url}/flows/${flowId}/components/hook`, { data: { name: ' grace ' } });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(await answer.json()).toEqual({ said: 'GRACE!' });
});
