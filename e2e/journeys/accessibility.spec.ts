import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openStudio, screenshotPath, signUp, test, type Account, type Weft } from '../support/fixtures.ts';

/** Serious and critical axe violations of the page (shadow roots included), as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length}×, e.g. ${violation.nodes[0]?.target.join(' ') ?? '?'})`);
}

/** A running webhook → Set → Response flow with one run logged, made through the API. */
async function flowWithOneRun(request: Page['request'], weft: Weft, account: Account): Promise<string> {
  const headers = { authorization: `Bearer ${account.token}` };
  const created = await request.post(`${weft.url}/flows`, {
    headers,
    data: {
      name: 'Greeter',
      flow: {
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        greet: {
          type: 'weft.utils.transform.Set', x: 260, y: 0, source: { in: { hook: ['out'] } },
          config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { values: { greeting: 'Hello {{{$.hook.out.body.name}}}' } } } } } } },
        },
        reply: {
          type: 'weft.utils.http.Response', x: 520, y: 0, source: { in: { greet: ['out'] } },
          config: { transform: { in: { greet: { out: { type: 'json2new', lambda: { body: '{{{$.greet.out}}}' } } } } } },
        },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { flowId } = (await created.json()) as { flowId: string };
  expect((await request.post(`${weft.url}/flows/${flowId}/start`, { headers })).ok()).toBe(true);
  expect((await request.post(`${weft.url}/flows/${flowId}/components/hook`, { data: { name: 'Ada' } })).status()).toBe(200);
  return flowId;
}

test.describe('accessibility of the Studio', () => {
  test('the flow manager, designer and insights have no serious or critical axe violations', async ({ page, weft, request }) => {
    const account = await signUp(request, weft);
    const flowId = await flowWithOneRun(page.request, weft, account);

    await openStudio(page, weft, account, '#/flows');
    await expect(page.getByRole('button', { name: 'Open Greeter in the designer' })).toBeVisible();
    const flowManager = await seriousViolations(page);

    await page.goto(`${weft.url}/#/flows/${flowId}/designer`);
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    await page.locator('.react-flow__node', { hasText: 'Set' }).click();
    await expect(page.getByText('Input in from hook (out)').or(page.getByText(/Input in from/))).toBeVisible();
    const designer = await seriousViolations(page);

    await page.goto(`${weft.url}/#/flows/${flowId}/logs`);
    await expect(page.getByRole('grid').getByRole('row').filter({ hasText: 'Hello Ada' }).first()).toBeVisible();
    await page.getByRole('grid').getByRole('row').filter({ hasText: 'Hello Ada' }).first().click();
    const insights = await seriousViolations(page);
    await page.screenshot({ path: screenshotPath('insights-record-selected-axe-checked.png') });

    expect({ flowManager, designer, insights }).toEqual({ flowManager: [], designer: [], insights: [] });
  });
});
