import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../adapters/embedded/store.ts';
import type { AccountRecord } from '../ports/store.ts';
import { generateSecretKey, KEY_FILE_NAME, loadKeyRing, openAccountSecrets, parseSecretKeys, rotateSecrets, sealAccountSecrets, SecretBox, sealedKid } from './index.ts';

const k1 = generateSecretKey('k1');
const k2 = generateSecretKey('k2');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('SecretBox', () => {
  it('seals with AES-256-GCM under the first key and a fresh nonce each time, and opens again', () => {
    const box = new SecretBox(parseSecretKeys(`${k1},${k2}`));
    const a = box.seal('hunter2', 'account:1');
    const b = box.seal('hunter2', 'account:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(sealedKid(a)).toBe('k1');
    expect(box.open(a, 'account:1')).toBe('hunter2');
    expect(box.open(b, 'account:1')).toBe('hunter2');
  });

  it('opens values sealed by any key of the ring, and seals only with the first', () => {
    const old = new SecretBox(parseSecretKeys(k2)).seal('s3cret', 'ctx');
    const ring = new SecretBox(parseSecretKeys(`${k1},${k2}`));
    expect(ring.open(old, 'ctx')).toBe('s3cret');
    expect(ring.isCurrent(old)).toBe(false);
    expect(ring.isCurrent(ring.seal('x', 'ctx'))).toBe(true);
  });

  it('detects a changed byte, a changed key id and a value moved to another record', () => {
    const box = new SecretBox(parseSecretKeys(k1));
    const sealed = box.seal('hunter2', 'account:1');
    const [prefix, kid, data] = sealed.split(':') as [string, string, string];
    const bytes = Buffer.from(data, 'base64url');
    bytes[14] = bytes[14]! ^ 1;
    expect(codeOf(() => box.open(`${prefix}:${kid}:${bytes.toString('base64url')}`, 'account:1'))).toBe('secrets.tampered');
    expect(codeOf(() => box.open(sealed, 'account:2'))).toBe('secrets.tampered');
    expect(codeOf(() => box.open('not sealed', 'account:1'))).toBe('secrets.tampered');
    // Same kid, other key bytes: the tag does not verify.
    expect(codeOf(() => new SecretBox(parseSecretKeys(generateSecretKey('k1'))).open(sealed, 'account:1'))).toBe('secrets.tampered');
  });

  it('names the missing key when a value was sealed with a key the ring no longer holds', () => {
    const sealed = new SecretBox(parseSecretKeys(k2)).seal('x', 'ctx');
    const box = new SecretBox(parseSecretKeys(k1));
    expect(codeOf(() => box.open(sealed, 'ctx'))).toBe('secrets.unknown_key');
    expect(() => box.open(sealed, 'ctx')).toThrow(/"k2"/);
  });

  it('refuses key lists without ids, of the wrong length or with a repeated id', () => {
    expect(codeOf(() => parseSecretKeys('AAAA'))).toBe('secrets.invalid_keys');
    expect(codeOf(() => parseSecretKeys(`k1:${Buffer.alloc(16).toString('base64')}`))).toBe('secrets.invalid_keys');
    expect(codeOf(() => parseSecretKeys(`${k1},${k1}`))).toBe('secrets.invalid_keys');
    expect(codeOf(() => parseSecretKeys(' , '))).toBe('secrets.invalid_keys');
  });
});

describe('the key ring', () => {
  it('creates an owner-only key file on the embedded store when no keys are set, then reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-keys-'));
    const first = loadKeyRing({ WEFT_STORE: 'embedded', WEFT_DATA_DIR: dir });
    expect(first.source).toBe('file-created');
    expect(first.notice).toContain(join(dir, KEY_FILE_NAME));
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    const second = loadKeyRing({ WEFT_STORE: 'embedded', WEFT_DATA_DIR: dir });
    expect(second.source).toBe('file');
    expect(second.box!.open(first.box!.seal('x', 'c'), 'c')).toBe('x');
    expect(readFileSync(join(dir, KEY_FILE_NAME), 'utf8')).toMatch(/^k\d{8}:[A-Za-z0-9+/=]{44}\n$/);
  });

  it('takes WEFT_SECRET_KEYS first, and has no key on MongoDB without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-keys-'));
    expect(loadKeyRing({ WEFT_STORE: 'embedded', WEFT_DATA_DIR: dir, WEFT_SECRET_KEYS: k2 }).box!.currentKid).toBe('k2');
    const none = loadKeyRing({ WEFT_STORE: 'mongodb', WEFT_DATA_DIR: dir });
    expect(none.box).toBeUndefined();
    expect(none.notice).toContain('WEFT_SECRET_KEYS');
  });
});

describe('weft secrets rotate', () => {
  it('re-seals every account with the current key and leaves current ones alone', async () => {
    const store = new EmbeddedStore({ file: ':memory:' });
    const oldBox = new SecretBox(parseSecretKeys(k2));
    const account = (id: string, sealed: string): AccountRecord => ({
      id, userId: 'u1', type: 'bearer', name: id, fields: {}, sealed, profile: {}, status: 'valid', createdAt: 1, updatedAt: 1,
    });
    await store.createAccount(account('a1', sealAccountSecrets(oldBox, 'a1', { token: 'tok-1' })));
    await store.createAccount(account('a2', sealAccountSecrets(oldBox, 'a2', { token: 'tok-2' })));
    const ring = new SecretBox(parseSecretKeys(`${k1},${k2}`));
    await store.createAccount(account('a3', sealAccountSecrets(ring, 'a3', { token: 'tok-3' })));

    expect(await rotateSecrets(store, ring)).toEqual({ rotated: 2, current: 1 });
    const onlyNew = new SecretBox(parseSecretKeys(k1));
    for (const [id, token] of [['a1', 'tok-1'], ['a2', 'tok-2'], ['a3', 'tok-3']] as const) {
      const stored = (await store.getAccount(id))!;
      expect(sealedKid(stored.sealed)).toBe('k1');
      expect(openAccountSecrets(onlyNew, id, stored.sealed)).toEqual({ token });
    }
    expect(await rotateSecrets(store, ring)).toEqual({ rotated: 0, current: 3 });
    await store.close();
  });
});
