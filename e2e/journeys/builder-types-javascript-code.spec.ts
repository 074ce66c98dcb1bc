import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

const CODE = 'async function run(input) { return { a: 1 }; }';

test('a builder types code into the JavaScript component, and no designer shortcut fires', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const auth = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, {
    headers: auth,
    data: { name: 'Code', flow: {
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      code: { type: 'weft.utils.code.JavaScript', x: 300, y: 0, source: { in: { hook: ['out'] } }, config: { properties: { code: '' } } },
    } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: weft.url });
  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);

  await page.locator('.react-flow__node[data-id="code"]').click();
  const editor = page.locator('.monaco-editor');
  await expect(editor).toBeVisible();
  const viewport = page.locator('.react-flow__viewport');
  const zoomBefore = await viewport.getAttribute('style');

  await editor.locator('.view-lines').click();
  await page.keyboard.type(CODE);
  // Ctrl+A, Ctrl+C and Ctrl+V inside the editor stay there: select all, copy, paste it over itself.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+A');

  const text = async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim();
  await expect.poll(text).toBe(CODE);
  await expect(page.getByRole('dialog', { name: /^Connect/ })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: /shortcuts|help/i })).toHaveCount(0);
  expect(await viewport.getAttribute('style')).toBe(zoomBefore);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.locator('.react-flow__node[data-id="hook"]')).not.toHaveClass(/selected/);
  await page.screenshot({ path: screenshotPath('designer-javascript-code-typed.png') });

  // What was typed is what is saved.
  await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();
  await expect.poll(async () => {
    const answer = await request.get(`${weft.url}/flows/${flowId}`, { headers: auth });
    const flow = ((await answer.json()) as { flow: Record<string, { config?: { properties?: { code?: unknown } } }> }).flow;
    return flow.code?.config?.properties?.code;
  }).toBe(CODE);
});
