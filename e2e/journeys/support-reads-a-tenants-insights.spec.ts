import type { APIRequestContext } from '@playwright/test';
import { expect, openStudio, screenshotPath, test, type Weft } from '../support/fixtures.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, SUPPORT_EMAIL, SUPPORT_PASSWORD } from '../support/engine.ts';

const HOOK = 'hook';
const ANSWER = 'answer';

/** A tenant of the host with one user, provisioned through the host API as a host's backend does; answers the user's token. */
async function provision(request: APIRequestContext, weft: Weft, key: string, tenant: string, user: string): Promise<string> {
  const headers = { authorization: `Bearer ${key}` };
  expect((await request.put(`${weft.url}/host/tenants/${tenant}`, { headers, data: { name: tenant === 'acme' ? 'Acme Corp' : 'Beta Ltd' } })).ok()).toBe(true);
  expect((await request.put(`${weft.url}/host/tenants/${tenant}/users/${user}`, { headers, data: { role: 'owner', name: user } })).ok()).toBe(true);
  const minted = await request.post(`${weft.url}/host/tenants/${tenant}/users/${user}/tokens`, { headers, data: {} });
  expect(minted.status()).toBe(201);
  return ((await minted.json()) as { token: string }).token;
}

/** The user's started webhook → Response flow, called once with `order`. */
async function runOrder(request: APIRequestContext, weft: Weft, token: string, order: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: `Orders of ${order}`,
      flow: {
        [HOOK]: { type: 'weft.utils.http.Webhook', label: 'Order arrives', x: 0, y: 0 },
        [ANSWER]: { type: 'weft.utils.http.Response', label: 'Answer', x: 300, y: 0, source: { in: { [HOOK]: ['out'] } } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers })).status()).toBe(200);
  const call = await request.post(`${weft.url}/flows/${flowId}/components/${HOOK}`, { data: { order } });
  expect(call.status()).toBeLessThan(300);
}

test('support opens a tenant\'s insights from its link and sees that tenant\'s records, and only those', async ({ page, weft, request }) => {
  const login = await request.post(`${weft.url}/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const { token: operator } = (await login.json()) as { token: string };
  const made = await request.post(`${weft.url}/admin/host-keys`, { data: { name: 'Support journey host', scopes: ['provision'] }, headers: { authorization: `Bearer ${operator}` } });
  expect(made.status()).toBe(201);
  const { key } = (await made.json()) as { key: string };

  const acme = await provision(request, weft, key, 'acme', 'alice');
  const beta = await provision(request, weft, key, 'beta', 'bob');
  await runOrder(request, weft, acme, 'ACME-42');
  await runOrder(request, weft, beta, 'BETA-7');
  const me = await request.get(`${weft.url}/user`, { headers: { authorization: `Bearer ${acme}` } });
  const { tenantId } = (await me.json()) as { tenantId: string };
  // Acme's own owner cannot read Beta's records by naming Beta's tenant.
  const bobsTenant = ((await (await request.get(`${weft.url}/user`, { headers: { authorization: `Bearer ${beta}` } })).json()) as { tenantId: string }).tenantId;
  const refused = await request.get(`${weft.url}/logs?tenantId=${bobsTenant}`, { headers: { authorization: `Bearer ${acme}` } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('auth.staff_only_filter');

  // Support follows a link to Acme's insights in the Studio.
  await openStudio(page, weft, { email: SUPPORT_EMAIL, password: SUPPORT_PASSWORD, token: '', expiresAt: '' }, `#/tenants/${encodeURIComponent(tenantId)}/logs`);
  const tenantPicker = page.getByLabel('Tenant', { exact: true });
  await expect(tenantPicker).toHaveValue(tenantId);
  await expect(tenantPicker.locator('option:checked')).toHaveText('Acme Corp (acme)');
  const grid = page.getByRole('grid', { name: 'Insights logs' });
  await expect(grid).toContainText('ACME-42');
  await expect(grid).not.toContainText('BETA-7');

  // The user picker lists Acme's people; choosing Alice keeps her records.
  const userPicker = page.getByLabel('User', { exact: true });
  await expect(userPicker.locator('option', { hasText: 'alice' })).toHaveCount(1);
  await userPicker.selectOption({ label: 'alice' });
  await expect(grid).toContainText('ACME-42');
  await page.screenshot({ path: screenshotPath('insights-support-reads-a-tenant.png') });

  // All tenants: Beta's records come in too.
  await tenantPicker.selectOption('');
  await expect(grid).toContainText('BETA-7');
});
