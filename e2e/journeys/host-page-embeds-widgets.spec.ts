import type { Locator } from '@playwright/test';
import { expect, screenshotPath, test } from '../support/fixtures.ts';

const style = (locator: Locator, property: string) =>
  locator.evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);

/** Inherited properties: what the hostile demo host sets on a widget's slot, and what the widget shows instead. */
const INHERITED: [property: string, hostile: string, reset: string][] = [
  ['letter-spacing', '0.64px', 'normal'],
  ['word-spacing', '8px', '0px'],
  ['line-height', '35.2px', '19.6px'],
  ['text-transform', 'uppercase', 'none'],
  ['text-indent', '12px', '0px'],
  ['font-style', 'italic', 'normal'],
  ['font-variant-caps', 'small-caps', 'normal'],
  ['text-align', 'right', 'left'],
  ['direction', 'rtl', 'ltr'],
  ['visibility', 'hidden', 'visible'],
  ['cursor', 'wait', 'auto'],
  ['white-space', 'pre', 'normal'],
  ['color', 'rgb(176, 0, 0)', 'rgb(29, 35, 48)'],
];

test('a customer page on another origin embeds the flow manager, designer and logs without CSS leaking either way', async ({ page, weft, request }) => {
  // Every call from the host page to the engine: the SDK must send the bearer token, never a cookie.
  const apiCalls: { method: string; path: string; authorization?: string; cookie?: string; allowOrigin?: string }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== weft.url || url.pathname.startsWith('/sdk/')) return;
    const headers = response.request().headers();
    apiCalls.push({
      method: response.request().method(),
      path: url.pathname,
      ...(headers.authorization ? { authorization: headers.authorization } : {}),
      ...(headers.cookie ? { cookie: headers.cookie } : {}),
      ...(response.headers()['access-control-allow-origin'] ? { allowOrigin: response.headers()['access-control-allow-origin'] } : {}),
    });
  });

  await page.goto(`${weft.hostOrigin}/`);
  expect(new URL(page.url()).origin).not.toBe(weft.url);
  await expect(page.locator('#who')).toHaveText(/^Signed in as demo-/);

  const flows = page.locator('#flows-slot');
  await flows.getByRole('button', { name: 'New flow' }).first().click();
  await flows.getByRole('dialog').getByLabel('Name').fill('Lead intake');
  await flows.getByRole('dialog').getByRole('button', { name: 'New flow' }).click();
  await expect(flows.getByRole('button', { name: 'Open Lead intake in the designer' })).toBeVisible();

  // Host CSS does not leak in: `* { font-family: Georgia, serif !important }` and hotpink buttons stop at the shadow root.
  const hostButton = page.locator('#designer-close');
  const widgetButton = flows.getByRole('button', { name: 'New flow' }).first();
  expect(await style(hostButton, 'background-color')).toBe('rgb(255, 105, 180)');
  expect(await style(page.locator('h1'), 'font-family')).toContain('Georgia');
  expect(await style(widgetButton, 'font-family')).not.toContain('Georgia');
  expect(await style(widgetButton, 'background-color')).not.toBe('rgb(255, 105, 180)');
  expect(await style(widgetButton, 'text-transform')).toBe('none');
  // …while the documented custom property does theme it (`#flows-slot { --weft-color-accent: #7a3cc2 }`).
  expect(await style(widgetButton, 'background-color')).toBe('rgb(122, 60, 194)');
  // Inherited properties the host sets on the element a widget mounts into (and on `*`) do not reach inside either.
  const slot = page.locator('#flows-slot');
  const root = flows.locator('.weft-root').first();
  const cell = flows.getByRole('cell').first();
  for (const [property, hostile, reset] of INHERITED) {
    expect(await style(slot, property), `the host sets ${property}`).toBe(hostile);
    expect(await style(root, property), `${property} at the widget's root`).toBe(reset);
    if (property !== 'color' && property !== 'text-align') expect(await style(cell, property), `${property} in a table cell`).toBe(reset);
  }
  // Widget CSS does not leak out: the page has only its own stylesheet, the widgets' live in their shadow roots.
  expect(await page.evaluate(() => document.styleSheets.length + document.adoptedStyleSheets.length)).toBe(1);
  expect(await style(page.locator('body'), 'background-color')).toBe('rgb(255, 248, 231)');

  // flow:open → the host opens the designer in its own <dialog>.
  await flows.getByRole('button', { name: 'Open Lead intake in the designer' }).click();
  const dialog = page.locator('#designer-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.locator('#designer-title')).toHaveText('Designer: Lead intake');
  const designer = page.locator('#designer-slot');
  await expect(designer.getByRole('application', { name: 'Flow designer' })).toBeVisible();
  await expect(designer.locator('.wd-palette__item').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('host-page-designer-in-modal.png') });

  // A webhook added on the customer's page answers at the engine's address, not the page's, and the
  // host hears of it (webhook:url; the demo host logs it).
  const hostLogs: string[] = [];
  page.on('console', (message) => hostLogs.push(message.text()));
  await designer.getByRole('option', { name: 'Webhook' }).press('Enter');
  const hookUrl = designer.getByRole('textbox', { name: 'Webhook URL' });
  await expect(hookUrl).toHaveValue(new RegExp(`^${weft.url}/flows/[\\w-]+/components/[\\w-]+$`));
  const shownUrl = await hookUrl.inputValue();
  await expect.poll(() => hostLogs).toContain(`[acme] webhook URL of Webhook: ${shownUrl}`);
  await page.locator('#designer-close').click();
  await expect(dialog).toBeHidden();

  // flow:insights → the host shows that flow's logs below.
  await flows.getByRole('button', { name: 'Show logs of Lead intake' }).first().click();
  await expect(page.locator('#logs-title')).toHaveText('Logs: Lead intake');
  const logs = page.locator('#logs-slot');
  await expect(logs.getByLabel('Search payloads and errors')).toBeVisible();
  await expect(logs.getByText('No records in this range')).toBeVisible();

  const api = apiCalls.filter((call) => call.method !== 'OPTIONS');
  expect(api.map((call) => call.path)).toEqual(expect.arrayContaining(['/auth/signup', '/flows']));
  for (const call of api) {
    expect(call.cookie, `${call.method} ${call.path} sent a cookie`).toBeUndefined();
    expect(call.allowOrigin, `${call.method} ${call.path} had no CORS answer`).toBe(weft.hostOrigin);
    if (!call.path.startsWith('/auth/')) expect(call.authorization, `${call.method} ${call.path}`).toMatch(/^Bearer \S+/);
  }
  // The browser's preflight (not visible to page events) allows the Authorization header, without credentials;
  // an origin not listed in WEFT_CORS_ORIGINS gets no CORS answer at all.
  const preflight = (origin: string) => request.fetch(`${weft.url}/flows`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  const allowed = (await preflight(weft.hostOrigin)).headers();
  expect(allowed['access-control-allow-origin']).toBe(weft.hostOrigin);
  expect(allowed['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
  expect(allowed['access-control-allow-credentials']).toBeUndefined();
  expect((await preflight('http://evil.example')).headers()['access-control-allow-origin']).toBeUndefined();
  await page.screenshot({ path: screenshotPath('host-page-flows-and-logs.png'), fullPage: true });
});

test('the demo host on the engine\'s own origin loads the SDK from there only, whatever the address says', async ({ page, weft }) => {
  // It used to load `<engine>/sdk/weft.js` from `?engine=`: anyone's script, on Weft's origin.
  const elsewhere: string[] = [];
  page.on('request', (sent) => {
    if (new URL(sent.url()).origin !== weft.url) elsewhere.push(sent.url());
  });
  const answer = await page.goto(`${weft.url}/demo-host/?engine=${encodeURIComponent(weft.hostOrigin)}`);
  expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.locator('#who')).toHaveText(/^Signed in as demo-/);
  await expect(page.locator('#flows-slot').getByRole('button', { name: 'New flow' }).first()).toBeVisible();
  expect(elsewhere).toEqual([]);
});
