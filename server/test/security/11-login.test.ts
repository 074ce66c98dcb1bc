/**
 * Item 11: login. Failed logins were unlimited, an unknown email answered without running scrypt
 * (a timing oracle for which emails have accounts), and any 8-character password was accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../src/api/auth.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestWeft } from '../harness.ts';

/** Counts scrypt runs: the only way to see that an unknown email costs the same without timing anything. */
const scryptRuns = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: Parameters<typeof crypto.scrypt>) => {
    scryptRuns.count += 1;
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof crypto.scrypt;
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

type ErrorBody = { error: { code: string; path?: string } };
const login = (weft: TestWeft, email: string, password: string, headers: Record<string, string> = {}) =>
  http<ErrorBody & { token: string }>(`${weft.url}/auth/login`, { body: { email, password }, headers });

describe('login rate limits per email (default: 5 failures per 15 minutes)', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    // Every request here comes from 127.0.0.1: lift the per-address limit so only the email's counts.
    weft = await startTestWeft({ env: { WEFT_LOGIN_FAILURES_PER_ADDRESS: '1000' } });
  });
  afterAll(() => weft.close());

  it('refuses the 6th attempt on one email with 429 auth.rate_limited and Retry-After, even with the right password', async () => {
    const victim = await weft.signup();
    for (let i = 0; i < 5; i++) expect((await login(weft, victim.email, `guess number ${i}!`)).status).toBe(401);
    const refused = await login(weft, victim.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('auth.rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another person's account is not locked by it.
    const other = await weft.signup();
    expect((await login(weft, other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('lets no more than 5 of 20 parallel guesses be checked', async () => {
    const victim = await weft.signup();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(weft, victim.email, `parallel guess ${i}`)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
  });

  it('does not count successful logins', async () => {
    const person = await weft.signup();
    for (let i = 0; i < 8; i++) expect((await login(weft, person.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('still lets an account made before the 10-character rule log in with its shorter password', async () => {
    await weft.weft.engine.store.createUser({ id: 'old-timer', email: 'old-timer@example.com', passwordHash: await hashPassword('8chars!!'), role: 'user', disabled: false, createdAt: 1, tenantId: 't-old-timer', tenantRole: 'owner' });
    expect((await login(weft, 'old-timer@example.com', '8chars!!')).status).toBe(200);
  });

  it('runs scrypt for an unknown email as for a known one, and answers both alike', async () => {
    const known = await weft.signup();
    scryptRuns.count = 0;
    const wrong = await login(weft, known.email, 'not the password at all');
    const forKnown = scryptRuns.count;
    scryptRuns.count = 0;
    const unknown = await login(weft, `nobody-${Date.now()}@example.com`, 'not the password at all');
    const forUnknown = scryptRuns.count;
    expect(forKnown).toBe(1);
    expect(forUnknown).toBe(forKnown);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('the per-address limit, configurable, shared by API processes on one Store', () => {
  let dataDir: string;
  let first: TestWeft;
  let second: TestWeft;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'weft-login-'));
    const env = { WEFT_LOGIN_FAILURES_PER_ADDRESS: '4', WEFT_LOGIN_FAILURES_PER_EMAIL: '3', WEFT_LOGIN_WINDOW_MINUTES: '10' };
    first = await startTestWeft({ dataDir, env });
    second = await startTestWeft({ dataDir, env, roles: ['api'] });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts failures on every email from one address across both processes, then refuses even a right password', async () => {
    const person = await first.signup();
    // A password sprayed over many emails, half on each API process.
    for (let i = 0; i < 4; i++) expect((await login(i % 2 ? second : first, `sprayed-${i}@example.com`, 'Summer2024!!')).status).toBe(401);
    const refused = await login(second, person.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('auth.rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(10 * 60);
  });
});

describe('password strength at sign-up', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft();
  });
  afterAll(() => weft.close());

  const signup = (email: string, password: string) => http<ErrorBody>(`${weft.url}/auth/signup`, { body: { email, password } });

  it('refuses fewer than 10 characters', async () => {
    const short = await signup('short@example.com', 'abcd1234!');
    expect(short.status).toBe(400);
    expect(short.body.error.path).toBe('body.password');
  });

  it('refuses a common password and the email itself, with auth.weak_password', async () => {
    for (const password of ['password123', 'QWERTYUIOP', '1q2w3e4r5t6y']) {
      const weak = await signup(`weak-${password}@example.com`, password);
      expect(weak.status, password).toBe(400);
      expect(weak.body.error).toMatchObject({ code: 'auth.weak_password', path: 'body.password' });
    }
    const own = await signup('mallory.smith@example.com', 'mallory.smith@example.com');
    expect(own.body.error?.code).toBe('auth.weak_password');
    expect(await weft.weft.engine.store.getUserByEmail('weak-password123@example.com')).toBeUndefined();
  });

  it('accepts a long uncommon one', async () => {
    expect((await signup('fine@example.com', 'violet tractor umbrella')).status).toBe(201);
  });
});
