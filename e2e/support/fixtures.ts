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

/**
 * Opens the Studio already signed in, as its login page leaves it: the engine's HttpOnly session
 * cookie in the browser (this page's request context shares its cookies), and who is signed in in localStorage.
 */
export async function openStudio(page: Page, weft: Weft, account: Account, hash = '#/flows'): Promise<void> {
  const answer = await page.request.post(`${weft.url}/auth/login`, {
    data: { email: account.email, password: account.password, session: 'cookie' },
    headers: { 'x-weft-csrf': '1' },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  const { expiresAt } = (await answer.json()) as { expiresAt: number };
  const session = JSON.stringify({ expiresAt, email: account.email });
  await page.addInitScript((value) => localStorage.setItem('weft.studio.session', value), session);
  await page.goto(`${weft.url}/${hash}`);
}

/** The session cookie's value (the token) in the page's browser: script on the page must never see it. */
export async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'weft_session' || c.name === '__Host-weft_session');
  expect(cookie, 'the browser holds the session cookie').toBeDefined();
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  return cookie?.value ?? '';
}

export function screenshotPath(name: string): string {
  return join(repoRoot, 'e2e', 'screenshots', name);
}

export const test = base.extend<{ cspViolations: string[] }, { weft: Weft }>({
  // Weft's pages are served with a strict CSP: any journey whose pages trip over it fails.
  cspViolations: [async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(violations);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  }, { auto: true }],
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
