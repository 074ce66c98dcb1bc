/**
 * @module Route table: every route of the REST API, keyed `'<METHOD> <path>'` (OpenAPI-style `{id}`
 * parameters), with who may call it and the zod schemas of its query, body and answer. The server
 * validates requests and enforces roles from it, `GET /openapi.json` is generated from it, and a
 * server test fails when a handler has no entry here or an entry has no handler.
 */
import { z } from 'zod';
import * as accountSchemas from './account-schemas.ts';
import * as adminSchemas from './admin-schemas.ts';
import * as appEventSchemas from './app-event-schemas.ts';
import * as auditSchemas from './audit-schemas.ts';
import * as bundleSchemas from './bundle-schemas.ts';
import * as connectorSchemas from './connector-schemas.ts';
import * as hostSchemas from './host-schemas.ts';
import * as baseSchemas from './schemas.ts';
import * as staffSchemas from './staff-schemas.ts';
import * as templateSchemas from './template-schemas.ts';

const s = { ...baseSchemas, ...auditSchemas, ...adminSchemas, ...accountSchemas, ...appEventSchemas, ...bundleSchemas, ...connectorSchemas, ...hostSchemas, ...staffSchemas, ...templateSchemas };

export type HostKeyScopeName = z.infer<typeof hostSchemas.HostKeyScope>;
/**
 * Who may call a route: `none` (public), `user` (a signed-in user, see `role`), `staff` (an operator
 * or support staff), `operator` (role admin), `hostKey:<scope>` (a host API key with that scope).
 * A list means any one of them.
 */
export type RouteAuth = 'none' | 'user' | 'staff' | 'operator' | `hostKey:${HostKeyScopeName}`;
export type RouteRole = 'viewer' | 'editor' | 'owner';
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  summary: string;
  auth: RouteAuth | readonly RouteAuth[];
  /** With `user` auth: the lowest tenant role that may call it. `editor` or `owner` makes it a write route. */
  role?: RouteRole;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The success status (default 200). */
  status?: number;
  /** Support staff may call this write route (retrying an unprocessed message); they may call no other. */
  supportMayWrite?: boolean;
  /** The body is a gzipped tarball, not JSON. */
  tarball?: boolean;
  /** The route answers every method (a webhook); listed under POST. */
  anyMethod?: boolean;
}

/** `"session": "cookie"` (the Studio and Backoffice, with `X-Weft-CSRF`): the token goes into an HttpOnly cookie, not the body. */
const SessionRequest = s.Credentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SignupSessionRequest = s.SignupCredentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SessionAnswer = z.union([s.AuthResponse, s.SessionResponse]);

export const ROUTES = {
  'POST /auth/signup': { summary: 'Create an account (role user) and get a token (or the session cookie); 403 auth.signup_closed when sign-up is closed, 400 auth.weak_password', body: SignupSessionRequest, response: SessionAnswer, status: 201, auth: 'none' },
  'POST /auth/login': { summary: 'Get a token (or the session cookie); 429 auth.rate_limited with Retry-After after too many failures', body: SessionRequest, response: SessionAnswer, auth: 'none' },
  'POST /auth/set-password': { summary: 'Set a password with the token of a one-time link (`weft users create-operator`); 400 auth.invalid_link', body: s.SetPasswordBody, status: 204, auth: 'none' },
  'POST /auth/logout': { summary: 'Revoke the token used and clear the session cookie', status: 204, auth: 'user', role: 'viewer' },
  'GET /user': { summary: 'The current user', response: s.PublicUser, auth: 'user', role: 'viewer' },
  'GET /flows': { summary: 'List flows', query: s.FlowListQuery, response: s.FlowList, auth: 'user', role: 'viewer' },
  'POST /flows': { summary: 'Create a flow', body: s.CreateFlowBody, response: s.CreatedFlow, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}': { summary: 'Read a flow', response: s.Flow, auth: 'user', role: 'viewer' },
  'PUT /flows/{id}': { summary: 'Update a flow (409 with the current flow on a stale version)', body: s.UpdateFlowBody, response: s.Flow, auth: 'user', role: 'editor' },
  'DELETE /flows/{id}': { summary: 'Delete a flow', status: 204, auth: 'user', role: 'editor' },
  'POST /flows/{id}/start': { summary: 'Start a flow, publishing a changed draft first (422 flow.invalid with the problems)', response: s.Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/publish': { summary: 'Publish the draft as the next version; a running flow switches to it (409 on a stale draft version, 422 flow.invalid)', body: s.PublishFlowBody, response: s.Flow, auth: 'user', role: 'editor' },
  'POST /app-events/{name}': { summary: 'Fire an app event: host key (scope events) naming "tenant" (and optionally "user"), or a user token for its own flows; every running flow whose AppEvent listens for the name starts a run', body: s.FireAppEventBody, response: s.FiredAppEvent, status: 202, auth: ['hostKey:events', 'user'], role: 'editor' },
  'PUT /app-events/{name}/schema': { summary: 'Register an app event with the schema of its data (host key with scope events, or an operator)', body: s.AppEventSchemaBody, response: s.AppEventInfo, auth: ['hostKey:events', 'operator'] },
  'DELETE /app-events/{name}/schema': { summary: 'Unregister an app event (host key with scope events, or an operator)', status: 204, auth: ['hostKey:events', 'operator'] },
  'GET /app-events': { summary: 'Registered app events with their schemas', response: s.AppEventList, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'GET /flows/{id}/export': { summary: 'Export the flow with the flows it calls or reports to, their custom modifiers and connector versions (a bundle)', response: s.FlowBundle, auth: 'user', role: 'viewer' },
  'POST /flows/import': { summary: 'Import a bundle as new stopped flows (422 bundle.unsatisfied listing what this engine lacks; nothing is created then)', body: s.FlowBundle, response: s.ImportedFlows, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}/versions': { summary: 'List published versions, newest first', response: s.FlowVersionList, auth: 'user', role: 'viewer' },
  'GET /flows/{id}/versions/{version}': { summary: 'Read a published version with its descriptor', response: s.FlowVersion, auth: 'user', role: 'viewer' },
  'POST /flows/{id}/versions/{version}/restore': { summary: 'Copy a published version into the draft (not published; 409 on a stale draft version)', body: s.RestoreVersionBody, response: s.Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/stop': { summary: 'Stop a flow', response: s.Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/clone': { summary: 'Clone a flow', body: s.CloneFlowBody, response: s.CreatedFlow, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}/validate': { summary: 'Validate a flow against the component manifests', response: s.ValidationReport, auth: 'user', role: 'viewer' },
  'POST /flows/{id}/test': { summary: 'Test run from a trigger', body: s.TestRunBody, response: s.TestRunResponse, status: 202, auth: 'user', role: 'editor' },
  'POST /flows/{flowId}/components/{componentId}': { summary: 'Webhook (any method): held until a Response answers (204 if the run ends without one, 504 after the timeout), or 202 at once', auth: 'none', anyMethod: true },
  'GET /components': { summary: 'Component manifests', query: s.ComponentListQuery, response: s.ComponentList, auth: 'user', role: 'viewer' },
  'GET /components/{type}': { summary: 'One manifest', response: s.ComponentManifest, auth: 'user', role: 'viewer' },
  'GET /components/{type}/options/{name}': { summary: 'Options of an inspector select (`?properties=` JSON of the current values)', query: s.ComponentOptionsQuery, response: s.ComponentOptions, auth: 'user', role: 'viewer' },
  'GET /logs': { summary: 'Log records, or a histogram with ?histogram=1m; staff may filter by tenantId and userId (others: 403 auth.staff_only_filter for another tenant)', query: s.LogQuery, response: z.union([s.LogPage, s.LogHistogram]), auth: 'user', role: 'viewer' },
  'GET /logs/stream': { summary: 'Live tail (Server-Sent Events)', query: s.LogQuery, auth: 'user', role: 'viewer' },
  'GET /unprocessed-messages': { summary: 'Unprocessed messages', query: s.UnprocessedQuery, response: s.UnprocessedList, auth: 'user', role: 'viewer' },
  'GET /unprocessed-messages/{id}': { summary: 'One unprocessed message', response: s.UnprocessedMessage, auth: 'user', role: 'viewer' },
  'DELETE /unprocessed-messages/{id}': { summary: 'Delete an unprocessed message', status: 204, auth: 'user', role: 'editor' },
  'POST /unprocessed-messages/{id}/retry': { summary: 'Retry, optionally with edited content', body: s.RetryBody, response: s.RetryResponse, auth: 'user', role: 'editor', supportMayWrite: true },
  'GET /runs': { summary: 'Run history: one record per trigger (correlation id), newest first, with cursor paging', query: s.RunQuery, response: s.RunPage, auth: 'user', role: 'viewer' },
  'GET /runs/{correlationId}': { summary: 'One run (404 run.not_found, also for another user\'s)', response: s.Run, auth: 'user', role: 'viewer' },
  'POST /runs/{correlationId}/cancel': { summary: 'Cancel a run: its pending messages and timers are dropped, and the cancellation is logged (409 run.ended)', response: s.Run, auth: 'user', role: 'editor' },
  'GET /accounts': { summary: 'Your connected accounts; secret fields are shown as ••••', response: s.AccountList, auth: 'user', role: 'viewer' },
  'GET /accounts/types': { summary: 'The installed connectors that declare their own accounts, with the fields their connect form asks for', response: s.AccountTypeList, auth: 'user', role: 'viewer' },
  'POST /accounts': { summary: 'Connect an account: bearer, apiKey, basic (tested against testUrl first when given), or { connector, name, fields } checked against the connector\'s declared fields and test hook (422 account.test_failed); 503 secrets.no_key without keys', body: s.CreateAccountBody, response: s.Account, status: 201, auth: 'user', role: 'editor' },
  'POST /accounts/oauth/start': { summary: 'Start an OAuth 2 grant for a generic account (authDefinition) or a configured connector (connector): authorization code (PKCE) answers { authorizeUrl, state } to open in a popup; client credentials answers 201 { account }', body: s.OAuthStartBody, response: s.OAuthStartResponse, auth: 'user', role: 'editor' },
  'GET /oauth/callback': { summary: 'Where the provider sends the popup back: stores the tokens and answers a page that posts { type: "weft:oauth", ok, state, accountId?, error? } to the opener. State: single-use, 10 minutes', auth: 'none' },
  'GET /accounts/{id}': { summary: 'One account (secrets as ••••)', response: s.Account, auth: 'user', role: 'viewer' },
  'PATCH /accounts/{id}': { summary: 'Rename an account or give new field values (a new secret)', body: s.UpdateAccountBody, response: s.Account, auth: 'user', role: 'editor' },
  'DELETE /accounts/{id}': { summary: 'Remove an account; 409 account.in_use with details.flows while running flows use it, unless ?force=true (stops them)', query: s.DeleteAccountQuery, status: 204, auth: 'user', role: 'editor' },
  'POST /accounts/{id}/test': { summary: 'Test the credentials with a GET to url (or the account\'s testUrl); the outcome becomes the account\'s status', body: s.TestAccountBody, response: s.AccountTestResult, auth: 'user', role: 'editor' },
  'GET /connectors/{name}/config': { summary: 'Operators: a connector\'s configuration (secret values as ••••)', response: s.ConnectorConfig, auth: 'operator' },
  'PUT /connectors/{name}/config': { summary: 'Operators: set a connector\'s values (OAuth authorizationUrl, tokenUrl, clientId, clientSecret, scopes; base URLs; flags); secretFields are encrypted; •••• keeps a stored secret', body: s.ConnectorConfigBody, response: s.ConnectorConfig, auth: 'operator' },
  'GET /connectors': { summary: 'Installed connector packages with their versions and component types (operators)', response: s.ConnectorPackageList, auth: 'operator' },
  'POST /connectors': { summary: 'Install a connector package: the .tgz as the body (application/gzip or application/octet-stream, at most WEFT_CONNECTOR_MAX_BYTES); 400 connector.invalid / connector.unsafe, 422 connector.missing_dependency / connector.load_failed, 409 connector.breaking unless ?force=true (operators)', query: s.ConnectorForceQuery, response: s.ConnectorPackageInfo, status: 201, auth: 'operator', tarball: true },
  'DELETE /connectors/{name}': { summary: 'Remove a connector package; 409 connector.in_use with the running flows that use it, unless ?force=true, which stops them (operators)', query: s.ConnectorForceQuery, response: s.ConnectorRemoved, auth: 'operator' },
  'POST /auth/exchange': { summary: 'Exchange a host-signed JWT (sub: external user id, tid: external tenant id, aud: WEFT_EXCHANGE_AUDIENCE or the public URL, exp at most 15 min ahead, jti used once) for a Weft token of 10 minutes; 401 exchange.expired / exchange.wrong_audience / exchange.unknown_key / exchange.replayed / exchange.invalid_token / exchange.lifetime_too_long / exchange.unknown_user', body: s.ExchangeBody, response: s.AuthResponse, status: 201, auth: 'none' },
  'PUT /host/tenants/{externalId}': { summary: 'Host: create or update the tenant with this external id (201 created, 200 updated)', body: s.UpsertTenantBody, response: s.Tenant, auth: 'hostKey:provision' },
  'GET /host/tenants/{externalId}': { summary: 'Host: a tenant with its users (404 tenant.not_found)', response: s.Tenant.extend({ users: s.TenantUser.array() }), auth: 'hostKey:read' },
  'DELETE /host/tenants/{externalId}': { summary: 'Host: stop and delete everything the tenant owns (users, flows, timers, state, data, unprocessed messages, tokens), then the tenant; answers the counts', response: z.object({ deleted: s.DeletedCounts }), auth: 'hostKey:provision' },
  'PUT /host/tenants/{externalId}/users/{externalUserId}': { summary: 'Host: create or update a user of the tenant (no password; role owner, editor or viewer); 201 created, 200 updated', body: s.UpsertTenantUserBody, response: s.TenantUser, auth: 'hostKey:provision' },
  'DELETE /host/tenants/{externalId}/users/{externalUserId}': { summary: 'Host: stop and delete the user\'s flows and records, then the user; answers the counts', response: z.object({ deleted: s.DeletedCounts }), auth: 'hostKey:provision' },
  'POST /host/tenants/{externalId}/users/{externalUserId}/tokens': { summary: 'Host: mint a bearer token for the user (ttlSeconds default 600, at most 3600)', body: s.MintTokenBody, response: s.MintedToken, status: 201, auth: 'hostKey:provision' },
  'GET /host/verification-keys': { summary: 'Host: the registered JWT verification keys (never their material) and the audience exchanged tokens must name', response: s.VerificationKeyList, auth: 'hostKey:read' },
  'PUT /host/verification-keys/{kid}': { summary: 'Host: register or replace a verification key: an HS256 secret (at least 32 characters) or a public JWK (RS256, ES256, EdDSA)', body: s.VerificationKeyBody, response: s.VerificationKey, auth: 'hostKey:provision' },
  'DELETE /host/verification-keys/{kid}': { summary: 'Host: remove a verification key', status: 204, auth: 'hostKey:provision' },
  'GET /audit': { summary: 'Audit log, newest first (operators: every tenant, ?tenantId= to narrow; tenant owners: their tenant; the handler refuses everyone else with 403 auth.forbidden); filters actor, action, from, to; cursor paging', query: s.AuditQuery, response: s.AuditPage, auth: 'user', role: 'viewer' },
  'GET /admin/tenants': { summary: 'Staff (support, operators): every tenant with its counts of users, flows and running flows; search on name or external id', query: s.AdminTenantQuery, response: s.AdminTenantList, auth: 'staff' },
  'GET /admin/tenants/{id}': { summary: 'Staff (support, operators): a tenant with its users and flows (running first); 404 tenant.not_found', response: s.AdminTenantDetail, auth: 'staff' },
  'POST /admin/flows/{id}/stop': { summary: "Operators: stop any tenant's flow (404 flow.not_found); support gets 403 auth.forbidden", response: s.FlowSummary, auth: 'operator' },
  'GET /admin/host-keys': { summary: 'Operators: host API keys with name, scopes, created, last used, revoked (never the key)', response: s.HostKeyList, auth: 'operator' },
  'POST /admin/host-keys': { summary: 'Operators: make a host API key; the answer carries the key (wk_…) this once', body: s.CreateHostKeyBody, response: s.CreatedHostKey, status: 201, auth: 'operator' },
  'DELETE /admin/host-keys/{id}': { summary: 'Operators: revoke a host API key at once (404 host.key_not_found)', status: 204, auth: 'operator' },
  'GET /templates': { summary: 'Integration templates, newest versions (any signed-in user, or a host key with scope read); filter by category, tag, search and customFields.<name>=<value>', query: s.TemplateListQuery, response: s.TemplateList, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'POST /templates': { summary: 'Create a template: a flow and a wizard whose fields are bound to component paths (operators, or a host key with scope provision); 422 template.invalid names the field', body: s.CreateTemplateBody, response: s.Template, status: 201, auth: ['hostKey:provision', 'operator'] },
  'GET /templates/{id}': { summary: 'A template\'s newest version, with its flow (404 template.not_found)', response: s.Template, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'PUT /templates/{id}': { summary: 'Save the next version of a template (operators or a host key with scope provision); 409 template.conflict on a stale version; instances then show updateAvailable', body: s.UpdateTemplateBody, response: s.Template, auth: ['hostKey:provision', 'operator'] },
  'DELETE /templates/{id}': { summary: 'Delete a template and all its versions; 409 template.in_use with details.instances while integrations exist, unless ?force=true (their flows stay, detached)', query: s.DeleteTemplateQuery, status: 204, auth: ['hostKey:provision', 'operator'] },
  'POST /templates/{id}/instances': { summary: 'Make an integration: a flow of the caller\'s tenant from the template with the wizard\'s answers, validated and started; 422 template.answers_invalid with details.fields (the wizard field ids to fix); viewers get 403', body: s.CreateInstanceBody, response: s.CreatedInstance, status: 201, auth: 'user', role: 'editor' },
  'GET /integrations': { summary: 'The caller\'s tenant\'s integrations: flow, stage, template id/name/version, updateAvailable, last run', response: s.IntegrationList, auth: 'user', role: 'viewer' },
  'POST /integrations/{flowId}/update': { summary: 'Move an integration to the template\'s newest version, re-applying its answers merged with the given ones; 422 template.answers_needed with details.fields when some must be answered again', body: s.UpdateIntegrationBody, response: s.UpdatedIntegration, auth: 'user', role: 'editor' },
  'POST /integrations/{flowId}/detach': { summary: 'The flow stops following its template (to be customised in the designer); it keeps running', status: 204, auth: 'user', role: 'editor' },
  'GET /health': { summary: 'Health', response: s.Health, auth: 'none' },
  'GET /errors': { summary: 'The error catalogue: every error code with its HTTP status, retry advice and a sentence', response: s.ErrorCatalogueList, auth: 'none' },  'GET /openapi.json': { summary: 'This document: every route with its schemas, generated from the route table', auth: 'none' },
  'GET /oauth/callback.js': { summary: 'The script of the OAuth callback page (served separately for the page\'s Content-Security-Policy)', auth: 'none' },
  'GET /modifiers': { summary: 'Built-in and custom modifiers with their arguments and examples', response: s.ModifierList, auth: 'user', role: 'viewer' },
  'POST /modifiers/test': { summary: 'Run a modifier (built-in, saved or the given source) on a value in the sandbox; rate-limited per user (429 modifier.rate_limited)', body: s.TestModifierBody, response: s.ModifierTestResult, auth: 'user', role: 'viewer' },
  'POST /modifiers': { summary: 'Operators: create a custom modifier (400 modifier.syntax with the line, 409 modifier.exists)', body: s.CreateModifierBody, response: s.CustomModifier, status: 201, auth: 'operator' },
  'GET /modifiers/{name}': { summary: 'One custom modifier with its source', response: s.CustomModifier, auth: 'user', role: 'viewer' },
  'GET /modifiers/{name}/versions': { summary: 'A custom modifier\'s saved versions, newest first', response: s.ModifierVersionList, auth: 'user', role: 'viewer' },
  'PUT /modifiers/{name}': { summary: 'Operators: save the next version of a custom modifier (409 modifier.conflict with the current one on a stale version)', body: s.UpdateModifierBody, response: s.CustomModifier, auth: 'operator' },
  'DELETE /modifiers/{name}': { summary: 'Operators: delete a custom modifier', status: 204, auth: 'operator' },
  'GET /admin/users': { summary: 'Operators: every user with role, tenant and status, paged', query: s.AdminUserQuery, response: s.AdminUserList, auth: 'operator' },
  'POST /admin/users/{id}/disable': { summary: 'Operators: disable a user: tokens revoked, flows stopped (404 user.not_found)', response: s.AdminUser, auth: 'operator' },
  'POST /admin/users/{id}/enable': { summary: 'Operators: enable a user again (flows stay stopped)', response: s.AdminUser, auth: 'operator' },
  'POST /admin/users/{id}/revoke-tokens': { summary: 'Operators: revoke every token of a user', response: s.RevokeTokensResponse, auth: 'operator' },
  'GET /admin/unprocessed-messages': { summary: 'Operators: everyone\'s unprocessed messages (secrets redacted)', query: s.AdminUnprocessedQuery, response: s.AdminUnprocessedList, auth: 'operator' },
  'GET /admin/unprocessed-messages/{id}': { summary: 'Operators: one unprocessed message with its flow and owner names', response: s.AdminUnprocessedMessage, auth: 'operator' },
  'PUT /admin/unprocessed-messages/{id}': { summary: 'Operators: edit an unprocessed message before a retry', body: s.EditUnprocessedBody, response: s.AdminUnprocessedMessage, auth: 'operator' },
  'DELETE /admin/unprocessed-messages/{id}': { summary: 'Operators: delete an unprocessed message', status: 204, auth: 'operator' },
  'POST /admin/unprocessed-messages/{id}/retry': { summary: 'Operators: retry an unprocessed message, optionally with edited content', body: s.AdminRetryBody, response: s.AdminRetryResponse, auth: 'operator' },
  'GET /admin/settings': { summary: 'Operators: the engine settings (retries, sandbox, logs)', response: s.AdminSettings, auth: 'operator' },
  'PUT /admin/settings': { summary: 'Operators: change the engine settings; every process picks them up', body: s.AdminSettings, response: s.AdminSettings, auth: 'operator' },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof ROUTES;

/** The alternatives of a route's `auth`, as a list. */
export function routeAuths(spec: Pick<RouteSpec, 'auth'>): readonly RouteAuth[] {
  return typeof spec.auth === 'string' ? [spec.auth] : spec.auth;
}

/** A route that changes something: a signed-in user needs at least the editor role. */
export function isWriteRoute(spec: RouteSpec): boolean {
  return spec.role === 'editor' || spec.role === 'owner';
}

/** Splits `'POST /flows/{id}'` into its method and path. */
export function splitRouteKey(key: string): { method: RouteMethod; path: string } {
  const [method, path] = key.split(' ') as [RouteMethod, string];
  return { method, path };
}

interface CompiledRoute { key: RouteKey; method: RouteMethod; anyMethod: boolean; pattern: RegExp; names: string[]; literals: number }
let compiled: CompiledRoute[] | undefined;

/**
 * The entry a request lands on, with its path parameters; literal segments win over parameters
 * (`/accounts/types` before `/accounts/{id}`). `undefined` when no route matches.
 */
export function matchRoute(method: string, path: string): { key: RouteKey; spec: RouteSpec; params: Record<string, string> } | undefined {
  compiled ??= (Object.keys(ROUTES) as RouteKey[]).map((key) => {
    const { method: m, path: p } = splitRouteKey(key);
    const names: string[] = [];
    const source = p.split('/').map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    }).join('/');
    const spec: RouteSpec = ROUTES[key];
    return { key, method: m, anyMethod: spec.anyMethod === true, pattern: new RegExp(`^${source}/?$`), names, literals: p.split('/').length - names.length };
  }).sort((a, b) => b.literals - a.literals);
  const upper = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  for (const route of compiled) {
    if (route.method !== upper && !route.anyMethod) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
    return { key: route.key, spec: ROUTES[route.key], params };
  }
  return undefined;
}
