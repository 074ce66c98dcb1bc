/**
 * @module Key ring: where the secret keys come from. `WEFT_SECRET_KEYS` when set; otherwise, on the
 * embedded Store, a key file in `WEFT_DATA_DIR` (created owner-only on first start) so that
 * `npm start` works on a bare machine. A MongoDB Store without keys has none: accounts cannot be
 * connected until an operator sets `WEFT_SECRET_KEYS` (the start log says so).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, parseSecretKeys, SecretBox } from './secret-box.ts';

export const KEY_FILE_NAME = 'secret-keys';

export interface KeyRing {
  box: SecretBox | undefined;
  /** Where the keys came from, for the start log. */
  source: 'env' | 'file' | 'file-created' | 'none';
  /** One line for the start log. */
  notice: string;
}

export interface KeyRingConfig {
  WEFT_SECRET_KEYS?: string | undefined;
  WEFT_STORE: 'embedded' | 'mongodb';
  WEFT_DATA_DIR: string;
}

export function loadKeyRing(config: KeyRingConfig): KeyRing {
  if (config.WEFT_SECRET_KEYS !== undefined && config.WEFT_SECRET_KEYS.trim() !== '') {
    const box = new SecretBox(parseSecretKeys(config.WEFT_SECRET_KEYS));
    return { box, source: 'env', notice: `Secrets: sealed with key "${box.currentKid}" from WEFT_SECRET_KEYS.` };
  }
  if (config.WEFT_STORE !== 'embedded') {
    return { box: undefined, source: 'none', notice: 'Secrets: WEFT_SECRET_KEYS is not set, so accounts cannot be connected; set it to kid:base64key (openssl rand -base64 32).' };
  }
  const file = join(config.WEFT_DATA_DIR, KEY_FILE_NAME);
  if (existsSync(file)) {
    const box = new SecretBox(parseSecretKeys(readFileSync(file, 'utf8')));
    return { box, source: 'file', notice: `Secrets: sealed with key "${box.currentKid}" from ${file}.` };
  }
  mkdirSync(config.WEFT_DATA_DIR, { recursive: true, mode: 0o700 });
  const kid = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  // `wx`: two processes starting at once never overwrite each other's key.
  try {
    writeFileSync(file, `${generateSecretKey(kid)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadKeyRing(config);
  }
  chmodSync(file, 0o600);
  const box = new SecretBox(parseSecretKeys(readFileSync(file, 'utf8')));
  return {
    box, source: 'file-created',
    notice: `Secrets: WEFT_SECRET_KEYS is not set; created a key in ${file} (mode 0600). Back it up with the data: without it, stored account secrets cannot be read.`,
  };
}
