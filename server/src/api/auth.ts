/** @module Auth routes and middleware: sign up, log in, opaque bearer tokens stored hashed, with expiry. */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { Credentials } from '@weft/api-client';
import type { Store, UserRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { clearSessionCookie, guardCookieSession, sessionAnswer, sessionCookieToken } from './session-cookie.ts';
import { readBody } from './validate-request.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function publicUser(user: UserRecord) {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
}

export function authRoutes(store: Store, options: { tokenTtlMs: number; adminEmails: readonly string[] }) {
  const issue = async (user: UserRecord) => {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = now + options.tokenTtlMs;
    await store.createToken({ hash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
    return { token, expiresAt, user: publicUser(user) };
  };

  return new Hono<ApiEnv>()
    .use('/signup', guardCookieSession)
    .use('/login', guardCookieSession)
    .post('/signup', async (c) => {
      const { email, password } = await readBody(c, Credentials);
      const user: UserRecord = {
        id: randomUUID(), email, passwordHash: await hashPassword(password),
        role: options.adminEmails.includes(email) ? 'admin' : 'user', disabled: false, createdAt: Date.now(),
      };
      await store.createUser(user);
      return sessionAnswer(c, await issue(user), 201);
    })
    .post('/login', async (c) => {
      const { email, password } = await readBody(c, Credentials);
      const user = await store.getUserByEmail(email);
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        throw new WeftError('auth.invalid_credentials', 'The email or the password is wrong.', { status: 401, retry: 'never' });
      }
      if (user.disabled) throw new WeftError('auth.disabled', 'This account is disabled; ask your administrator.', { status: 403, retry: 'never' });
      return sessionAnswer(c, await issue(user));
    })
    .post('/logout', requireUser(store), async (c) => {
      await store.revokeToken(c.get('tokenHash'), Date.now());
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}

/** The bearer token (widgets, SDK, scripts), else the first-party apps' session cookie. */
function requestToken(c: Context): string {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const token = match?.[1] ?? sessionCookieToken(c);
  if (!token) throw new WeftError('auth.required', 'Send "Authorization: Bearer <token>"; get a token from POST /auth/login.', { status: 401, retry: 'never' });
  return token;
}

/** Resolves the bearer token or session cookie to a user; every protected route sits behind it. */
export function requireUser(store: Store): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const tokenHash = hashToken(requestToken(c));
    const token = await store.getToken(tokenHash);
    if (!token || token.revokedAt !== undefined || token.expiresAt <= Date.now()) {
      throw new WeftError('auth.invalid_token', 'The token is unknown, expired or revoked; log in again.', { status: 401, retry: 'never' });
    }
    const user = await store.getUser(token.userId);
    if (!user || user.disabled) throw new WeftError('auth.invalid_token', 'The account behind this token is disabled.', { status: 401, retry: 'never' });
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    await next();
  };
}
