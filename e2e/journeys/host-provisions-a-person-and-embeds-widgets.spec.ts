import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, screenshotPath, test } from '../support/fixtures.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, repoRoot, startEngine, type RunningEngine } from '../support/engine.ts';

/** Tokens the demo host mints live this long: the journey outlives several of them. */
const TOKEN_TTL_SECONDS = 4;

let engine: RunningEngine;
let demoHost: ChildProcess;
let demoOrigin: string;

test.beforeAll(async ({ request }) => {
  const port = await freePort();
  demoOrigin = `http://127.0.0.1:${port}`;
  engine = await startEngine({ corsOrigins: [demoOrigin] });
  // The operator makes a host key in the Backoffice API (`weft keys create` prints the same kind).
  const login = await request.post(`${engine.url}/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const { token } = (await login.json()) as { token: string };
  const made = await request.post(`${engine.url}/admin/host-keys`, { data: { name: 'Acme demo host', scopes: ['provision'] }, headers: { authorization: `Bearer ${token}` } });
  expect(made.status()).toBe(201);
  const { key } = (await made.json()) as { key: string };
  demoHost = spawn(process.execPath, [join(repoRoot, 'apps/demo-host/server.mjs')], {
    env: { ...process.env, WEFT_URL: engine.url, WEFT_HOST_KEY: key, DEMO_HOST_PORT: String(port), DEMO_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    demoHost.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('Demo host on')) resolve(); });
    demoHost.once('exit', (code) => reject(new Error(`the demo host exited with ${code}`)));
  });
});

test.afterAll(async () => {
  demoHost?.kill('SIGTERM');
  await engine?.stop();
});

test('a host provisions the person on its page and its widgets keep working across token expiries', async ({ page, request }) => {
  const bearers = new Set<string>();
  const refused: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== engine.url || url.pathname.startsWith('/sdk/')) return;
    const authorization = response.request().headers().authorization;
    if (authorization) bearers.add(authorization);
    if (response.status() === 401) refused.push(url.pathname);
  });

  await page.goto(`${demoOrigin}/`);
  await expect(page.locator('#who')).toHaveText(/^Signed in to Acme as Acme person/);
  const html = await page.content();
  expect(html).not.toContain('wk_');
  expect(html).not.toMatch(/password/i);

  const flows = page.locator('#flows-slot');
  await flows.getByRole('button', { name: 'New flow' }).first().click();
  await flows.getByRole('dialog').getByLabel('Name').fill('Welcome e-mail');
  await flows.getByRole('dialog').getByRole('button', { name: 'New flow' }).click();
  await expect(flows.getByRole('button', { name: 'Open Welcome e-mail in the designer' })).toBeVisible();

  // The first token expires while the person looks at the list.
  await page.waitForTimeout((TOKEN_TTL_SECONDS + 1) * 1000);
  await flows.getByRole('button', { name: 'Open Welcome e-mail in the designer' }).click();
  const designer = page.locator('#designer-slot');
  await expect(designer.getByRole('application', { name: 'Flow designer' })).toBeVisible();
  await expect(designer.locator('.wd-palette__item').first()).toBeVisible();

  // And another one while the designer is open: closing it reloads the list with a fresh token.
  await page.waitForTimeout((TOKEN_TTL_SECONDS + 1) * 1000);
  await page.locator('#designer-close').click();
  await flows.getByRole('button', { name: 'New flow' }).first().click();
  await flows.getByRole('dialog').getByLabel('Name').fill('Invoice reminder');
  await flows.getByRole('dialog').getByRole('button', { name: 'New flow' }).click();
  await expect(flows.getByRole('button', { name: 'Open Invoice reminder in the designer' })).toBeVisible();
  await expect(page.locator('#who')).toHaveText(/^Signed in to Acme as Acme person/);

  const stats = (await (await request.get(`${demoOrigin}/api/stats`)).json()) as { minted: number };
  expect(stats.minted, 'the host minted a new token as each one neared its end').toBeGreaterThanOrEqual(3);
  expect(bearers.size, 'the widgets used each new token').toBeGreaterThanOrEqual(3);
  expect(refused, 'no call was refused: tokens were renewed before they expired').toEqual([]);
  await page.screenshot({ path: screenshotPath('host-provisioned-person-after-token-expiry.png'), fullPage: true });
});
