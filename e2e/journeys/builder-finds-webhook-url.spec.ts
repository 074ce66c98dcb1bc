import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

/** Webhook → Response that greets `?name=` in capitals; the builder never typed an id. */
const greeter = {
  hook: { type: 'weft.utils.http.Webhook', label: 'Greeting hook', x: 100, y: 200 },
  reply: {
    type: 'weft.utils.http.Response', x: 420, y: 200,
    source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { status: 200, body: { hello: '{{{$.hook.out.query.name | upper}}}' } } } } } } },
  },
};

test('a builder finds the webhook URL in the inspector and the flow manager, and calls it', async ({ page, weft, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: weft.url });
  const account = await signUp(request, weft);
  const created = await request.post(`${weft.url}/flows`, { data: { name: 'Greeter', flow: greeter }, headers: { authorization: `Bearer ${account.token}` } });
  expect(created.status()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };

  // The designer: the Webhook's inspector says where it answers.
  await openStudio(page, weft, account);
  await page.getByRole('button', { name: 'Open Greeter in the designer' }).click();
  await page.locator('.react-flow__node', { hasText: 'Greeting hook' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const shown = inspector.getByRole('textbox', { name: 'Webhook URL' });
  await expect(shown).toHaveValue(new RegExp(`/flows/${flowId}/components/hook$`));
  const url = await shown.inputValue();
  expect(url).toBe(`${weft.url}/flows/${flowId}/components/hook`);
  await expect(inspector.getByText('POST (or any method) to this URL; JSON, form or text bodies.', { exact: false })).toBeVisible();
  await inspector.getByRole('button', { name: 'Copy URL' }).click();
  await expect(inspector.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: screenshotPath('designer-webhook-url-copied.png') });

  // Start it, then call the URL as an outside client would.
  await page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('toolbar', { name: 'Designer tools' }).getByText('Running')).toBeVisible();
  const answer = await fetch(`${url}?name=ada`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ hello: 'ADA' });

  // The flow manager lists the same URL by the component's label.
  await page.goto(`${weft.url}/#/flows`);
  await page.getByRole('button', { name: 'Webhook URLs of Greeter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Webhook URLs of “Greeter”' });
  await expect(dialog.getByRole('textbox', { name: 'URL of Greeting hook' })).toHaveValue(url);
  await dialog.getByRole('button', { name: 'Copy webhook URL of Greeting hook' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: screenshotPath('flow-manager-webhook-urls.png') });
});
