import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

/** The README's Greeter flow: Webhook → Condition (age >= 18) → Set → Response. */
const GREETER = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  adult: { type: 'weft.utils.controls.Condition', x: 220, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: {
      expression: { AND: [{ OR: [{ field: '{{{$.hook.out.body.age}}}', operator: '>=', value: 18 }] }] } } } } } } } },
  greet: { type: 'weft.utils.transform.Set', x: 440, y: 0, source: { in: { adult: ['true'] } },
    config: { transform: { in: { adult: { true: { type: 'json2new', lambda: {
      values: { greeting: 'Hello {{{$.hook.out.body.name | trim | upper}}}' } } } } } } } },
  reply: { type: 'weft.utils.http.Response', x: 660, y: 0, source: { in: { greet: ['out'] } },
    config: { transform: { in: { greet: { out: { type: 'json2new', lambda: { body: '{{{$.greet.out}}}' } } } } } } },
};

test('a builder edits a running flow, publishes it, then restores and republishes the first version', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const auth = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, { headers: auth, data: { name: 'Greeter', flow: GREETER } });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  // Start publishes the draft as version 1, then runs it.
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers: auth })).status()).toBe(200);
  const greet = async () => {
    const answer = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: ' ada ', age: 36 }) });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { greeting: string }).greeting;
  };
  expect(await greet()).toBe('Hello ADA');

  // Edit the running flow in the designer: the draft changes, what runs does not.
  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);
  const toolbar = page.getByRole('toolbar', { name: 'Designer tools' });
  await expect(toolbar.getByText('Published v1')).toBeVisible();
  await page.locator('.react-flow__node[data-id="greet"]').click();
  const value = page.getByLabel('Value', { exact: true });
  await expect(value).toHaveAttribute('data-value', 'Hello {{{$.hook.out.body.name | trim | upper}}}');
  // The field shows the variable as a chip; the word before it is plain text, edited with the keyboard.
  await value.click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Hello'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('Howdy');
  await expect(value).toHaveAttribute('data-value', 'Howdy {{{$.hook.out.body.name | trim | upper}}}');
  await expect(toolbar.getByText('Draft — unpublished changes')).toBeVisible();
  await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();
  expect(await greet()).toBe('Hello ADA');

  // Publish, from the keyboard: the running flow switches to the new version.
  const publish = toolbar.getByRole('button', { name: 'Publish' });
  await publish.focus();
  await page.keyboard.press('Enter');
  await expect(toolbar.getByText('Published v2')).toBeVisible();
  await expect(publish).toBeDisabled();
  expect(await greet()).toBe('Howdy ADA');

  // History: v1 compared with the draft names the Set and the setting that changed, and marks it on the canvas.
  await toolbar.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'Published versions' });
  await expect(history.getByRole('button', { name: /^v2.*running/ })).toBeVisible();
  await history.getByRole('button', { name: /^v1/ }).click();
  const changed = history.getByRole('region', { name: 'Changed in the draft' });
  await expect(changed).toContainText('Set — changed: Values');
  await expect(page.locator('.wd-node[data-diff="changed"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__node[data-id="greet"] .wd-node')).toHaveAttribute('data-diff', 'changed');
  await page.screenshot({ path: screenshotPath('designer-history-diff.png') });

  // Restore v1 (asked first): the draft goes back, what runs stays v2 until Publish.
  await history.getByRole('button', { name: 'Restore v1' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore v1' });
  await expect(confirm).toContainText('What runs does not change until you publish.');
  await confirm.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(toolbar.getByText('Draft — unpublished changes')).toBeVisible();
  await expect(history.getByText('The draft is the same as v1.')).toBeVisible();
  expect(await greet()).toBe('Howdy ADA');
  await page.locator('.react-flow__node[data-id="greet"]').click();
  await expect(value).toHaveAttribute('data-value', 'Hello {{{$.hook.out.body.name | trim | upper}}}');

  await publish.click();
  await expect(toolbar.getByText('Published v3')).toBeVisible();
  expect(await greet()).toBe('Hello ADA');
  await expect(history.getByRole('button', { name: /^v3.*running/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-history-restored-v1-published.png') });

  // The API keeps every version, newest first.
  const versions = (await (await request.get(`${weft.url}/flows/${flowId}/versions`, { headers: auth })).json()) as { items: { version: number; publishedBy: string }[] };
  expect(versions.items.map((v) => v.version)).toEqual([3, 2, 1]);
  expect(versions.items.every((v) => v.publishedBy === account.email)).toBe(true);
});
