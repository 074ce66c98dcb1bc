import type { Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

function node(page: Page, title: string) {
  return page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: title }) });
}

test('a builder runs a flow twice, one run failing, sees both in the run history and opens the failed one on the canvas', async ({ page, weft, request }) => {
  const account = await signUp(request, weft);
  const headers = { authorization: `Bearer ${account.token}` };
  // Wait refuses a delay that is not a number without retrying: the second call's run fails at once.
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: 'Delayed greeting',
      flow: {
        hook: { type: 'weft.utils.http.Webhook', label: 'Greeting request', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
        wait: {
          type: 'weft.utils.timers.Wait', label: 'Pause', x: 300, y: 0, source: { in: { hook: ['out'] } },
          config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { delayMs: '{{{$.hook.out.body.delay}}}' } } } } } },
        },
        greet: {
          type: 'weft.utils.transform.Set', label: 'Greet', x: 600, y: 0, source: { in: { wait: ['out'] } },
          config: { transform: { in: { wait: { out: { type: 'json2new', lambda: { values: { greeting: 'Hello' } } } } } } },
        },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers })).status()).toBe(200);

  const call = async (delay: unknown) => {
    const answer = await request.post(`${weft.url}/flows/${flowId}/components/hook`, { data: { delay } });
    expect(answer.status()).toBe(202);
    return ((await answer.json()) as { correlationId: string }).correlationId;
  };
  const good = await call(50);
  await expect.poll(async () => ((await (await request.get(`${weft.url}/runs/${good}`, { headers })).json()) as { status?: string }).status, { timeout: 15_000 }).toBe('succeeded');
  const bad = await call('soon');
  await expect.poll(async () => ((await (await request.get(`${weft.url}/runs/${bad}`, { headers })).json()) as { status?: string }).status, { timeout: 15_000 }).toBe('failed');

  // The flow manager shows the last run: the failed one.
  await openStudio(page, weft, account, '#/flows');
  const row = page.getByRole('row', { name: /Delayed greeting/ });
  const lastRun = row.getByRole('button', { name: /^Last run of Delayed greeting: Failed/ });
  await expect(lastRun).toBeVisible();
  await page.screenshot({ path: screenshotPath('flow-manager-last-run-failed.png') });

  // It opens the flow's run history: both runs, the failed one with its component and error.
  await lastRun.click();
  await expect(page.getByRole('tab', { name: 'Runs' })).toHaveAttribute('aria-selected', 'true');
  const runs = page.getByRole('region', { name: 'Runs' }).getByRole('table').getByRole('row');
  await expect(runs).toHaveCount(3);
  await expect(runs.nth(1)).toHaveAttribute('data-status', 'failed');
  await expect(runs.nth(1)).toContainText('Pause');
  await expect(runs.nth(1)).toContainText('"delayMs" must be a number');
  await expect(runs.nth(2)).toHaveAttribute('data-status', 'succeeded');
  await expect(runs.nth(2)).toContainText('Succeeded');
  await page.screenshot({ path: screenshotPath('insights-runs-tab-one-failed.png') });

  // Opened on the canvas, the failed run shows what each component received and sent.
  await page.getByRole('group', { name: `Actions for run ${bad}` }).getByRole('button', { name: 'Open on canvas' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing the run of' })).toContainText('Failed');
  await expect(node(page, 'Greeting request').getByRole('img', { name: /1 in, 1 out/ })).toBeVisible();
  await expect(node(page, 'Pause').getByRole('img', { name: /0 in, 1 out/ })).toBeVisible();
  await node(page, 'Pause').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('tab', { name: 'Test data' }).click();
  await expect(inspector).toContainText('"delayMs" must be a number');
  await expect(inspector).toContainText('soon');
  await page.screenshot({ path: screenshotPath('designer-past-run-failed.png') });
});
