/** @module OpenAPI: the document at GET /openapi.json, generated from the zod schemas of @weft/api-client. */
import { z } from 'zod';
import * as schemas from '@weft/api-client';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  auth?: boolean;
  /** Authenticated by a host API key (`Bearer wk_…`) with this scope, not a user token. */
  hostScope?: 'provision' | 'events' | 'read';
  /** The body is a gzipped tarball, not JSON. */
  tarball?: boolean;
}

/** `"session": "cookie"` (the Studio and Backoffice, with `X-Weft-CSRF`): the token goes into an HttpOnly cookie, not the body. */
const SessionRequest = schemas.Credentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SignupSessionRequest = schemas.SignupCredentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SessionAnswer = z.union([schemas.AuthResponse, schemas.SessionResponse]);

const routes: RouteDoc[] = [
  { method: 'post', path: '/auth/signup', summary: 'Create an account (role user) and get a token (or the session cookie); 403 auth.signup_closed when sign-up is closed, 400 auth.weak_password', body: SignupSessionRequest, response: SessionAnswer, status: 201, auth: false },
  { method: 'post', path: '/auth/login', summary: 'Get a token (or the session cookie); 429 auth.rate_limited with Retry-After after too many failures', body: SessionRequest, response: SessionAnswer, auth: false },
  { method: 'post', path: '/auth/set-password', summary: 'Set a password with the token of a one-time link (`weft users create-operator`); 400 auth.invalid_link', body: schemas.SetPasswordBody, status: 204, auth: false },
  { method: 'post', path: '/auth/logout', summary: 'Revoke the token used and clear the session cookie', status: 204 },
  { method: 'get', path: '/user', summary: 'The current user', response: schemas.PublicUser },
  { method: 'get', path: '/flows', summary: 'List flows', query: schemas.FlowListQuery, response: schemas.FlowList },
  { method: 'post', path: '/flows', summary: 'Create a flow', body: schemas.CreateFlowBody, response: schemas.CreatedFlow, status: 201 },
  { method: 'get', path: '/flows/{id}', summary: 'Read a flow', response: schemas.Flow },
  { method: 'put', path: '/flows/{id}', summary: 'Update a flow (409 with the current flow on a stale version)', body: schemas.UpdateFlowBody, response: schemas.Flow },
  { method: 'delete', path: '/flows/{id}', summary: 'Delete a flow', status: 204 },
  { method: 'post', path: '/flows/{id}/start', summary: 'Start a flow, publishing a changed draft first (422 flow.invalid with the problems)', response: schemas.Flow },
  { method: 'post', path: '/flows/{id}/publish', summary: 'Publish the draft as the next version; a running flow switches to it (409 on a stale draft version, 422 flow.invalid)', body: schemas.PublishFlowBody, response: schemas.Flow },
  { method: 'post', path: '/app-events/{name}', summary: 'Fire an app event: host key (scope events) naming "tenant" (and optionally "user"), or a user token for its own flows; every running flow whose AppEvent listens for the name starts a run', body: schemas.FireAppEventBody, response: schemas.FiredAppEvent, status: 202 },
  { method: 'put', path: '/app-events/{name}/schema', summary: 'Register an app event with the schema of its data (host key with scope events, or an operator)', body: schemas.AppEventSchemaBody, response: schemas.AppEventInfo },
  { method: 'delete', path: '/app-events/{name}/schema', summary: 'Unregister an app event (host key with scope events, or an operator)', status: 204 },
  { method: 'get', path: '/app-events', summary: 'Registered app events with their schemas', response: schemas.AppEventList },
  { method: 'get', path: '/flows/{id}/export', summary: 'Export the flow with the flows it calls or reports to, their custom modifiers and connector versions (a bundle)', response: schemas.FlowBundle },
  { method: 'post', path: '/flows/import', summary: 'Import a bundle as new stopped flows (422 bundle.unsatisfied listing what this engine lacks; nothing is created then)', body: schemas.FlowBundle, response: schemas.ImportedFlows, status: 201 },
  { method: 'get', path: '/flows/{id}/versions', summary: 'List published versions, newest first', response: schemas.FlowVersionList },
  { method: 'get', path: '/flows/{id}/versions/{version}', summary: 'Read a published version with its descriptor', response: schemas.FlowVersion },
  { method: 'post', path: '/flows/{id}/versions/{version}/restore', summary: 'Copy a published version into the draft (not published; 409 on a stale draft version)', body: schemas.RestoreVersionBody, response: schemas.Flow },
  { method: 'post', path: '/flows/{id}/stop', summary: 'Stop a flow', response: schemas.Flow },
  { method: 'post', path: '/flows/{id}/clone', summary: 'Clone a flow', body: schemas.CloneFlowBody, response: schemas.CreatedFlow, status: 201 },
  { method: 'get', path: '/flows/{id}/validate', summary: 'Validate a flow against the component manifests', response: schemas.ValidationReport },
  { method: 'post', path: '/flows/{id}/test', summary: 'Test run from a trigger', body: schemas.TestRunBody, response: schemas.TestRunResponse, status: 202 },
  { method: 'post', path: '/flows/{flowId}/components/{componentId}', summary: 'Webhook (any method): held until a Response answers (204 if the run ends without one, 504 after the timeout), or 202 at once', auth: false },
  { method: 'get', path: '/components', summary: 'Component manifests', response: schemas.ComponentList },
  { method: 'get', path: '/components/{type}', summary: 'One manifest', response: schemas.ComponentManifest },
  { method: 'get', path: '/components/{type}/options/{name}', summary: 'Options of an inspector select (`?properties=` JSON of the current values)', response: schemas.ComponentOptions },
  { method: 'get', path: '/logs', summary: 'Log records, or a histogram with ?histogram=1m', query: schemas.LogQuery, response: z.union([schemas.LogPage, schemas.LogHistogram]) },
  { method: 'get', path: '/logs/stream', summary: 'Live tail (Server-Sent Events)', query: schemas.LogQuery },
  { method: 'get', path: '/unprocessed-messages', summary: 'Unprocessed messages', query: schemas.UnprocessedQuery, response: schemas.UnprocessedList },
  { method: 'get', path: '/unprocessed-messages/{id}', summary: 'One unprocessed message', response: schemas.UnprocessedMessage },
  { method: 'delete', path: '/unprocessed-messages/{id}', summary: 'Delete an unprocessed message', status: 204 },
  { method: 'post', path: '/unprocessed-messages/{id}/retry', summary: 'Retry, optionally with edited content', body: schemas.RetryBody, response: schemas.RetryResponse },
  { method: 'get', path: '/runs', summary: 'Run history: one record per trigger (correlation id), newest first, with cursor paging', query: schemas.RunQuery, response: schemas.RunPage },
  { method: 'get', path: '/runs/{correlationId}', summary: 'One run (404 run.not_found, also for another user\'s)', response: schemas.Run },
  { method: 'post', path: '/runs/{correlationId}/cancel', summary: 'Cancel a run: its pending messages and timers are dropped, and the cancellation is logged (409 run.ended)', response: schemas.Run },
  { method: 'get', path: '/audit', summary: 'Audit log, newest first (operators: every tenant, ?tenantId= to narrow; tenant owners: their tenant; others 403 auth.forbidden); filters actor, action, from, to; cursor paging', query: schemas.AuditQuery, response: schemas.AuditPage },
  { method: 'get', path: '/accounts', summary: 'Your connected accounts; secret fields are shown as ••••', response: schemas.AccountList },
  { method: 'get', path: '/accounts/types', summary: 'The installed connectors that declare their own accounts, with the fields their connect form asks for', response: schemas.AccountTypeList },
  { method: 'post', path: '/accounts', summary: 'Connect an account: bearer, apiKey, basic (tested against testUrl first when given), or { connector, name, fields } checked against the connector\'s declared fields and test hook (422 account.test_failed); 503 secrets.no_key without keys', body: schemas.CreateAccountBody, response: schemas.Account, status: 201 },
  { method: 'post', path: '/accounts/oauth/start', summary: 'Start an OAuth 2 grant for a generic account (authDefinition) or a configured connector (connector): authorization code (PKCE) answers { authorizeUrl, state } to open in a popup; client credentials answers 201 { account }', body: schemas.OAuthStartBody, response: schemas.OAuthStartResponse },
  { method: 'get', path: '/oauth/callback', summary: 'Where the provider sends the popup back: stores the tokens and answers a page that posts { type: "weft:oauth", ok, state, accountId?, error? } to the opener. State: single-use, 10 minutes', auth: false },
  { method: 'get', path: '/accounts/{id}', summary: 'One account (secrets as ••••)', response: schemas.Account },
  { method: 'patch', path: '/accounts/{id}', summary: 'Rename an account or give new field values (a new secret)', body: schemas.UpdateAccountBody, response: schemas.Account },
  { method: 'delete', path: '/accounts/{id}', summary: 'Remove an account; 409 account.in_use with details.flows while running flows use it, unless ?force=true (stops them)', query: schemas.DeleteAccountQuery, status: 204 },
  { method: 'post', path: '/accounts/{id}/test', summary: 'Test the credentials with a GET to url (or the account\'s testUrl); the outcome becomes the account\'s status', body: schemas.TestAccountBody, response: schemas.AccountTestResult },
  { method: 'get', path: '/connectors/{name}/config', summary: 'Operators: a connector\'s configuration (secret values as ••••)', response: schemas.ConnectorConfig },
  { method: 'put', path: '/connectors/{name}/config', summary: 'Operators: set a connector\'s values (OAuth authorizationUrl, tokenUrl, clientId, clientSecret, scopes; base URLs; flags); secretFields are encrypted; •••• keeps a stored secret', body: schemas.ConnectorConfigBody, response: schemas.ConnectorConfig },
  { method: 'get', path: '/connectors', summary: 'Installed connector packages with their versions and component types (operators)', response: schemas.ConnectorPackageList },
  { method: 'post', path: '/connectors', summary: 'Install a connector package: the .tgz as the body (application/gzip or application/octet-stream, at most WEFT_CONNECTOR_MAX_BYTES); 400 connector.invalid / connector.unsafe, 422 connector.missing_dependency / connector.load_failed, 409 connector.breaking unless ?force=true (operators)', query: schemas.ConnectorForceQuery, tarball: true, response: schemas.ConnectorPackageInfo, status: 201 },
  { method: 'delete', path: '/connectors/{name}', summary: 'Remove a connector package; 409 connector.in_use with the running flows that use it, unless ?force=true, which stops them (operators)', query: schemas.ConnectorForceQuery, response: schemas.ConnectorRemoved },
  { method: 'post', path: '/auth/exchange', summary: 'Exchange a host-signed JWT (sub: external user id, tid: external tenant id, aud: WEFT_EXCHANGE_AUDIENCE or the public URL, exp at most 15 min ahead, jti used once) for a Weft token of 10 minutes; 401 exchange.expired / exchange.wrong_audience / exchange.unknown_key / exchange.replayed / exchange.invalid_token / exchange.lifetime_too_long / exchange.unknown_user', body: schemas.ExchangeBody, response: schemas.AuthResponse, status: 201, auth: false },
  { method: 'put', path: '/host/tenants/{externalId}', summary: 'Host: create or update the tenant with this external id (201 created, 200 updated)', body: schemas.UpsertTenantBody, response: schemas.Tenant, hostScope: 'provision' },
  { method: 'get', path: '/host/tenants/{externalId}', summary: 'Host: a tenant with its users (404 tenant.not_found)', response: schemas.Tenant.extend({ users: schemas.TenantUser.array() }), hostScope: 'read' },
  { method: 'delete', path: '/host/tenants/{externalId}', summary: 'Host: stop and delete everything the tenant owns (users, flows, timers, state, data, unprocessed messages, tokens), then the tenant; answers the counts', response: z.object({ deleted: schemas.DeletedCounts }), hostScope: 'provision' },
  { method: 'put', path: '/host/tenants/{externalId}/users/{externalUserId}', summary: 'Host: create or update a user of the tenant (no password; role owner, editor or viewer); 201 created, 200 updated', body: schemas.UpsertTenantUserBody, response: schemas.TenantUser, hostScope: 'provision' },
  { method: 'delete', path: '/host/tenants/{externalId}/users/{externalUserId}', summary: 'Host: stop and delete the user\'s flows and records, then the user; answers the counts', response: z.object({ deleted: schemas.DeletedCounts }), hostScope: 'provision' },
  { method: 'post', path: '/host/tenants/{externalId}/users/{externalUserId}/tokens', summary: 'Host: mint a bearer token for the user (ttlSeconds default 600, at most 3600)', body: schemas.MintTokenBody, response: schemas.MintedToken, status: 201, hostScope: 'provision' },
  { method: 'get', path: '/host/verification-keys', summary: 'Host: the registered JWT verification keys (never their material) and the audience exchanged tokens must name', response: schemas.VerificationKeyList, hostScope: 'read' },
  { method: 'put', path: '/host/verification-keys/{kid}', summary: 'Host: register or replace a verification key: an HS256 secret (at least 32 characters) or a public JWK (RS256, ES256, EdDSA)', body: schemas.VerificationKeyBody, response: schemas.VerificationKey, hostScope: 'provision' },
  { method: 'delete', path: '/host/verification-keys/{kid}', summary: 'Host: remove a verification key', status: 204, hostScope: 'provision' },
  { method: 'get', path: '/admin/host-keys', summary: 'Operators: host API keys with name, scopes, created, last used, revoked (never the key)', response: schemas.HostKeyList },
  { method: 'post', path: '/admin/host-keys', summary: 'Operators: make a host API key; the answer carries the key (wk_…) this once', body: schemas.CreateHostKeyBody, response: schemas.CreatedHostKey, status: 201 },
  { method: 'delete', path: '/admin/host-keys/{id}', summary: 'Operators: revoke a host API key at once (404 host.key_not_found)', status: 204 },
  { method: 'get', path: '/templates', summary: 'Integration templates, newest versions (any signed-in user, or a host key with scope read); filter by category, tag, search and customFields.<name>=<value>', query: schemas.TemplateListQuery, response: schemas.TemplateList },
  { method: 'post', path: '/templates', summary: 'Create a template: a flow and a wizard whose fields are bound to component paths (operators, or a host key with scope provision); 422 template.invalid names the field', body: schemas.CreateTemplateBody, response: schemas.Template, status: 201 },
  { method: 'get', path: '/templates/{id}', summary: 'A template\'s newest version, with its flow (404 template.not_found)', response: schemas.Template },
  { method: 'put', path: '/templates/{id}', summary: 'Save the next version of a template (operators or a host key with scope provision); 409 template.conflict on a stale version; instances then show updateAvailable', body: schemas.UpdateTemplateBody, response: schemas.Template },
  { method: 'delete', path: '/templates/{id}', summary: 'Delete a template and all its versions; 409 template.in_use with details.instances while integrations exist, unless ?force=true (their flows stay, detached)', query: schemas.DeleteTemplateQuery, status: 204 },
  { method: 'post', path: '/templates/{id}/instances', summary: 'Make an integration: a flow of the caller\'s tenant from the template with the wizard\'s answers, validated and started; 422 template.answers_invalid with details.fields (the wizard field ids to fix); viewers get 403', body: schemas.CreateInstanceBody, response: schemas.CreatedInstance, status: 201 },
  { method: 'get', path: '/integrations', summary: 'The caller\'s tenant\'s integrations: flow, stage, template id/name/version, updateAvailable, last run', response: schemas.IntegrationList },
  { method: 'post', path: '/integrations/{flowId}/update', summary: 'Move an integration to the template\'s newest version, re-applying its answers merged with the given ones; 422 template.answers_needed with details.fields when some must be answered again', body: schemas.UpdateIntegrationBody, response: schemas.UpdatedIntegration },
  { method: 'post', path: '/integrations/{flowId}/detach', summary: 'The flow stops following its template (to be customised in the designer); it keeps running', status: 204 },
  { method: 'get', path: '/health', summary: 'Health', response: schemas.Health, auth: false },
  { method: 'get', path: '/errors', summary: 'The error catalogue: every error code with its HTTP status, retry advice and a sentence', response: schemas.ErrorCatalogueList, auth: false },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

export function openApiDocument(version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = route.query
      ? Object.entries((jsonSchema(route.query, 'input') as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    (paths[route.path] ??= {})[route.method] = {
      summary: route.summary,
      ...(route.auth === false ? { security: [] } : route.hostScope ? { security: [{ hostKey: [] }], 'x-weft-host-scope': route.hostScope } : {}),
      parameters: [...params, ...queryParams],
      ...(route.tarball ? { requestBody: { required: true, content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: route.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
          : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(schemas.ApiErrorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Weft API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, hostKey: { type: 'http', scheme: 'bearer', description: 'A host API key, wk_… (weft keys create)' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
