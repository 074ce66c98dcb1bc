/**
 * @module Account kinds: what the connect form asks for. The generic kinds of the HTTP Request
 * (bearer, API key, Basic, OAuth 2) are fixed here; a connector's kind comes from its declared fields.
 */
import type { Account, AccountTypeField, ConnectorAccountType } from '@weft/api-client';

export type GenericKind = 'bearer' | 'apiKey' | 'basic' | 'oauth2';

export interface KindField extends AccountTypeField {
  /** A select's choices (value → strings key). */
  choices?: readonly { value: string; labelKey: string }[];
  /** Strings key of the label (generic kinds); connectors give `label` as is. */
  labelKey?: string;
}

/** One choice of the form: a generic kind or a connector's. */
export interface AccountKind {
  id: string;
  /** Shown in the kind select. */
  label?: string;
  labelKey?: string;
  connector?: string;
  /** `oauth2`: connected through the popup. */
  type: string;
  fields: Record<string, KindField>;
  /** Generic non-OAuth kinds may be checked against a URL the user gives. */
  hasTestUrl: boolean;
}

const field = (labelKey: string, type: AccountTypeField['type'], required = true): KindField => ({ label: labelKey, labelKey, type, required });

export const GENERIC_KINDS: readonly AccountKind[] = [
  { id: 'bearer', type: 'bearer', labelKey: 'accounts.kind.bearer', hasTestUrl: true, fields: { token: field('accounts.field.token', 'password') } },
  {
    id: 'apiKey', type: 'apiKey', labelKey: 'accounts.kind.apiKey', hasTestUrl: true,
    fields: {
      in: { ...field('accounts.field.in', 'text'), choices: [{ value: 'header', labelKey: 'accounts.field.in.header' }, { value: 'query', labelKey: 'accounts.field.in.query' }] },
      name: field('accounts.field.keyName', 'text'),
      value: field('accounts.field.keyValue', 'password'),
    },
  },
  { id: 'basic', type: 'basic', labelKey: 'accounts.kind.basic', hasTestUrl: true, fields: { username: field('accounts.field.username', 'text'), password: field('accounts.field.password', 'password') } },
  {
    id: 'oauth2', type: 'oauth2', labelKey: 'accounts.kind.oauth2', hasTestUrl: false,
    fields: {
      authorizationUrl: field('accounts.field.authorizationUrl', 'text'),
      tokenUrl: field('accounts.field.tokenUrl', 'text'),
      clientId: field('accounts.field.clientId', 'text'),
      clientSecret: field('accounts.field.clientSecret', 'password', false),
      scopes: field('accounts.field.scopes', 'text', false),
    },
  },
];

export function connectorKind(type: ConnectorAccountType): AccountKind {
  return { id: `connector:${type.connector}`, label: type.label, connector: type.connector, type: type.type, fields: type.type === 'oauth2' ? {} : type.fields, hasTestUrl: false };
}

/** The kinds a form offers: one connector's, or the generic ones and every connector's. */
export function kindsFor(types: readonly ConnectorAccountType[], connector?: string): AccountKind[] {
  if (connector !== undefined) {
    const type = types.find((item) => item.connector === connector);
    return type ? [connectorKind(type)] : [];
  }
  return [...GENERIC_KINDS, ...types.map(connectorKind)];
}

/** The kind an existing account was made with (to reconnect it). */
export function kindOf(account: Account, types: readonly ConnectorAccountType[]): AccountKind | undefined {
  if (account.connector !== undefined) {
    const type = types.find((item) => item.connector === account.connector);
    return type ? connectorKind(type) : undefined;
  }
  return GENERIC_KINDS.find((kind) => kind.id === account.type);
}

/** Starting values of the form: the plain values of an account being reconnected (secrets stay empty). */
export function initialValues(kind: AccountKind, account?: Account): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(kind.fields)) {
    const current = account?.fields[name];
    values[name] = spec.type === 'password' || current === undefined || current === '••••' ? (spec.choices?.[0]?.value ?? (spec.type === 'toggle' ? 'false' : '')) : current;
  }
  return values;
}
