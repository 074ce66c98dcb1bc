/** @module Journey fixtures: one real engine and one customer host origin per worker, plus sign-in helpers. */
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { repoRoot, startEngine } from './engine.ts';
import { serveFolder } from './static-host.ts';

export interface Weft {
  /** The engine's origin: API, Studio at `/`, SDK at `/sdk/`, Backoffice at `/backoffice/`. */
  url: string;
  /** A second origin serving `apps/demo-host/` as a customer's own web server would, naming the engine in a meta tag. */
  hostOrigin: string;
}

export interface Account {
  email: string;
  password: string;
  token: string;
  expiresAt: string;
}

let accounts = 0;

/** Signs a new person up through the API; journeys that are not about signing up start here. */
export async function signUp(request: APIRequestContext, weft: Weft, email?: string): Promise<Account> {
  accounts += 1;
  const address = email ?? `builder-${process.pid}-${accounts}@example.com`;
  const password = 'correct horse battery';
  const answer = await request.post(`${weft.url}/auth/signup`, { data: { email: address, password } });
  expect(answer.status(), await answer.text()).toBe(201);
  const body = (await answer.json()) as { token: string; expiresAt: string };
  return { email: address, password, token: body.token, expiresAt: body.expiresAt };
}

/** Opens the Studio already signed in (the session the login page would have stored). */
export async function openStudio(page: Page, weft: Weft, account: Account, hash = '#/flows'): Promise<void> {
  const session = JSON.stringify({ token: account.token, expiresAt: account.expiresAt, email: account.email });
  await page.addInitScript((value) => localStorage.setItem('weft.studio.session', value), session);
  await page.goto(`${weft.url}/${hash}`);
}

export function screenshotPath(name: string): string {
  return join(repoRoot, 'e2e', 'screenshots', name);
}

export const test = base.extend<object, { weft: Weft }>({
  // Playwright reads a fixture's dependencies from the destructuring pattern, so it must stay an (empty) object.
  // eslint-disable-next-line no-empty-pattern
  weft: [async ({}, use) => {
    // The customer's server names the engine in the page, as the demo host reads it (never from the address bar).
    let engineUrl = '';
    const host = await serveFolder(join(repoRoot, 'apps', 'demo-host'), {
      html: (text) => text.replace('<head>', `<head>\n  <meta name="weft-engine" content="${engineUrl}" />`),
    });
    const engine = await startEngine({ corsOrigins: [host.origin] });
    engineUrl = engine.url;
    try {
      await use({ url: engine.url, hostOrigin: host.origin });
    } finally {
      await engine.stop();
      await host.close();
    }
  }, { scope: 'worker' }],
});

export { expect };
