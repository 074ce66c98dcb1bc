import { describe, expect, it } from 'vitest';
import { accountOptions } from './account-picker.ts';
import { authHooksProblem, checkAuthFields } from './auth.ts';
import type { OptionsContext } from './context.ts';
import { ConnectorAuth } from './package.ts';

const auth = ConnectorAuth.parse({
  type: 'custom',
  fields: {
    host: { label: 'Host', required: true },
    port: { label: 'Port', type: 'number' },
    tls: { label: 'TLS', type: 'toggle' },
    password: { label: 'Password', type: 'password', required: true },
  },
});

describe('checking account fields against a connector\'s declaration', () => {
  it('splits password fields (secret) from the others, all as text', () => {
    expect(checkAuthFields(auth, { host: 'db', port: 5432, tls: false, password: 'pw' })).toEqual({
      ok: true, plain: { host: 'db', port: '5432', tls: 'false' }, secret: { password: 'pw' },
    });
  });

  it('reports missing required fields, wrong types and unknown names', () => {
    const checked = checkAuthFields(auth, { port: 'many', tls: 'yes', extra: 1 });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((problem) => problem.field)).toEqual(['extra', 'host', 'port', 'tls', 'password']);
    expect(checked.problems[1]?.message).toBe('Host is required');
  });

  it('keeps the previous values of fields a change does not give', () => {
    expect(checkAuthFields(auth, { host: 'new' }, { host: 'old', password: 'kept' })).toMatchObject({ ok: true, plain: { host: 'new' }, secret: { password: 'kept' } });
  });
});

describe('a connector\'s account picker', () => {
  it('lists only that connector\'s accounts and marks invalid ones', async () => {
    const context = {
      listAccounts: async () => [
        { id: 'a1', name: 'Prod', type: 'custom', status: 'valid', connector: 'acme.db' },
        { id: 'a2', name: 'Old', type: 'custom', status: 'invalid', connector: 'acme.db' },
        { id: 'a3', name: 'API', type: 'bearer', status: 'valid' },
      ],
    } as unknown as OptionsContext;
    expect(await accountOptions('acme.db')('accounts', context)).toEqual([{ label: 'Prod', value: 'a1' }, { label: 'Old (invalid)', value: 'a2' }]);
  });
});

describe('the auth export of a components module', () => {
  it('accepts hooks that are functions and names the one that is not', () => {
    expect(authHooksProblem(undefined)).toBeUndefined();
    expect(authHooksProblem({ test: async () => undefined })).toBeUndefined();
    expect(authHooksProblem({ profile: 'me' })).toBe('auth.profile must be a function');
  });
});
