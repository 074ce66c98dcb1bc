/**
 * @module Screenshots: serves the built Storybook (`storybook-static/`) on 127.0.0.1, opens a few
 * stories in the system Chromium and saves what a person would see into `screenshots/`.
 *
 *   npm run build -w @weft/stories && npm run screenshots -w @weft/stories
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.resolve(here, '../storybook-static');
const outDir = path.resolve(here, '../screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Story id, file name, and a selector (Playwright pierces the open shadow root) that shows the state is there. */
const SHOTS: readonly { id: string; file: string; ready: string }[] = [
  { id: 'widgets-designer--dark', file: 'designer-dark-small-flow.png', ready: '.react-flow__node >> nth=3' },
  { id: 'widgets-designer--large-flow', file: 'designer-large-flow.png', ready: '.react-flow__node >> nth=20' },
  { id: 'widgets-designer--validation-errors', file: 'designer-validation-errors.png', ready: '.react-flow__node.selected' },
  { id: 'widgets-designer--save-conflict', file: 'designer-save-conflict.png', ready: '.wd-banner' },
  { id: 'widgets-flow-manager--full', file: 'flow-manager-full.png', ready: '.weft-fm__errors >> nth=0' },
  { id: 'widgets-flow-manager--dark', file: 'flow-manager-dark.png', ready: '.weft-fm__errors >> nth=0' },
  { id: 'widgets-flow-manager--czech', file: 'flow-manager-cs.png', ready: '.weft-fm__errors >> nth=0' },
  { id: 'widgets-accounts--full', file: 'accounts-states.png', ready: '.weft-acc__reason' },
  { id: 'widgets-accounts--dark', file: 'accounts-dark.png', ready: '.weft-acc__reason' },
  { id: 'widgets-insights-logs--full', file: 'insights-logs-full.png', ready: '.weft-il__bar >> nth=5' },
  { id: 'widgets-insights-logs--detail-open', file: 'insights-logs-detail.png', ready: '.weft-il__detail .weft-il__secondary >> nth=1' },
  { id: 'widgets-insights-logs--correlation', file: 'insights-logs-correlation.png', ready: '.weft-il__correlation [role="row"] >> nth=2' },
  { id: 'widgets-insights-logs--hundred-thousand-records', file: 'insights-logs-100k.png', ready: '[role="row"][aria-rowindex="100001"]' },
  { id: 'widgets-insights-logs--dark', file: 'insights-logs-dark.png', ready: '.weft-il__bar >> nth=5' },
];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };

if (!existsSync(path.join(staticDir, 'iframe.html'))) throw new Error(`Build Storybook first: ${staticDir} has no iframe.html`);
mkdirSync(outDir, { recursive: true });

const server = createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  const file = path.join(staticDir, pathname === '/' ? 'index.html' : pathname);
  if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  for (const shot of SHOTS) {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.id}&viewMode=story`);
    await page.locator(shot.ready).waitFor({ timeout: 15_000 });
    // Let the play function finish and transitions settle.
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(outDir, shot.file) });
    console.log(`screenshots: ${shot.file}`);
  }
  if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
