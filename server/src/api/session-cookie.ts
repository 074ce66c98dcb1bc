/**
 * @module Session cookie: how the first-party apps (Studio, Backoffice) stay signed in. The token
 * rides in an HttpOnly, SameSite=Strict cookie that no script on the origin can read, instead of Web
 * Storage that any script there can; a request it signs with an unsafe method must also carry
 * `X-Weft-CSRF`, which a cross-site form cannot send. Embedded widgets and the SDK keep bearer tokens.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { WeftError } from '@weft/connector-kit';

export const SESSION_COOKIE = 'weft_session';
/** Over https the cookie takes the `__Host-` prefix: Secure, Path=/, and no sibling host can plant it. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const CSRF_HEADER = 'x-weft-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the browser reached this installation over https (directly or through a proxy that says so). */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function csrfError(reason: string): WeftError {
  return new WeftError('auth.csrf', `${reason} A request signed in with the session cookie must come from this installation's own pages and carry the "X-Weft-CSRF: 1" header.`, { status: 403, retry: 'never' });
}

/**
 * Refuses a cookie-signed request that a page of another origin could have sent: it lacks the
 * custom header (a form cannot add one, a cross-origin script needs a CORS preflight Weft refuses),
 * or the browser says it came from elsewhere (`Sec-Fetch-Site`, `Origin`, which script cannot forge).
 */
function checkSameOrigin(c: Context): void {
  if (!c.req.header(CSRF_HEADER)) throw csrfError(`The "${CSRF_HEADER}" header is missing.`);
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') throw csrfError(`The request came from a ${site} page.`);
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  const hosts = [c.req.header('host'), c.req.header('x-forwarded-host')?.split(',')[0]?.trim()];
  let host: string | undefined;
  try {
    host = origin === 'null' ? undefined : new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === undefined || !hosts.includes(host)) throw csrfError(`The request came from ${origin}.`);
}

/** The session cookie's token, when the request has one; unsafe methods must pass the CSRF check. */
export function sessionCookieToken(c: Context): string | undefined {
  const token = getCookie(c, isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  if (!token) return undefined;
  if (!SAFE_METHODS.has(c.req.method)) checkSameOrigin(c);
  return token;
}

const SessionChoice = z.object({ session: z.enum(['token', 'cookie']).optional() });

/** Whether the login or sign-up body asks for the cookie (`"session": "cookie"`); readBody has parsed it already. */
async function wantsCookie(c: Context): Promise<boolean> {
  try {
    return SessionChoice.safeParse(JSON.parse(await c.req.text())).data?.session === 'cookie';
  } catch {
    return false;
  }
}

/** Before login and sign-up: a cookie session may only be opened by this installation's own pages (no login CSRF). */
export const guardCookieSession: MiddlewareHandler = async (c, next) => {
  if (await wantsCookie(c)) checkSameOrigin(c);
  await next();
};

/**
 * The answer to a login or sign-up: the token in the body, or, when the body asked for
 * `"session": "cookie"`, in the HttpOnly cookie only, so no script ever sees it.
 */
export async function sessionAnswer(c: Context, issued: { token: string; expiresAt: number; user: unknown }, status: 200 | 201 = 200): Promise<Response> {
  if (!(await wantsCookie(c))) return c.json(issued, status);
  const secure = isHttps(c);
  const maxAge = Math.max(0, Math.floor((issued.expiresAt - Date.now()) / 1000));
  // With `prefix: 'host'` Hono names it SECURE_SESSION_COOKIE.
  setCookie(c, SESSION_COOKIE, issued.token, {
    httpOnly: true, sameSite: 'Strict', path: '/', maxAge, ...(secure ? { secure: true, prefix: 'host' as const } : {}),
  });
  return c.json({ expiresAt: issued.expiresAt, user: issued.user }, status);
}

/** On logout: the browser forgets the cookie (the token itself is revoked by the route). */
export function clearSessionCookie(c: Context): void {
  if (isHttps(c)) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
  else deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
