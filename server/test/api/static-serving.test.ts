/**
 * Issue 12, item 3: `/backoffice/` answered with the Studio, because the start build left the Backoffice
 * out and every unknown GET fell back to the Studio's index. Each front end is served from its own
 * folder, with the pages' security headers, and a path no route or file matches is 404.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WeftApp } from '../../src/api/app.ts';
import { PAGE_HEADERS } from '../../src/api/page-headers.ts';
import { startTestWeft, type TestWeft } from '../harness.ts';

function folder(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the static front ends', () => {
  let weft: TestWeft;
  let root: string;
  let app: WeftApp;

  beforeAll(async () => {
    weft = await startTestWeft();
    root = mkdtempSync(join(tmpdir(), 'weft-static-'));
    app = createApp({
      engine: weft.weft.engine,
      version: 'test',
      corsOrigins: [],
      maxBodyBytes: 1_000_000,
      tokenTtlMs: 3_600_000,
      signup: 'open',
      loginLimits: { perEmail: 5, perAddress: 50, windowMs: 60_000 },
      trustProxy: false,
      adapters: { store: 'embedded', bus: 'embedded', logs: 'embedded' },
      staticRoots: [
        { prefix: '/sdk', dir: folder(root, 'sdk', { 'weft.js': 'export const sdk = 1;' }) },
        { prefix: '/backoffice', dir: folder(root, 'backoffice', { 'index.html': '<title>Backoffice</title>', 'assets/bo.js': 'bo();' }) },
        { prefix: '/', dir: folder(root, 'studio', { 'index.html': '<title>Studio</title>', 'assets/studio.js': 'studio();' }) },
      ],
    });
  });
  afterAll(async () => {
    await weft.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string) => app.request(path);

  it('serves the Studio at / and the Backoffice at /backoffice/, each with the pages\' headers', async () => {
    for (const [path, title] of [['/', 'Studio'], ['/index.html', 'Studio'], ['/backoffice/', 'Backoffice'], ['/backoffice/index.html', 'Backoffice']] as const) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(await answer.text(), path).toBe(`<title>${title}</title>`);
      for (const [name, value] of Object.entries(PAGE_HEADERS)) expect(answer.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it('sends /backoffice to /backoffice/', async () => {
    const answer = await get('/backoffice');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/backoffice/');
  });

  it('serves each front end\'s files and the SDK', async () => {
    expect(await (await get('/backoffice/assets/bo.js')).text()).toBe('bo();');
    expect(await (await get('/assets/studio.js')).text()).toBe('studio();');
    expect(await (await get('/sdk/weft.js')).text()).toBe('export const sdk = 1;');
  });

  it('answers a path no route or file matches with 404, never with the Studio\'s index', async () => {
    for (const path of ['/backoffice/anything-missing.js', '/backoffice/assets/gone.js', '/assets/gone.js', '/sdk/nope.js', '/no-such-page', '/backoffice/studio.js']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      const body = await answer.text();
      expect(body, path).not.toContain('Studio');
      expect(JSON.parse(body), path).toMatchObject({ error: { code: 'route.not_found' } });
      expect(answer.headers.get('content-security-policy'), path).toBe(PAGE_HEADERS['content-security-policy']);
    }
  });
});
