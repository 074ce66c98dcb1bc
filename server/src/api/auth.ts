/** @module Auth routes and middleware: sign up, log in, opaque bearer tokens stored hashed, with expiry. */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Credentials, SetPasswordBody, SignupCredentials } from '@weft/api-client';
import type { Store, UserRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { assertStrongPassword } from './password-policy.ts';
import { consumeSetPasswordLink, findSetPasswordLink } from './set-password-links.ts';
import { clearSessionCookie, guardCookieSession, sessionAnswer, sessionCookieToken } from './session-cookie.ts';
import { readBody } from './validate-request.ts';
import { createPersonalUser } from '../tenancy/tenants.ts';
import { isHostKey } from '../tenancy/host-keys.ts';
import { guardRequest } from './route-guard.ts';

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

/**
 * A hash of a password nobody knows: a login with an unknown email is checked against it, so it
 * costs the same scrypt as a known one and its answer time does not tell which emails have accounts.
 */
const DUMMY_HASH = 'scrypt$rub5zt7mNsR-72LSovd-_g$XlTR_ViQLofuIfo_4-xR8B8Hmh33wGraqkPMvxbNGKI';

/** The user whose password this is, or undefined; runs scrypt once whether the email is known or not. */
export async function checkCredentials(store: Store, email: string, password: string): Promise<UserRecord | undefined> {
  const user = await store.getUserByEmail(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return user && matches ? user : undefined;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function publicUser(user: UserRecord) {
  return {
    id: user.id, email: user.contactEmail ?? user.email, role: user.role, createdAt: user.createdAt, tenantId: user.tenantId, tenantRole: user.tenantRole,
    ...(user.externalId !== undefined ? { externalId: user.externalId } : {}), ...(user.name !== undefined ? { name: user.name } : {}),
  };
}

/** A new opaque bearer token for `user`, stored hashed, valid `ttlMs`. */
export async function issueToken(store: Store, user: UserRecord, ttlMs: number) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + ttlMs;
  await store.createToken({ hash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
  return { token, expiresAt, user: publicUser(user) };
}

export interface AuthOptions {
  tokenTtlMs: number;
  /** `closed`: no one signs up; accounts come from operators. */
  signup: 'open' | 'closed';
  loginLimits: LoginLimits;
  /** Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy). */
  trustProxy: boolean;
  onError?: (error: unknown) => void;
}

/** The address failed logins are counted against. */
function clientAddress(c: Context<ApiEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1]!;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (app.request in a test)
  }
}

export function authRoutes(store: Store, options: AuthOptions) {
  const limiter = new LoginLimiter(store, options.loginLimits, options.onError ?? ((error: unknown) => console.error('[weft auth]', error)));
  const issue = (user: UserRecord) => issueToken(store, user, options.tokenTtlMs);

  return new Hono<ApiEnv>()
    .use('/signup', guardCookieSession)
    .use('/login', guardCookieSession)
    .post('/signup', async (c) => {
      if (options.signup === 'closed') {
        throw new WeftError('auth.signup_closed', 'Sign-up is closed on this installation; ask an operator for an account.', { status: 403, retry: 'never' });
      }
      const { email, password } = await readBody(c, SignupCredentials);
      assertStrongPassword(password, email);
      // Always a plain user: operators are created with `weft users create-operator`, never by signing up.
      // A tenant of one's own, as its owner.
      const user = await createPersonalUser(store, {
        id: randomUUID(), email, passwordHash: await hashPassword(password), role: 'user', disabled: false, createdAt: Date.now(),
      });
      return sessionAnswer(c, await issue(user), 201);
    })
    .post('/login', async (c) => {
      const { email, password } = await readBody(c, Credentials);
      const attempt = await limiter.begin(email, clientAddress(c, options.trustProxy));
      const user = await checkCredentials(store, email, password);
      if (!user) throw new WeftError('auth.invalid_credentials', 'The email or the password is wrong.', { status: 401, retry: 'never' });
      await attempt.succeeded();
      if (user.disabled) throw new WeftError('auth.disabled', 'This account is disabled; ask your administrator.', { status: 403, retry: 'never' });
      return sessionAnswer(c, await issue(user));
    })
    .post('/set-password', async (c) => {
      const { token, password } = await readBody(c, SetPasswordBody);
      const invalidLink = () => new WeftError('auth.invalid_link', 'This link is unknown, expired or already used; ask an operator for a new one.', { status: 400, path: 'body.token', retry: 'never' });
      const userId = await findSetPasswordLink(store, token, Date.now());
      const user = userId === undefined ? undefined : await store.getUser(userId);
      if (!user) throw invalidLink();
      // A weak password is refused before the link is used up, so the person can try another.
      assertStrongPassword(password, user.email);
      if ((await consumeSetPasswordLink(store, token, Date.now())) !== user.id) throw invalidLink();
      await store.updateUser(user.id, { passwordHash: await hashPassword(password) });
      // Whoever held a session of this account before the password was set loses it.
      await store.revokeUserTokens(user.id, Date.now());
      return c.body(null, 204);
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
    const bearer = requestToken(c);
    if (isHostKey(bearer)) {
      throw new WeftError('auth.host_key_on_user_route', 'A host API key works on /host routes only; mint a user token with POST /host/tenants/…/users/…/tokens.', { status: 401, retry: 'never' });
    }
    const tokenHash = hashToken(bearer);
    const token = await store.getToken(tokenHash);
    if (!token || token.revokedAt !== undefined || token.expiresAt <= Date.now()) {
      throw new WeftError('auth.invalid_token', 'The token is unknown, expired or revoked; log in again.', { status: 401, retry: 'never' });
    }
    const user = await store.getUser(token.userId);
    if (!user || user.disabled) throw new WeftError('auth.invalid_token', 'The account behind this token is disabled.', { status: 401, retry: 'never' });
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    // The route table says who may call the route: operators only, or which tenant role; support writes only retries.
    guardRequest(c.req.method, c.req.path, user);
    await next();
  };
}
