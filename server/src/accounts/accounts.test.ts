import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../adapters/embedded/store.ts';
import { generateSecretKey, parseSecretKeys, SecretBox } from '../secrets/index.ts';
import { Accounts } from './accounts.ts';

const untested = async () => ({ ok: true, message: 'not called' });

describe('Accounts', () => {
  it('refuses to connect an account without a key to seal it (MongoDB without WEFT_SECRET_KEYS)', async () => {
    const store = new EmbeddedStore({ file: ':memory:' });
    const accounts = new Accounts(store, undefined, untested);
    await expect(accounts.create('u1', { type: 'bearer', name: 'CRM', fields: { token: 'tok-123456' } })).rejects.toMatchObject({ code: 'secrets.no_key' });
    expect(await store.listAccounts({})).toEqual([]);
    await store.close();
  });

  it('stores only the sealed secret and lends it decrypted to the owner only', async () => {
    const store = new EmbeddedStore({ file: ':memory:' });
    const accounts = new Accounts(store, new SecretBox(parseSecretKeys(generateSecretKey('k1'))), untested);
    const created = await accounts.create('u1', { type: 'basic', name: 'Legacy', fields: { username: 'ada', password: 'pw-123456' } });
    const stored = await store.getAccount(created.id);
    expect(JSON.stringify(stored)).not.toContain('pw-123456');
    expect(stored?.fields).toEqual({ username: 'ada' });
    const resolved = await accounts.resolve('u1', created.id);
    expect(resolved.auth).toEqual({ accountId: created.id, type: 'basic', fields: { username: 'ada', password: 'pw-123456' } });
    expect(resolved.secrets).toEqual(expect.arrayContaining(['pw-123456', Buffer.from('ada:pw-123456').toString('base64')]));
    expect(resolved.secrets).not.toContain('ada');
    await expect(accounts.resolve('u2', created.id)).rejects.toMatchObject({ code: 'account.not_found' });
    await store.close();
  });
});

describe('when deliveries use an account', () => {
  it('records lastUsedAt, at most once a minute', async () => {
    const store = new EmbeddedStore({ file: ':memory:' });
    let now = 1_000_000;
    const accounts = new Accounts(store, new SecretBox(parseSecretKeys(generateSecretKey('k1'))), untested, undefined, () => now);
    const created = await accounts.create('u1', { type: 'bearer', name: 'CRM', fields: { token: 'tok-123456' } });
    expect(created.lastUsedAt).toBeUndefined();
    await Promise.all([accounts.resolve('u1', created.id), accounts.resolve('u1', created.id)]);
    expect((await accounts.get('u1', created.id)).lastUsedAt).toBe(1_000_000);
    now += 30_000;
    await accounts.resolve('u1', created.id);
    expect((await accounts.get('u1', created.id)).lastUsedAt).toBe(1_000_000);
    now += 31_000;
    await accounts.resolve('u1', created.id);
    expect((await accounts.get('u1', created.id)).lastUsedAt).toBe(1_061_000);
    await store.close();
  });
});
