/** @module Account schemas: connected accounts (`/accounts`), shared by the server and the client. */
import { z } from 'zod';

/** How secret fields are shown in every answer: never their value. */
export const SECRET_MASK = '••••';

const AccountName = z.string().trim().min(1).max(200);
const Secret = z.string().min(1).max(8192);
/** An HTTP header or query parameter name. */
const ParamName = z.string().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'use the characters an HTTP header name may have');
/** Where the server checks the credentials when the account is created or tested (a GET that must answer 2xx). */
const TestUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const AccountType = z.enum(['bearer', 'apiKey', 'basic', 'oauth2']);
export type AccountType = z.infer<typeof AccountType>;
export const AccountStatus = z.enum(['valid', 'invalid', 'refreshing']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const BearerFields = z.object({ token: Secret });
export const ApiKeyFields = z.object({ in: z.enum(['header', 'query']), name: ParamName, value: Secret });
export const BasicFields = z.object({ username: z.string().min(1).max(500), password: Secret });

/** `POST /accounts` of a generic account: the credentials, tested against `testUrl` (when given) before they are stored. */
export const GenericAccountBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), name: AccountName, fields: BearerFields, testUrl: TestUrl.optional() }),
  z.object({ type: z.literal('apiKey'), name: AccountName, fields: ApiKeyFields, testUrl: TestUrl.optional() }),
  z.object({ type: z.literal('basic'), name: AccountName, fields: BasicFields, testUrl: TestUrl.optional() }),
]);
/** The values of a connector's own account fields (`weft.auth.fields`); the server checks them against the declaration. */
export const ConnectorAccountFields = z.record(z.string().min(1).max(200), z.union([z.string().max(8192), z.number(), z.boolean()]));
/** `POST /accounts` of a connector's own account: checked against its declared fields, then its `test` hook. */
export const ConnectorAccountBody = z.object({ connector: z.string().min(1).max(200), name: AccountName, fields: ConnectorAccountFields });
/** `POST /accounts`: a generic account (`type`) or a connector's own (`connector`). */
export const CreateAccountBody = z.union([GenericAccountBody, ConnectorAccountBody]);
export type CreateAccountBody = z.input<typeof CreateAccountBody>;

/** `PATCH /accounts/:id`: rename, or give new values (a new secret); fields not given keep theirs. `testUrl: null` removes it. */
export const UpdateAccountBody = z.object({
  name: AccountName.optional(),
  fields: z.record(z.string(), z.union([z.string().max(8192), z.number(), z.boolean()])).optional(),
  testUrl: TestUrl.nullable().optional(),
});
export type UpdateAccountBody = z.input<typeof UpdateAccountBody>;

/** An account as the API shows it: secret fields are `••••`. */
export const Account = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  connector: z.string().optional(),
  fields: z.record(z.string(), z.string()),
  testUrl: z.string().optional(),
  profile: z.record(z.string(), z.unknown()),
  status: AccountStatus,
  statusReason: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastUsedAt: z.number().optional(),
});
export type Account = z.infer<typeof Account>;
export const AccountList = z.object({ items: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

export const DeleteAccountQuery = z.object({ force: z.enum(['true', 'false']).optional() });
/** The 409 `account.in_use` answer's `details`: the running flows that use the account. */
export const AccountInUse = z.object({ flows: z.array(z.object({ flowId: z.string(), name: z.string() })) });
export type AccountInUse = z.infer<typeof AccountInUse>;

/** `POST /accounts/:id/test`: against `url`, or the account's `testUrl` (a connector's account: its `test` hook). */
export const TestAccountBody = z.object({ url: TestUrl.optional() });
export type TestAccountBody = z.input<typeof TestAccountBody>;
/** The account's status after the test, and what the service answered. */
export const AccountTestResult = z.object({ ok: z.boolean(), status: z.number().int().optional(), message: z.string(), account: Account });
export type AccountTestResult = z.infer<typeof AccountTestResult>;

/** One field a connector's account form asks for (its `weft.auth.fields`); `password` fields are secret. */
export const AccountTypeField = z.object({
  label: z.string(),
  type: z.enum(['text', 'password', 'number', 'toggle']),
  required: z.boolean().optional(),
  tooltip: z.string().optional(),
});
export type AccountTypeField = z.infer<typeof AccountTypeField>;
/** A connector's own kind of account, for the connect form: `oauth2` ones connect through the popup. */
export const ConnectorAccountType = z.object({
  connector: z.string(),
  label: z.string(),
  icon: z.string().optional(),
  /** `weft.auth.type`: `apiKey`, `pwd`, `custom` (a form of `fields`) or `oauth2` (the popup). */
  type: z.string(),
  fields: z.record(z.string(), AccountTypeField),
});
export type ConnectorAccountType = z.infer<typeof ConnectorAccountType>;
/** `GET /accounts/types`: the installed connectors that declare accounts, by label. */
export const AccountTypeList = z.object({ items: z.array(ConnectorAccountType) });
export type AccountTypeList = z.infer<typeof AccountTypeList>;

// OAuth 2 -------------------------------------------------------------------------------------
const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** A generic OAuth 2 provider, given by the user (or operator): any API reachable before a dedicated connector exists. */
export const OAuthDefinition = z.object({
  grant: z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
  /** Needed for `authorization_code`. */
  authorizationUrl: HttpUrl.optional(),
  tokenUrl: HttpUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional(),
  scopes: z.array(z.string().min(1).max(200)).max(100).default([]),
  /** Send a PKCE S256 challenge (authorization code). */
  pkce: z.boolean().default(true),
});
export type OAuthDefinition = z.input<typeof OAuthDefinition>;

/** `POST /accounts/oauth/start`. `openerOrigin`: the page that opened the popup (the callback page posts the result to it only). */
export const OAuthStartBody = z.object({
  name: AccountName,
  /** The provider as the user gives it… */
  authDefinition: OAuthDefinition.optional(),
  /** …or a connector whose OAuth settings an operator configured (`PUT /connectors/:name/config`). */
  connector: z.string().min(1).max(200).optional(),
  openerOrigin: z.url({ protocol: /^https?$/ }).optional(),
  /** Reconnect: the new tokens replace those of this OAuth 2 account of the caller's (its id, and the flows naming it, stay). */
  accountId: z.string().min(1).max(200).optional(),
}).refine((body) => (body.authDefinition === undefined) !== (body.connector === undefined), {
  message: 'give either authDefinition or connector', path: ['authDefinition'],
}).refine((body) => body.authDefinition === undefined || body.authDefinition.grant !== 'authorization_code' || body.authDefinition.authorizationUrl !== undefined, {
  message: 'an authorization code grant needs authorizationUrl', path: ['authDefinition', 'authorizationUrl'],
});
export type OAuthStartBody = z.input<typeof OAuthStartBody>;
/** Authorization code: open `authorizeUrl` in a popup; client credentials: the account, connected at once. */
export const OAuthStartResponse = z.union([z.object({ authorizeUrl: z.string(), state: z.string() }), z.object({ account: Account })]);
export type OAuthStartResponse = z.infer<typeof OAuthStartResponse>;

// Connector configuration (operators) ------------------------------------------------------
export const ConnectorConfigValue = z.union([z.string().max(4000), z.number(), z.boolean()]);
/**
 * `PUT /connectors/:name/config`: per-connector values (OAuth `authorizationUrl`, `tokenUrl`,
 * `clientId`, `clientSecret`, `scopes`, base URLs, feature flags). `secretFields` are encrypted and
 * answered as `••••`; so is any field named like a secret (`clientSecret`, `apiKey`, …).
 */
export const ConnectorConfigBody = z.object({
  values: z.record(z.string().min(1).max(200), ConnectorConfigValue),
  secretFields: z.array(z.string().min(1).max(200)).max(100).default([]),
});
export type ConnectorConfigBody = z.input<typeof ConnectorConfigBody>;
export const ConnectorConfig = z.object({
  connector: z.string(),
  values: z.record(z.string(), ConnectorConfigValue),
  secretFields: z.array(z.string()),
  updatedAt: z.number().optional(),
});
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;
