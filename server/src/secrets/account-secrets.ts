/** @module Account secrets: seal and open the secret fields of one account, bound to its id. */
import type { SecretBox } from './secret-box.ts';

/** Associated data of an account's sealed fields: a value copied onto another account does not open there. */
export function accountSecretContext(accountId: string): string {
  return `account:${accountId}`;
}

export function sealAccountSecrets(box: SecretBox, accountId: string, secrets: Record<string, string>): string {
  return box.seal(JSON.stringify(secrets), accountSecretContext(accountId));
}

export function openAccountSecrets(box: SecretBox, accountId: string, sealed: string): Record<string, string> {
  const value: unknown = JSON.parse(box.open(sealed, accountSecretContext(accountId)));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
