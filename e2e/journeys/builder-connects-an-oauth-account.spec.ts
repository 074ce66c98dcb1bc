/**
 * On a customer's page (another origin) that embeds the SDK, a builder connects an OAuth 2 account
 * through the popup from the designer's Request inspector, the flow calls a local API that checks the
 * bearer token, then the provider revokes the grant: the account shows invalid in the embedded
 * Accounts widget and the message is parked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { OAuth2Server } from 'oauth2-mock-server';
import { repoRoot, startEngine } from '../support/engine.ts';
import { expect, screenshotPath, test } from '../support/fixtures.ts';
import { serveFolder } from '../support/static-host.ts';

function node(page: Page, title: string) {
  return page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: title }) });
}

test('a builder connects an OAuth account in the embedded designer, a Request uses it, and a revoked grant marks it invalid and parks the message', async ({ page, request }) => {
  test.setTimeout(120_000);
  // The provider: refresh tokens work once and can all be revoked; the API accepts the access tokens it issued.
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  const providerUrl = provider.issuer.url!;
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  provider.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, sent: { body: Record<string, string> }) => {
    if (sent.body.grant_type === 'refresh_token' && !refreshTokens.delete(sent.body.refresh_token ?? '')) {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'the grant was revoked' };
      return;
    }
    response.body.expires_in = 3600;
    if (typeof response.body.access_token === 'string') accessTokens.add(response.body.access_token);
    if (typeof response.body.refresh_token === 'string') refreshTokens.add(response.body.refresh_token);
  });
  const api: Server = createServer((incoming, answer) => {
    const token = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
    const ok = token !== undefined && accessTokens.has(token);
    answer.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    answer.end(JSON.stringify(ok ? { hello: 'johndoe' } : { error: 'invalid token' }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  // The customer's page on its own origin; the provider and the API live on 127.0.0.1, so this
  // engine may reach private addresses.
  let engineUrl = '';
  const host = await serveFolder(join(repoRoot, 'apps', 'demo-host'), {
    html: (text) => text.replace('<head>', `<head>\n  <meta name="weft-engine" content="${engineUrl}" />`),
  });
  const engine = await startEngine({ corsOrigins: [host.origin], env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_RETRY_BASE_MS: '20', WEFT_WEBHOOK_TIMEOUT_MS: '20000' } });
  engineUrl = engine.url;
  const weft = { url: engine.url };
  try {
    await page.goto(`${host.origin}/`);
    await expect(page.locator('#who')).toHaveText(/^Signed in as demo-/);
    const token = await page.evaluate(() => (window as unknown as { acme: { weft: { get(key: string): string } } }).acme.weft.get('accessToken'));
    const headers = { authorization: `Bearer ${token}` };
    const created = await request.post(`${weft.url}/flows`, {
      headers,
      data: {
        name: 'Profile lookup',
        flow: {
          hook: { type: 'weft.utils.http.Webhook', label: 'Lookup', x: 0, y: 0 },
          me: {
            type: 'weft.utils.http.Request', label: 'Fetch profile', x: 300, y: 0, source: { in: { hook: ['out'] } },
            config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { url: `${apiUrl}/me` } } } } } },
          },
          reply: {
            type: 'weft.utils.http.Response', label: 'Answer', x: 600, y: 0, source: { in: { me: ['out'] } },
            config: { transform: { in: { me: { out: { type: 'json2new', lambda: { body: '{{{$.me.out.body}}}' } } } } } },
          },
        },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { flowId } = (await created.json()) as { flowId: string };

    // In the designer the page opens: the Request's account picker → Connect new… → OAuth 2 → the provider's popup.
    const flows = page.locator('#flows-slot');
    await page.evaluate(() => (window as unknown as { acme: { flows: { reload(): void } } }).acme.flows.reload());
    await flows.getByRole('button', { name: 'Open Profile lookup in the designer' }).click();
    await expect(page.locator('#designer-dialog')).toBeVisible();
    await node(page, 'Fetch profile').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const picker = inspector.getByLabel('Account', { exact: true });
    await expect(picker.getByRole('option', { name: 'Connect new…' })).toBeAttached();
    await picker.selectOption({ label: 'Connect new…' });
    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    await dialog.getByLabel('Kind of account').selectOption({ label: 'OAuth 2 (sign in with the provider)' });
    await dialog.getByLabel('Account name').fill('Provider');
    await dialog.getByLabel('Authorization URL').fill(`${providerUrl}/authorize`);
    await dialog.getByLabel('Token URL').fill(`${providerUrl}/token`);
    await dialog.getByLabel('Client ID').fill('weft-e2e');
    await dialog.getByLabel('Scopes (separated by spaces) (optional)').fill('profile');
    await page.screenshot({ path: screenshotPath('designer-connect-oauth-account.png') });
    const [popup] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Sign in' }).click()]);
    // The provider signs the user in at once and sends the popup to Weft's callback, which posts to
    // this page's origin (the designer accepts it from the engine's origin only) and closes.
    await popup.waitForEvent('close');
    await expect(dialog).toBeHidden();
    await expect(picker.locator('option:checked')).toHaveText(/^Provider/);
    await expect(page.getByText('All changes saved').or(page.getByText('Saved', { exact: true }))).toBeVisible();
    // Saved with the flow: the Request names the new account.
    const accountOf = async () => {
      const saved = (await (await request.get(`${weft.url}/flows/${flowId}`, { headers })).json()) as { flow: Record<string, { config?: { properties?: { account?: string } } }> };
      return saved.flow.me?.config?.properties?.account ?? '';
    };
    await expect.poll(accountOf).toMatch(/^acc_/);

    // Started, the flow calls the API with the account's bearer token.
    await page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Stop' })).toBeVisible();
    const call = () => request.post(`${weft.url}/flows/${flowId}/components/hook`, { data: {}, timeout: 30_000 });
    const ok = await call();
    expect(ok.status(), await ok.text()).toBe(200);
    expect(await ok.json()).toEqual({ hello: 'johndoe' });

    // The provider revokes the grant: the API refuses the token, the refresh is refused for good.
    accessTokens.clear();
    refreshTokens.clear();
    expect((await call()).status()).toBe(500);
    const parked = await request.get(`${weft.url}/unprocessed-messages?flowId=${flowId}`, { headers });
    const items = ((await parked.json()) as { items: { error: { code: string; message: string } }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.error.code).toBe('account.invalid');
    expect(items[0]!.error.message).toContain('"Provider"');

    // The page's Accounts widget shows it invalid, with the reason, and tells the page.
    const hostLogs: string[] = [];
    page.on('console', (message) => hostLogs.push(message.text()));
    await page.locator('#designer-close').click();
    const accounts = page.locator('#accounts-slot');
    await page.evaluate(() => (window as unknown as { acme: { accounts: { reload(): void } } }).acme.accounts.reload());
    const row = accounts.getByRole('row', { name: /Provider/ });
    await expect(row.getByText('Invalid', { exact: true })).toBeVisible();
    await expect(row).toContainText('invalid_grant');
    await expect(row.getByRole('button', { name: 'Reconnect' })).toBeVisible();
    await expect.poll(() => hostLogs).toContain('[acme] account needs reconnecting: Provider');
    await accounts.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('accounts-oauth-account-invalid.png') });
  } finally {
    await engine.stop();
    await host.close();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    await provider.stop();
  }
});
