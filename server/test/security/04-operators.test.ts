/**
 * Item 4: admin by sign-up. Whoever first signed up with an address in WEFT_ADMIN_EMAILS became
 * an admin. Operators now come from `weft users create-operator` (a password, or a one-time link to
 * set one), never from sign-up; roles are read at every request; `WEFT_SIGNUP=closed` refuses sign-ups.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestWeft } from '../harness.ts';

// Each `weft users` call starts Node and tsx: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLIC_URL = 'https://weft.example.com';

/** `weft users …` as an operator runs it, against the data folder of `weft`. */
function weftUsers(dataDir: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, WEFT_DATA_DIR: dataDir, WEFT_PUBLIC_URL: PUBLIC_URL };
    delete env.WEFT_ADMIN_EMAILS;
    execFile(process.execPath, ['server/bin/weft.js', 'users', ...args], { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const login = (weft: TestWeft, email: string, password: string) => http<{ token: string; user: { role: string } }>(`${weft.url}/auth/login`, { body: { email, password } });

describe('an attacker signs up with the address of the future administrator', () => {
  it('gets no admin role: WEFT_ADMIN_EMAILS no longer exists, and Weft refuses to start with it, pointing at the CLI', async () => {
    expect(() => loadConfig({ WEFT_ADMIN_EMAILS: 'boss@example.com' })).toThrow(/weft users create-operator/);
    let weft: TestWeft | undefined;
    try {
      weft = await startTestWeft({ env: { WEFT_ADMIN_EMAILS: 'boss@example.com' } });
    } catch {
      // refused to start: nobody can become admin by signing up
    }
    if (weft) {
      const squatter = await http<{ user: { role: string } }>(`${weft.url}/auth/signup`, { body: { email: 'boss@example.com', password: TEST_PASSWORD } });
      await weft.close();
      expect(squatter.body.user.role).toBe('user');
    }
  });
});

describe('weft users create-operator', () => {
  let weft: TestWeft;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'weft-operators-'));
    // Before Weft starts, as on a fresh installation.
    const created = await weftUsers(dataDir, ['create-operator', '--email', 'First.Op@Example.com', '--password', TEST_PASSWORD]);
    expect(created, created.output).toMatchObject({ code: 0 });
    expect(created.output).toContain('first.op@example.com');
    weft = await startTestWeft({ dataDir });
  }, 180_000);
  afterAll(async () => {
    await weft.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates an operator with the password given, who may use the admin API', async () => {
    const session = await login(weft, 'first.op@example.com', TEST_PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body.user.role).toBe('admin');
    expect((await http(`${weft.url}/admin/users`, { token: session.body.token })).status).toBe(200);
  });

  it('without a password prints a one-time link; the link sets the password once, refusing a weak one first', async () => {
    const created = await weftUsers(dataDir, ['create-operator', '--email', 'second.op@example.com']);
    expect(created, created.output).toMatchObject({ code: 0 });
    const url = /https:\/\/weft\.example\.com\/backoffice\/#\/set-password\?token=([A-Za-z0-9_-]+)/.exec(created.output);
    expect(url, created.output).not.toBeNull();
    const token = url![1]!;

    // No password works until the link has set one.
    expect((await login(weft, 'second.op@example.com', TEST_PASSWORD)).status).toBe(401);

    const weak = await http<any>(`${weft.url}/auth/set-password`, { body: { token, password: 'qwertyuiop' } }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('auth.weak_password');

    expect((await http(`${weft.url}/auth/set-password`, { body: { token, password: 'a long and private phrase' } })).status).toBe(204);
    const session = await login(weft, 'second.op@example.com', 'a long and private phrase');
    expect(session.status).toBe(200);
    expect(session.body.user.role).toBe('admin');

    const again = await http<any>(`${weft.url}/auth/set-password`, { body: { token, password: 'another private phrase' } }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('auth.invalid_link');
    expect((await login(weft, 'second.op@example.com', 'another private phrase')).status).toBe(401);
  });

  it('refuses an email someone already signed up with, unless told to take it over (the squatter loses the account)', async () => {
    const squatter = await weft.signup('third.op@example.com');
    const refused = await weftUsers(dataDir, ['create-operator', '--email', 'third.op@example.com', '--password', 'an operator passphrase']);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/already has an account/);
    expect((await squatter.call('GET', '/user')).body.role).toBe('user');

    const taken = await weftUsers(dataDir, ['create-operator', '--email', 'third.op@example.com', '--password', 'an operator passphrase', '--take-over']);
    expect(taken, taken.output).toMatchObject({ code: 0 });
    expect((await squatter.call('GET', '/user')).status).toBe(401);
    expect((await login(weft, 'third.op@example.com', TEST_PASSWORD)).status).toBe(401);
    expect((await login(weft, 'third.op@example.com', 'an operator passphrase')).body.user.role).toBe('admin');
  });

  it('reads the role at every request: a demoted operator is refused at once, with the same token', async () => {
    const operator = await weft.operator();
    expect((await operator.call('GET', '/admin/users')).status).toBe(200);
    const demoted = await weftUsers(dataDir, ['set-role', '--email', operator.email, '--role', 'user']);
    expect(demoted, demoted.output).toMatchObject({ code: 0 });
    const refused = await operator.call('GET', '/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.forbidden');
    expect((await operator.call('PUT', '/admin/settings', {})).status).toBe(403);
  });
});

describe('with WEFT_SIGNUP=closed', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_SIGNUP: 'closed' } });
  });
  afterAll(() => weft.close());

  it('answers sign-ups 403 auth.signup_closed and creates no account', async () => {
    const refused = await http<any>(`${weft.url}/auth/signup`, { body: { email: 'walk-in@example.com', password: TEST_PASSWORD } }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.signup_closed');
    expect(await weft.weft.engine.store.getUserByEmail('walk-in@example.com')).toBeUndefined();
  });
});
