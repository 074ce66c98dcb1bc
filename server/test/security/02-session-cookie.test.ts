/**
 * Issue 11, item 2 (second half): the Studio's and Backoffice's token sat in Web Storage, where any
 * script on the origin reads it. The first-party apps now sign in with an HttpOnly, SameSite=Strict
 * cookie; a request it signs with an unsafe method must carry X-Weft-CSRF and come from the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestWeft } from '../harness.ts';

const PASSWORD = 'correct horse battery';
const CSRF = { 'x-weft-csrf': '1' };

describe('the session cookie of the first-party apps', () => {
  let weft: TestWeft;
  let email: string;
  beforeAll(async () => {
    weft = await startTestWeft();
    email = (await weft.signup()).email;
  });
  afterAll(() => weft.close());

  const host = () => new URL(weft.url).host;
  async function cookieLogin(headers: Record<string, string> = {}) {
    const answer = await http<Record<string, unknown>>(`${weft.url}/auth/login`, { body: { email, password: PASSWORD, session: 'cookie' }, headers: { ...CSRF, ...headers } });
    const setCookie = answer.headers.getSetCookie();
    const cookie = setCookie[0]?.split(';')[0] ?? '';
    return { answer, setCookie, cookie };
  }

  it('is set HttpOnly and SameSite=Strict at login, and the token is nowhere in the body', async () => {
    const { answer, setCookie, cookie } = await cookieLogin();
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('token');
    expect(answer.body).toMatchObject({ user: { email } });
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^weft_session=[\w-]+;/);
    expect(setCookie[0]).toMatch(/; HttpOnly/);
    expect(setCookie[0]).toMatch(/; SameSite=Strict/);
    expect(setCookie[0]).toMatch(/; Path=\//);
    expect(setCookie[0]).toMatch(/; Max-Age=\d+/);
    const user = await http<{ email: string }>(`${weft.url}/user`, { headers: { cookie } });
    expect(user.status).toBe(200);
    expect(user.body.email).toBe(email);
  });

  it('is Secure, with the __Host- prefix, when the browser comes over https', async () => {
    const { setCookie } = await cookieLogin({ 'x-forwarded-proto': 'https' });
    expect(setCookie[0]).toMatch(/^__Host-weft_session=[\w-]+;/);
    expect(setCookie[0]).toMatch(/; Secure/);
  });

  it('is not set for a login that asks for a bearer token', async () => {
    const answer = await http<{ token: string }>(`${weft.url}/auth/login`, { body: { email, password: PASSWORD } });
    expect(answer.status).toBe(200);
    expect(answer.body.token).toEqual(expect.any(String));
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  it('cannot be opened by a page of another site (login CSRF)', async () => {
    const noHeader = await http<{ error: { code: string } }>(`${weft.url}/auth/login`, { body: { email, password: PASSWORD, session: 'cookie' } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error.code).toBe('auth.csrf');
    expect(noHeader.headers.getSetCookie()).toEqual([]);
    const { answer } = await cookieLogin({ origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
  });

  describe('on a request that changes something', () => {
    const create = (headers: Record<string, string>) =>
      http<{ error?: { code: string } }>(`${weft.url}/flows`, { body: { name: 'From a cookie', flow: {} }, headers });

    it('is refused without the X-Weft-CSRF header (what a cross-site form sends)', async () => {
      const { cookie } = await cookieLogin();
      const answer = await create({ cookie });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('auth.csrf');
    });

    it('is refused from another origin, a sandboxed document or another site', async () => {
      const { cookie } = await cookieLogin();
      for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
        const answer = await create({ cookie, ...CSRF, ...headers });
        expect(answer.status, JSON.stringify(headers)).toBe(403);
      }
    });

    it("is accepted from the installation's own page", async () => {
      const { cookie } = await cookieLogin();
      const answer = await create({ cookie, ...CSRF, origin: `http://${host()}`, 'sec-fetch-site': 'same-origin' });
      expect(answer.status).toBe(201);
    });
  });

  it('is cleared at logout, and its token revoked', async () => {
    const { cookie } = await cookieLogin();
    const out = await http(`${weft.url}/auth/logout`, { method: 'POST', headers: { cookie, ...CSRF } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^weft_session=; Max-Age=0/);
    expect((await http(`${weft.url}/user`, { headers: { cookie } })).status).toBe(401);
  });

  it('leaves bearer tokens as they were (widgets, SDK, scripts)', async () => {
    const user = await weft.signup();
    const answer = await user.call('POST', '/flows', { name: 'From a bearer token', flow: {} });
    expect(answer.status).toBe(201);
  });
});
