import type { Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

/** Webhook → Set → Response, the Set not yet configured: the builder will map it from a pinned real call. */
const ORDERS = {
  hook: { type: 'weft.utils.http.Webhook', label: 'New order', x: 80, y: 160 },
  greet: { type: 'weft.utils.transform.Set', label: 'Greeting', x: 380, y: 160, source: { in: { hook: ['out'] } } },
  reply: { type: 'weft.utils.http.Response', x: 680, y: 160, source: { in: { greet: ['out'] } },
    config: { transform: { in: { greet: { out: { type: 'json2new', lambda: { status: 200, body: '{{{$.greet.out}}}' } } } } } } },
};

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test('a builder pins a real webhook call, maps a Set from it with a chip, and test-runs without calling the webhook', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const auth = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, { headers: auth, data: { name: 'Orders', flow: ORDERS } });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };

  // A real customer calls the webhook once, with fields the Webhook's schema knows nothing about.
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers: auth })).status()).toBe(200);
  const call = await request.post(`${weft.url}/flows/${flowId}/components/hook`, { data: { customer: { name: 'Ada', tier: 'gold' }, total: 42 } });
  expect(call.status()).toBe(200);
  expect((await request.post(`${weft.url}/flows/${flowId}/stop`, { headers: auth })).status()).toBe(200);

  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);
  // Icons by type, not first letters: on the nodes and in the palette.
  await expect(node(page, 'hook').locator('svg[data-icon="webhook"]')).toBeVisible();
  await expect(node(page, 'greet').locator('svg[data-icon="square-pen"]')).toBeVisible();
  await expect(page.locator('.wd-palette__item[data-type="weft.utils.http.Response"] svg[data-icon="reply"]')).toBeVisible();

  // The inspector is too narrow for JSON: drag its handle 160 px to the left.
  await node(page, 'hook').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.locator('.wd-inspector__header svg[data-icon="webhook"]')).toBeVisible();
  const handle = page.getByRole('separator', { name: 'Inspector width' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 160, box.y + 200, { steps: 8 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 160));
  expect((await inspector.boundingBox())!.width).toBeGreaterThan(before + 140);

  // Pin the last real call: one click fetches it from the logs, one more pins it.
  await inspector.getByText('Pinned sample data').click();
  await inspector.getByRole('button', { name: 'Use the last real call' }).click();
  await expect(inspector.getByLabel('Pinned output (JSON)')).toHaveValue(/"tier": "gold"/);
  await inspector.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(node(page, 'hook').getByRole('img', { name: 'Pinned sample data' })).toBeVisible();
  await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-webhook-call-pinned.png') });

  // The Set: the picker offers the pinned call's fields; the value shows the chosen one as a chip.
  await node(page, 'greet').click();
  await inspector.getByRole('button', { name: 'Add', exact: true }).click();
  await inspector.getByLabel('Key', { exact: true }).fill('hello');
  await inspector.getByRole('button', { name: 'Insert variable' }).click();
  const picker = page.getByRole('dialog', { name: 'Variables from earlier components' });
  await picker.getByRole('option', { name: /^name/ }).click();
  await expect(picker.getByRole('button', { name: 'Insert' })).toBeInViewport();
  await picker.getByRole('button', { name: 'Insert' }).click();
  const value = inspector.getByRole('textbox', { name: 'Value', exact: true });
  await expect(value).toHaveAttribute('data-value', '{{{$.hook.out.body.customer.name}}}');
  await expect(value.getByRole('img', { name: 'New order › out.body.customer.name' })).toBeVisible();
  // Text typed after the chip joins the template.
  await value.click();
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  await expect(value).toHaveAttribute('data-value', '{{{$.hook.out.body.customer.name}}}!');
  await expect.poll(async () => {
    const flow = ((await (await request.get(`${weft.url}/flows/${flowId}`, { headers: auth })).json()) as { flow: Record<string, { pinned?: unknown; config: { transform: Record<string, Record<string, Record<string, { lambda: unknown }>>> } }> }).flow;
    return [flow.hook?.pinned !== undefined, flow.greet?.config.transform.in?.hook?.out?.lambda];
  }).toEqual([true, { values: { hello: '{{{$.hook.out.body.customer.name}}}!' } }]);
  await page.screenshot({ path: screenshotPath('designer-set-value-chip.png') });

  // Test run: the dialog starts from the pinned call, and the Set's output shows it went through.
  await page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Test run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test run' });
  await expect(dialog.getByLabel('Sample data (JSON)')).toHaveValue(/"name": "Ada"/);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(node(page, 'greet').getByRole('img', { name: /Test data: 1 in, 1 out/ })).toBeVisible({ timeout: 15_000 });
  await node(page, 'greet').click();
  await inspector.getByRole('tab', { name: 'Test data' }).click();
  // What came in (the mapped values) and what the Set sent: its output is the greeting built from the pin.
  await expect(inspector.getByText('{ "hello": "Ada!" }', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-test-run-from-pinned-data.png') });
});
