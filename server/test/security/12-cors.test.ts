/**
 * Issue 11, item 12: CORS. By default only the installation's own origin (WEFT_PUBLIC_URL) and the
 * origins in WEFT_CORS_ORIGINS may read the API's answers from a browser; `null` (sandboxed documents
 * such as webhook answers, local files) never may, even with `*`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { http, startTestWeft, type TestWeft } from '../harness.ts';

const local = (weft: TestWeft) => `http://127.0.0.1:${weft.weft.port}`;
const preflight = (weft: TestWeft, origin: string) => http(`${local(weft)}/flows`, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
});
const allowedOrigin = async (weft: TestWeft, origin: string) => {
  const [before, simple] = [await preflight(weft, origin), await http(`${local(weft)}/health`, { headers: { origin } })];
  expect(before.headers.get('access-control-allow-origin')).toBe(simple.headers.get('access-control-allow-origin'));
  return simple.headers.get('access-control-allow-origin');
};

describe('CORS by default', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_PUBLIC_URL: 'https://weft.example.com' } });
  });
  afterAll(() => weft.close());

  it('allows no other origin unless one is configured', async () => {
    expect(loadConfig({}).WEFT_CORS_ORIGINS).toEqual([]);
    expect(await allowedOrigin(weft, 'https://evil.example')).toBeNull();
    expect(await allowedOrigin(weft, 'null')).toBeNull();
  });

  it("allows the installation's own origin", async () => {
    expect(await allowedOrigin(weft, 'https://weft.example.com')).toBe('https://weft.example.com');
  });

  it('never allows credentials', async () => {
    const answer = await preflight(weft, 'https://weft.example.com');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('WEFT_CORS_ORIGINS', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_CORS_ORIGINS: 'https://app.example.com, https://crm.example.com' } });
  });
  afterAll(() => weft.close());

  it('allows each listed origin and nothing else', async () => {
    expect(await allowedOrigin(weft, 'https://app.example.com')).toBe('https://app.example.com');
    expect(await allowedOrigin(weft, 'https://crm.example.com')).toBe('https://crm.example.com');
    expect(await allowedOrigin(weft, 'https://app.example.com.evil.example')).toBeNull();
    expect(await allowedOrigin(weft, 'null')).toBeNull();
  });
});

describe('WEFT_CORS_ORIGINS=* (development)', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_CORS_ORIGINS: '*' } });
  });
  afterAll(() => weft.close());

  it('allows any origin but never reflects null', async () => {
    expect(await allowedOrigin(weft, 'https://anything.example')).toBe('https://anything.example');
    expect(await allowedOrigin(weft, 'null')).toBeNull();
  });
});
