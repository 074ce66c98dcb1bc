/** @module Apply account: puts a generic account's credentials on an outgoing HTTP request (header, query, Basic, Bearer). */
import { CancelError, type AccountAuth } from '@weft/connector-kit';

/** The request with the credentials on it: `url` may gain a query parameter, `headers` a header. */
export function applyAccount(auth: AccountAuth, url: URL, headers: Headers): void {
  const { fields } = auth;
  switch (auth.type) {
    case 'bearer':
      headers.set('authorization', `Bearer ${fields.token ?? ''}`);
      return;
    case 'basic':
      headers.set('authorization', `Basic ${Buffer.from(`${fields.username ?? ''}:${fields.password ?? ''}`).toString('base64')}`);
      return;
    case 'oauth2':
      headers.set('authorization', `Bearer ${fields.accessToken ?? ''}`);
      return;
    case 'apiKey':
      if (fields.in === 'query') url.searchParams.set(fields.name ?? 'api_key', fields.value ?? '');
      else headers.set(fields.name ?? 'x-api-key', fields.value ?? '');
      return;
    default:
      throw new CancelError(`The account is of type "${auth.type}", which the HTTP request cannot apply; choose a Bearer, API key, Basic or OAuth 2 account.`, { path: 'properties.account' });
  }
}

/**
 * Every form in which the account's secrets could appear in text (the values, a Basic header's
 * base64): the engine scrubs them from log records and errors of the call that used them.
 */
export function secretForms(auth: AccountAuth, secretNames?: readonly string[]): string[] {
  const forms: string[] = [];
  for (const [name, value] of Object.entries(auth.fields)) {
    // A connector's account names its secret fields; a generic one's follow from its type.
    if (secretNames ? !secretNames.includes(name) : isPublicField(auth.type, name)) continue;
    forms.push(value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2));
  }
  if (auth.type === 'basic') forms.push(Buffer.from(`${auth.fields.username ?? ''}:${auth.fields.password ?? ''}`).toString('base64'));
  // Very short values would blank out ordinary words; they are too weak to be real secrets anyway.
  return [...new Set(forms)].filter((form) => form.length >= 4);
}

/** Fields of the generic types that are not secret (shown in answers, usable in messages). */
export const PUBLIC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  apiKey: ['in', 'name'], basic: ['username'], bearer: [],
  oauth2: ['grant', 'authorizationUrl', 'tokenUrl', 'clientId', 'scopes', 'expiresAt'],
};

export function isPublicField(type: string, name: string): boolean {
  return PUBLIC_FIELDS[type]?.includes(name) ?? false;
}
