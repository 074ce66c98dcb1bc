// Drives the built Backoffice against a running engine and saves screenshots of the main states.
// Usage: WEFT_URL=http://localhost:2399 ADMIN_EMAIL=… ADMIN_PASSWORD=… node scripts/take-screenshots.mjs
// (make that operator first: node server/bin/weft.js users create-operator --email … --password …)
import { chromium } from 'playwright-core';

const base = process.env.WEFT_URL ?? 'http://localhost:2399';
const email = process.env.ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.ADMIN_PASSWORD ?? 'admin-pass-1';
const modifier = process.env.MODIFIER ?? 'titleSlug';
const only = process.env.ONLY?.split(',');
const out = new URL('../screenshots/', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
const page = await context.newPage();
const requests = [];
page.on('request', (r) => requests.push(r.url()));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.type(), m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const shot = async (name) => {
  if (only && !only.includes(name)) return;
  await page.screenshot({ path: `${out}${name}.png` });
  console.log('saved', name);
};

await page.goto(`${base}/backoffice/`);
await page.getByLabel('Email').fill(email);
await page.getByLabel('Password').fill(password);
await shot('login');
await page.getByRole('button', { name: 'Log in' }).click();
await page.getByRole('heading', { name: 'Modifiers' }).waitFor();
await page.getByText('Built-in').first().waitFor();
await shot('modifier-list');

await page.goto(`${base}/backoffice/#/modifiers/upper`);
await page.getByText('Built-in: read-only').waitFor();
await shot('modifier-built-in-doc');

await page.goto(`${base}/backoffice/#/modifiers/${modifier}`);
await page.locator('.monaco-editor .view-lines').first().waitFor();
await page.waitForTimeout(2500); // the TypeScript worker's first diagnostics
await shot('modifier-editor');

await page.getByLabel('Sample value (JSON)').fill('"Crème Brûlée à la Mode!"');
await page.getByLabel('Arguments (JSON array)').fill('["_"]');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.locator('.bo-test__result[data-ok="true"]').waitFor();
await shot('modifier-test-result');

// Break the code on purpose: the error comes back with its line, shown as a Monaco marker.
await page.locator('.monaco-editor .view-lines').first().click();
// Pasted, not typed, so Monaco's auto-closing and auto-indent leave the text as it is.
const broken = '/** @type {WeftModifier} */\nfunction run(value, separator) {\n  const words = String(value).split(" ");\n  return words.first.toLowerCase();\n}\n';
await page.evaluate((text) => navigator.clipboard.writeText(text), broken);
await page.keyboard.press('Control+A');
await page.keyboard.press('Control+V');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.locator('.bo-test__result[data-ok="false"]').waitFor();
await page.waitForTimeout(1500);
await shot('modifier-test-error');

// Someone else saves meanwhile: our save must stop with a conflict, not overwrite.
if (process.env.BUMP_CMD) {
  const { execSync } = await import('node:child_process');
  execSync(process.env.BUMP_CMD);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('alertdialog').waitFor();
  await shot('modifier-save-conflict');
  await page.getByRole('button', { name: 'Compare' }).click();
} else {
  await page.getByRole('tab', { name: 'History' }).click();
}
await page.locator('.bo-history__diff .monaco-diff-editor').waitFor();
await page.waitForTimeout(1500);
await shot('modifier-history-diff');

await page.goto(`${base}/backoffice/#/users`);
await page.getByRole('table').waitFor();
await shot('users');
await page.getByRole('button', { name: 'Revoke tokens' }).last().click();
await page.getByRole('alertdialog').waitFor();
await shot('users-revoke-confirm');
await page.getByRole('button', { name: 'Cancel' }).click();

await page.goto(`${base}/backoffice/#/settings`);
await page.getByLabel('First delay (ms)').waitFor();
await page.getByLabel('Longest delay (ms)').fill('10');
await page.getByLabel('Attempts before parking').fill('2.5');
await shot('settings-invalid');

await page.goto(`${base}/backoffice/#/messages`);
await page.getByRole('heading', { name: 'Unprocessed messages' }).waitFor();
await page.locator('.bo-split').waitFor();
const inspect = page.getByRole('button', { name: 'Inspect' }).first();
if (await inspect.count()) {
  await inspect.click();
  await page.getByLabel('Message content (JSON)').waitFor();
}
await page.waitForTimeout(500);
await shot('messages');

// A signed-in user without the admin role gets a clear page, not a broken app.
if (process.env.USER_EMAIL) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Email').fill(process.env.USER_EMAIL);
  await page.getByLabel('Password').fill(process.env.USER_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'You need the admin role' }).waitFor();
  await shot('admin-required');
}

const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:'));
console.log('requests to other hosts:', foreign.length ? foreign : 'none');
await browser.close();
