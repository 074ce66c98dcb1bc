/** @module Password policy: what a new password must be (sign-up, set-password, `weft users create-operator`). */
import { readFileSync } from 'node:fs';
import { WeftError } from '@weft/connector-kit';
import { MIN_PASSWORD_LENGTH } from '@weft/api-client';

let common: Set<string> | undefined;

/** Read once, on first use: about 1,600 lines. Shorter common passwords fail the length rule anyway. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

/** Why `password` may not be used, or undefined when it may. */
export function passwordWeakness(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  const lower = password.trim().toLowerCase();
  if (commonPasswords().has(lower)) return 'This password is one of the most common ones, the first an attacker tries; choose another.';
  if (email !== undefined && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0])) {
    return 'The password may not be the email address; choose another.';
  }
  return undefined;
}

export function assertStrongPassword(password: string, email?: string, path = 'body.password'): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new WeftError('auth.weak_password', weakness, { status: 400, path, retry: 'never' });
}
