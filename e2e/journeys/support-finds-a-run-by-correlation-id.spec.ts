import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

// Ids as the designer makes them: they say nothing to a person, so no message may show them.
const HOOK_ID = '50ce0a13-4c1e-4d0c-9a8e-3f5e2b7c9d10';
const SET_ID = '7e44868b-2a4f-4f7e-8b8e-1c2d3e4f5a6b';

test('support pastes the correlation id of a failed call into insights and sees that run, the failing Set named by its label', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const headers = { authorization: `Bearer ${account.token}` };
  // The Set reads the caller's text as JSON: a caller who sends anything else makes it fail.
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: 'Orders',
      flow: {
        [HOOK_ID]: { type: 'weft.utils.http.Webhook', label: 'Order arrives', x: 0, y: 0 },
        [SET_ID]: {
          type: 'weft.utils.transform.Set', label: 'Read order', x: 300, y: 0,
          source: { in: { [HOOK_ID]: ['out'] } },
          config: { properties: {}, transform: { in: { [HOOK_ID]: { out: { type: 'json2new', lambda: { values: { order: `{{{$.${HOOK_ID}.out.body.text | jsonParse}}}` } } } } } } },
        },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers })).status()).toBe(200);

  // The customer's call fails; the 500 names the Set as its owner labelled it, and gives the correlation id.
  const call = await request.post(`${weft.url}/flows/${flowId}/components/${HOOK_ID}`, { data: { text: 'not json' } });
  expect(call.status()).toBe(500);
  const { error } = (await call.json()) as { error: { message: string; correlationId: string; componentId: string } };
  expect(error.message).toContain('The flow failed at "Read order"');
  expect(error.message).not.toContain(SET_ID);
  expect(error.componentId).toBe(SET_ID);
  const { correlationId } = error;

  // The owner's unprocessed messages file it under the Set, by its label.
  await openStudio(page, weft, account, `#/flows/${encodeURIComponent(flowId)}/logs`);
  await page.getByRole('tab', { name: 'Unprocessed messages' }).click();
  const parked = page.getByRole('region', { name: 'Unprocessed messages' }).getByRole('listitem');
  await expect(parked).toHaveCount(1);
  await expect(parked.locator('strong')).toHaveText('Read order');
  await expect(parked).toContainText('The mapping into "Read order"');

  // Support pastes the correlation id from the caller's e-mail into the search box: that run, oldest first.
  await page.goto(`${weft.url}/#/logs`);
  await page.getByLabel('Search payloads and errors').fill(correlationId);
  const run = page.getByRole('region', { name: 'Correlation' });
  await expect(run.getByRole('heading', { name: new RegExp(`Correlation ${correlationId}: \\d+ records`) })).toBeVisible();
  await expect(page.getByLabel('Run (correlation id)')).toHaveValue(correlationId);
  const components = run.getByRole('gridcell').and(run.locator('.weft-il__cell--component'));
  await expect(components.first()).toHaveText('Order arrives');
  await expect(components.last()).toHaveText('Read order');
  await expect(run.getByRole('row').filter({ hasText: 'Read order' }).last()).toContainText('not valid JSON');

  // The component filter takes a label too, suggesting as one types.
  const component = page.getByRole('combobox', { name: 'Component' });
  await component.fill('read');
  await expect(page.getByRole('listbox', { name: 'Components of your flows' }).getByRole('option', { name: /Read order/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('insights-run-found-by-correlation-id.png') });
});
