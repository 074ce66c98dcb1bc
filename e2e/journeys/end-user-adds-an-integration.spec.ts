/**
 * On a customer's page (another origin) that embeds the SDK, an end user adds an integration from
 * the catalogue: connects an account from the wizard, answers its questions (one shows only after a
 * toggle), and sees the first run succeed after the page's app reports `deal.won`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, repoRoot, startEngine } from '../support/engine.ts';
import { expect, screenshotPath, test } from '../support/fixtures.ts';
import { serveFolder } from '../support/static-host.ts';

interface CrmCall {
  authorization: string | undefined;
  channel: string | undefined;
  body: unknown;
}

const read = (incoming: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  incoming.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  incoming.on('end', () => resolve(text));
});

test('an end user adds an integration from the catalogue, connects an account, answers the wizard and sees its first run succeed after an app event', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Acme's CRM API: it accepts only the token the person connects in the wizard.
  const calls: CrmCall[] = [];
  const crm: Server = createServer((incoming, answer) => {
    void read(incoming).then((text) => {
      calls.push({ authorization: incoming.headers.authorization, channel: incoming.headers['x-channel'] as string | undefined, body: text ? JSON.parse(text) as unknown : undefined });
      const ok = incoming.headers.authorization === 'Bearer crm-token-123';
      answer.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      answer.end(JSON.stringify(ok ? { stored: true } : { error: 'bad token' }));
    });
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  const crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
  let engineUrl = '';
  const host = await serveFolder(join(repoRoot, 'apps', 'demo-host'), {
    html: (text) => text.replace('<head>', `<head>\n  <meta name="weft-engine" content="${engineUrl}" />`),
  });
  // The CRM lives on 127.0.0.1, so this engine may reach private addresses.
  const engine = await startEngine({ corsOrigins: [host.origin], env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_RETRY_BASE_MS: '20' } });
  engineUrl = engine.url;
  try {
    // The operator publishes a template: on deal.won, post the deal to the CRM with the person's account.
    const login = await request.post(`${engine.url}/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expect(login.status(), await login.text()).toBe(200);
    const { token: adminToken } = (await login.json()) as { token: string };
    const template = await request.post(`${engine.url}/templates`, {
      headers: { authorization: `Bearer ${adminToken}` },
      data: {
        name: 'Won deals to the CRM', description: 'Each deal marked as won is filed in your CRM.', category: 'Sales', tags: ['crm'],
        flow: {
          won: { type: 'weft.utils.app.AppEvent', label: 'Deal won', x: 0, y: 0, config: { properties: { event: 'deal.won' } } },
          file: {
            type: 'weft.utils.http.Request', label: 'File in CRM', x: 300, y: 0, source: { in: { won: ['out'] } },
            config: { transform: { in: { won: { out: { type: 'json2new', lambda: { method: 'POST', url: `${crmUrl}/deals`, body: '{{{$.won.out.data}}}' } } } } } },
          },
        },
        wizard: {
          fields: [
            { id: 'account', type: 'account', label: 'CRM account', required: true, bind: [{ componentId: 'file', path: 'config.properties.account' }] },
            { id: 'announce', type: 'toggle', label: 'Announce in a channel', defaultValue: false, bind: [{ componentId: 'file', path: 'config.transform.in.won.out.lambda.headers.x-announce' }] },
            {
              id: 'channel', type: 'select', label: 'Channel', required: true, when: { eq: { announce: true } },
              options: [{ label: '#sales', value: 'sales' }, { label: '#general', value: 'general' }],
              bind: [{ componentId: 'file', path: 'config.transform.in.won.out.lambda.headers.x-channel' }],
            },
          ],
        },
      },
    });
    expect(template.status(), await template.text()).toBe(201);

    await page.goto(`${host.origin}/`);
    await expect(page.locator('#who')).toHaveText(/^Signed in as demo-/);
    const hostLogs: string[] = [];
    page.on('console', (message) => hostLogs.push(message.text()));
    const integrations = page.locator('#integrations-slot');
    await expect(integrations.getByText('No integrations yet. Add one from the catalogue below.')).toBeVisible();
    await integrations.getByLabel('Search integrations').fill('crm');
    await integrations.getByRole('button', { name: 'Add Won deals to the CRM' }).click();

    const wizard = integrations.getByRole('dialog', { name: 'Add Won deals to the CRM' });
    await expect(wizard.getByLabel('CRM account *')).toBeVisible();
    await expect(wizard.getByLabel('Channel *')).toHaveCount(0);
    // Nothing answered yet: the wizard says what is missing and sends nothing.
    await wizard.getByRole('button', { name: 'Add integration' }).click();
    await expect(wizard.getByText('An answer is required.')).toBeVisible();

    await wizard.getByRole('button', { name: 'Connect an account' }).click();
    const connect = integrations.getByRole('dialog', { name: 'Connect an account for “CRM account”' });
    await connect.getByLabel('Kind of account').selectOption({ label: 'Bearer token' });
    await connect.getByLabel('Account name').fill('Acme CRM');
    await connect.getByLabel('Token').fill('crm-token-123');
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(connect).toHaveCount(0);
    await expect(wizard.getByLabel('CRM account *').locator('option:checked')).toHaveText('Acme CRM');

    await wizard.getByLabel('Announce in a channel').check();
    await wizard.getByLabel('Channel *').selectOption({ label: '#sales' });
    await page.screenshot({ path: screenshotPath('integrations-wizard-answered.png') });
    await wizard.getByRole('button', { name: 'Add integration' }).click();
    await expect(wizard).toHaveCount(0);
    await expect(integrations.getByText('“Won deals to the CRM” is set up and running.')).toBeVisible();
    await expect.poll(() => hostLogs).toContain('[acme] integration added: Won deals to the CRM');
    const row = integrations.getByRole('row').filter({ has: page.getByRole('group', { name: 'Actions for Won deals to the CRM' }) });
    await expect(row.getByText('Active')).toBeVisible();
    await expect(row.getByText('Not run yet')).toBeVisible();
    // The account connected in the wizard is one of the person's accounts, listed by the page's Accounts widget.
    await expect(page.locator('#accounts-slot').getByText('Acme CRM')).toBeVisible();
    // The flow manager on the same page lists the integration's flow.
    await expect(page.locator('#flows-slot').getByRole('button', { name: 'Open Won deals to the CRM in the designer' })).toBeVisible();

    // Acme's CRM reports a won deal: the integration runs and files it with the connected account.
    await page.locator('#deal-won').click();
    await expect(page.locator('#deal-status')).toHaveText('deal.won started 1 run(s)');
    await expect.poll(() => calls.length, { timeout: 15_000 }).toBe(1);
    expect(calls[0]).toEqual({ authorization: 'Bearer crm-token-123', channel: 'sales', body: { deal: 'ACME-42', amount: 1200, owner: 'ada@acme.example' } });
    await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('integrations-first-run-succeeded.png'), fullPage: true });
  } finally {
    await engine.stop();
    await host.close();
    await new Promise((resolve) => crm.close(resolve));
  }
});
