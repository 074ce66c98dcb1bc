/**
 * @module SecretBox: seals values with AES-256-GCM under a key ring. Each sealed value carries the
 * id of the key that sealed it, so keys can be rotated: the first key seals, every key opens.
 *
 *   const box = new SecretBox(parseSecretKeys('k2:…base64…,k1:…base64…'));
 *   const sealed = box.seal('hunter2', 'account:acc_1');   // "wsec1:k2:<nonce|ciphertext|tag>"
 *   box.open(sealed, 'account:acc_1');                     // "hunter2"
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WeftError } from '@weft/connector-kit';

export interface SecretKey {
  /** Stored with every value it seals; letters, digits, `_` and `-`. */
  kid: string;
  /** 32 bytes. */
  key: Buffer;
}

const PREFIX = 'wsec1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KID = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses `WEFT_SECRET_KEYS`: `kid:base64key,…`, each key 32 bytes; the first seals. */
export function parseSecretKeys(spec: string): SecretKey[] {
  const keys: SecretKey[] = [];
  for (const entry of spec.split(/[,\n]/).map((part) => part.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const kid = colon < 0 ? '' : entry.slice(0, colon);
    if (!KID.test(kid)) throw keysInvalid(`"${kid || entry.slice(0, 8)}…" has no key id: write each key as kid:base64key (the id in letters, digits, _ and -).`);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) throw keysInvalid(`the key "${kid}" is ${key.length} bytes once base64-decoded; AES-256 needs 32 (make one with: openssl rand -base64 32).`);
    if (keys.some((k) => k.kid === kid)) throw keysInvalid(`the key id "${kid}" appears twice.`);
    keys.push({ kid, key });
  }
  if (keys.length === 0) throw keysInvalid('it names no key.');
  return keys;
}

/** A fresh key in the `kid:base64key` form of `WEFT_SECRET_KEYS`. */
export function generateSecretKey(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

export class SecretBox {
  readonly #keys: Map<string, Buffer>;
  readonly #current: SecretKey;

  constructor(keys: readonly SecretKey[]) {
    const [current] = keys;
    if (current === undefined) throw keysInvalid('it names no key.');
    this.#current = current;
    this.#keys = new Map(keys.map((k) => [k.kid, k.key]));
  }

  /** The id of the key that seals new values. */
  get currentKid(): string {
    return this.#current.kid;
  }

  /**
   * Seals `plain` with the current key and a random nonce. `context` (e.g. the account id) is bound
   * as associated data: a value copied onto another record does not open there.
   */
  seal(plain: string, context: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, nonce);
    cipher.setAAD(Buffer.from(`${this.#current.kid}\0${context}`));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}:${this.#current.kid}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    const { kid, data } = splitSealed(sealed);
    const key = this.#keys.get(kid);
    if (key === undefined) {
      throw new WeftError('secrets.unknown_key', `A secret was sealed with the key "${kid}", which WEFT_SECRET_KEYS does not hold; add that key back (after the current one) to read it.`);
    }
    if (data.length < NONCE_BYTES + TAG_BYTES) throw tampered();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(`${kid}\0${context}`));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw tampered(cause);
    }
  }

  /** Whether `sealed` was sealed with the current key (rotation skips those). */
  isCurrent(sealed: string): boolean {
    return splitSealed(sealed).kid === this.#current.kid;
  }
}

/** The key id a sealed value names. */
export function sealedKid(sealed: string): string {
  return splitSealed(sealed).kid;
}

function splitSealed(sealed: string): { kid: string; data: Buffer } {
  const [prefix, kid, data, ...rest] = sealed.split(':');
  if (prefix !== PREFIX || kid === undefined || data === undefined || rest.length > 0) throw tampered();
  return { kid, data: Buffer.from(data, 'base64url') };
}

function tampered(cause?: unknown): WeftError {
  return new WeftError('secrets.tampered', 'A stored secret does not decrypt: it was changed, copied from another record, or sealed with another key of the same id.', cause === undefined ? {} : { cause });
}

function keysInvalid(why: string): WeftError {
  return new WeftError('secrets.invalid_keys', `WEFT_SECRET_KEYS cannot be used: ${why}`, { path: 'WEFT_SECRET_KEYS' });
}
