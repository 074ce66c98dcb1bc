import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

type Component = { type: string; label?: string; source: Record<string, unknown>; config: { properties: Record<string, unknown>; transform: Record<string, unknown> } };

/** The README's Greeter flow: Webhook → Condition (age >= 18) → Set → Response. */
const GREETER = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  adult: { type: 'weft.utils.controls.Condition', x: 200, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: {
      expression: { AND: [{ OR: [{ field: '{{{$.hook.out.body.age}}}', operator: '>=', value: 18 }] }] } } } } } } } },
  greet: { type: 'weft.utils.transform.Set', x: 400, y: 0, source: { in: { adult: ['true'] } },
    config: { transform: { in: { adult: { true: { type: 'json2new', lambda: {
      values: { greeting: 'Hello {{{$.hook.out.body.name | trim | upper}}}' } } } } } } } },
  reply: { type: 'weft.utils.http.Response', x: 600, y: 0, source: { in: { greet: ['out'] } },
    config: { transform: { in: { greet: { out: { type: 'json2new', lambda: { body: '{{{$.greet.out}}}' } } } } } } },
};

test('a builder copies and pastes a configured Set, and the original keeps its mapping', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const auth = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, { headers: auth, data: { name: 'Greeter', flow: GREETER } });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  const savedFlow = async () => ((await (await request.get(`${weft.url}/flows/${flowId}`, { headers: auth })).json()) as { flow: Record<string, Component> }).flow;
  const original = (await savedFlow()).greet!;

  // Copy and paste go through the system clipboard, as in a person's browser.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: weft.url });
  await openStudio(page, weft, account, `#/flows/${flowId}/designer`);
  const sets = page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: /^Set$/ }) });
  await expect(sets).toHaveCount(1);
  await sets.first().click();
  const value = page.getByLabel('Value', { exact: true });
  await expect(value).toHaveAttribute('data-value', 'Hello {{{$.hook.out.body.name | trim | upper}}}');

  await page.keyboard.press('Control+C');
  await expect(page.getByText(/Copied 1 component/)).toBeAttached();
  await page.keyboard.press('Control+V');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();

  // The saved flow: the original is unchanged, the copy has the same settings under a fresh id.
  await expect.poll(async () => Object.keys(await savedFlow()).length).toBe(5);
  const flow = await savedFlow();
  expect(flow.greet?.config).toEqual(original.config);
  expect(flow.greet?.source).toEqual(original.source);
  const [copyId, copy] = Object.entries(flow).find(([id, c]) => id !== 'greet' && c.type === 'weft.utils.transform.Set')!;
  expect(copyId).not.toBe('greet');
  expect(copy.config.properties).toEqual(original.config.properties);
  // Pasted without its upstream, the copy has no edge but keeps its mapping (validation names the missing
  // source; the first edge connected to its input takes the mapping over).
  expect(copy.source).toEqual({});
  expect(copy.config.transform).toEqual(original.config.transform);
  // …under a name of its own.
  expect(copy.label).toBe('Set 2');
  await expect(page.locator('.wd-node__title', { hasText: /^Set 2$/ })).toBeVisible();

  // And in the inspector: the original still shows its mapping.
  const originalNode = page.locator('.react-flow__node[data-id="greet"]');
  await originalNode.click();
  await expect(value).toHaveAttribute('data-value', 'Hello {{{$.hook.out.body.name | trim | upper}}}');
  await page.screenshot({ path: screenshotPath('designer-set-pasted-original-kept.png') });

  // Undo takes the paste away and leaves the original as it was.
  await page.keyboard.press('Control+Z');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect.poll(async () => Object.keys(await savedFlow()).length).toBe(4);
  expect((await savedFlow()).greet?.config).toEqual(original.config);

  // Cut, then paste: the Set comes back as it was, wired to the Condition and the Response.
  const reply = flow.reply!;
  await originalNode.click();
  await page.keyboard.press('Control+X');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect.poll(async () => Object.keys(await savedFlow()).length).toBe(3);
  await page.locator('.react-flow__node[data-id="adult"]').click();
  await page.keyboard.press('Control+V');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect.poll(async () => (await savedFlow()).greet?.config).toEqual(original.config);
  const restored = await savedFlow();
  expect(restored.greet?.source).toEqual(original.source);
  expect(restored.reply?.source).toEqual(reply.source);
  expect(restored.reply?.config).toEqual(reply.config);
});
