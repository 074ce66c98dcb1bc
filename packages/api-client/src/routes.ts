/**
 * @module Route table: every route of the REST API, keyed `'<METHOD> <path>'` (OpenAPI-style `{id}`
 * parameters), with who may call it and the zod schemas of its query, body and answer. The server
 * validates requests and enforces roles from it, `GET /openapi.json` is generated from it (with the
 * sentences of `route-summaries.ts`), the typed clients call it through `callRoute` (route-call.ts),
 * and a server test fails when a handler has no entry here or an entry has no handler.
 */
import { z } from 'zod';
// Named imports, not namespace spreads: a bundler can then leave out the schemas no route names.
import {
  Account, AccountList, AccountTestResult, AccountTypeList, ConnectorConfig, ConnectorConfigBody, CreateAccountBody, DeleteAccountQuery,
  OAuthStartBody, OAuthStartResponse, TestAccountBody, UpdateAccountBody,
} from './account-schemas.ts';
import {
  AdminRetryBody, AdminRetryResponse, AdminSettings, AdminUnprocessedList, AdminUnprocessedMessage, AdminUnprocessedQuery, AdminUser, AdminUserList,
  AdminUserQuery, CreateModifierBody, CustomModifier, EditUnprocessedBody, ModifierList, ModifierTestResult, ModifierVersionList,
  RevokeTokensResponse, TestModifierBody, UpdateModifierBody,
} from './admin-schemas.ts';
import { AppEventInfo, AppEventList, AppEventSchemaBody, FireAppEventBody, FiredAppEvent } from './app-event-schemas.ts';
import { AuditPage, AuditQuery } from './audit-schemas.ts';
import { FlowBundle, ImportedFlows } from './bundle-schemas.ts';
import { ConnectorForceQuery, ConnectorPackageInfo, ConnectorPackageList, ConnectorRemoved } from './connector-schemas.ts';
import {
  CreateHostKeyBody, CreatedHostKey, DeletedCounts, ExchangeBody, HostKeyList, MintTokenBody, MintedToken, Tenant, TenantUser, UpsertTenantBody,
  UpsertTenantUserBody, VerificationKey, VerificationKeyBody, VerificationKeyList, type HostKeyScope,
} from './host-schemas.ts';
import {
  AuthResponse, CloneFlowBody, ComponentList, ComponentListQuery, ComponentManifest, ComponentOptions, ComponentOptionsQuery, CreateFlowBody,
  CreatedFlow, Credentials, ErrorCatalogueList, Flow, FlowList, FlowListQuery, FlowSummary, FlowVersion, FlowVersionList, Health, LogHistogram,
  LogPage, LogQuery, PublicUser, PublishFlowBody, RestoreVersionBody, RetryBody, RetryResponse, Run, RunPage, RunQuery, SessionResponse,
  SetPasswordBody, SignupCredentials, TestRunBody, TestRunResponse, UnprocessedList, UnprocessedMessage, UnprocessedQuery, UpdateFlowBody,
  ValidationReport,
} from './schemas.ts';
import { AdminTenantDetail, AdminTenantList, AdminTenantQuery } from './staff-schemas.ts';
import {
  CreateInstanceBody, CreateTemplateBody, CreatedInstance, DeleteTemplateQuery, IntegrationList, Template, TemplateList, TemplateListQuery,
  UpdateIntegrationBody, UpdateTemplateBody, UpdatedIntegration,
} from './template-schemas.ts';

export type HostKeyScopeName = z.infer<typeof HostKeyScope>;
/**
 * Who may call a route: `none` (public), `user` (a signed-in user, see `role`), `staff` (an operator
 * or support staff), `operator` (role admin), `hostKey:<scope>` (a host API key with that scope).
 * A list means any one of them.
 */
export type RouteAuth = 'none' | 'user' | 'staff' | 'operator' | `hostKey:${HostKeyScopeName}`;
export type RouteRole = 'viewer' | 'editor' | 'owner';
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
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
const SessionRequest = Credentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SignupSessionRequest = SignupCredentials.extend({ session: z.enum(['token', 'cookie']).optional() });
const SessionAnswer = z.union([AuthResponse, SessionResponse]);

export const ROUTES = {
  'POST /auth/signup': { body: SignupSessionRequest, response: SessionAnswer, status: 201, auth: 'none' },
  'POST /auth/login': { body: SessionRequest, response: SessionAnswer, auth: 'none' },
  'POST /auth/set-password': { body: SetPasswordBody, status: 204, auth: 'none' },
  'POST /auth/logout': { status: 204, auth: 'user', role: 'viewer' },
  'GET /user': { response: PublicUser, auth: 'user', role: 'viewer' },
  'GET /flows': { query: FlowListQuery, response: FlowList, auth: 'user', role: 'viewer' },
  'POST /flows': { body: CreateFlowBody, response: CreatedFlow, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}': { response: Flow, auth: 'user', role: 'viewer' },
  'PUT /flows/{id}': { body: UpdateFlowBody, response: Flow, auth: 'user', role: 'editor' },
  'DELETE /flows/{id}': { status: 204, auth: 'user', role: 'editor' },
  'POST /flows/{id}/start': { response: Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/publish': { body: PublishFlowBody, response: Flow, auth: 'user', role: 'editor' },
  'POST /app-events/{name}': { body: FireAppEventBody, response: FiredAppEvent, status: 202, auth: ['hostKey:events', 'user'], role: 'editor' },
  'PUT /app-events/{name}/schema': { body: AppEventSchemaBody, response: AppEventInfo, auth: ['hostKey:events', 'operator'] },
  'DELETE /app-events/{name}/schema': { status: 204, auth: ['hostKey:events', 'operator'] },
  'GET /app-events': { response: AppEventList, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'GET /flows/{id}/export': { response: FlowBundle, auth: 'user', role: 'viewer' },
  'POST /flows/import': { body: FlowBundle, response: ImportedFlows, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}/versions': { response: FlowVersionList, auth: 'user', role: 'viewer' },
  'GET /flows/{id}/versions/{version}': { response: FlowVersion, auth: 'user', role: 'viewer' },
  'POST /flows/{id}/versions/{version}/restore': { body: RestoreVersionBody, response: Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/stop': { response: Flow, auth: 'user', role: 'editor' },
  'POST /flows/{id}/clone': { body: CloneFlowBody, response: CreatedFlow, status: 201, auth: 'user', role: 'editor' },
  'GET /flows/{id}/validate': { response: ValidationReport, auth: 'user', role: 'viewer' },
  'POST /flows/{id}/test': { body: TestRunBody, response: TestRunResponse, status: 202, auth: 'user', role: 'editor' },
  'POST /flows/{flowId}/components/{componentId}': { auth: 'none', anyMethod: true },
  'GET /components': { query: ComponentListQuery, response: ComponentList, auth: 'user', role: 'viewer' },
  'GET /components/{type}': { response: ComponentManifest, auth: 'user', role: 'viewer' },
  'GET /components/{type}/options/{name}': { query: ComponentOptionsQuery, response: ComponentOptions, auth: 'user', role: 'viewer' },
  'GET /logs': { query: LogQuery, response: z.union([LogPage, LogHistogram]), auth: 'user', role: 'viewer' },
  'GET /logs/stream': { query: LogQuery, auth: 'user', role: 'viewer' },
  'GET /unprocessed-messages': { query: UnprocessedQuery, response: UnprocessedList, auth: 'user', role: 'viewer' },
  'GET /unprocessed-messages/{id}': { response: UnprocessedMessage, auth: 'user', role: 'viewer' },
  'DELETE /unprocessed-messages/{id}': { status: 204, auth: 'user', role: 'editor' },
  'POST /unprocessed-messages/{id}/retry': { body: RetryBody, response: RetryResponse, auth: 'user', role: 'editor', supportMayWrite: true },
  'GET /runs': { query: RunQuery, response: RunPage, auth: 'user', role: 'viewer' },
  'GET /runs/{correlationId}': { response: Run, auth: 'user', role: 'viewer' },
  'POST /runs/{correlationId}/cancel': { response: Run, auth: 'user', role: 'editor' },
  'GET /accounts': { response: AccountList, auth: 'user', role: 'viewer' },
  'GET /accounts/types': { response: AccountTypeList, auth: 'user', role: 'viewer' },
  'POST /accounts': { body: CreateAccountBody, response: Account, status: 201, auth: 'user', role: 'editor' },
  'POST /accounts/oauth/start': { body: OAuthStartBody, response: OAuthStartResponse, auth: 'user', role: 'editor' },
  'GET /oauth/callback': { auth: 'none' },
  'GET /accounts/{id}': { response: Account, auth: 'user', role: 'viewer' },
  'PATCH /accounts/{id}': { body: UpdateAccountBody, response: Account, auth: 'user', role: 'editor' },
  'DELETE /accounts/{id}': { query: DeleteAccountQuery, status: 204, auth: 'user', role: 'editor' },
  'POST /accounts/{id}/test': { body: TestAccountBody, response: AccountTestResult, auth: 'user', role: 'editor' },
  'GET /connectors/{name}/config': { response: ConnectorConfig, auth: 'operator' },
  'PUT /connectors/{name}/config': { body: ConnectorConfigBody, response: ConnectorConfig, auth: 'operator' },
  'GET /connectors': { response: ConnectorPackageList, auth: 'operator' },
  'POST /connectors': { query: ConnectorForceQuery, response: ConnectorPackageInfo, status: 201, auth: 'operator', tarball: true },
  'DELETE /connectors/{name}': { query: ConnectorForceQuery, response: ConnectorRemoved, auth: 'operator' },
  'POST /auth/exchange': { body: ExchangeBody, response: AuthResponse, status: 201, auth: 'none' },
  'PUT /host/tenants/{externalId}': { body: UpsertTenantBody, response: Tenant, auth: 'hostKey:provision' },
  'GET /host/tenants/{externalId}': { response: Tenant.extend({ users: TenantUser.array() }), auth: 'hostKey:read' },
  'DELETE /host/tenants/{externalId}': { response: z.object({ deleted: DeletedCounts }), auth: 'hostKey:provision' },
  'PUT /host/tenants/{externalId}/users/{externalUserId}': { body: UpsertTenantUserBody, response: TenantUser, auth: 'hostKey:provision' },
  'DELETE /host/tenants/{externalId}/users/{externalUserId}': { response: z.object({ deleted: DeletedCounts }), auth: 'hostKey:provision' },
  'POST /host/tenants/{externalId}/users/{externalUserId}/tokens': { body: MintTokenBody, response: MintedToken, status: 201, auth: 'hostKey:provision' },
  'GET /host/verification-keys': { response: VerificationKeyList, auth: 'hostKey:read' },
  'PUT /host/verification-keys/{kid}': { body: VerificationKeyBody, response: VerificationKey, auth: 'hostKey:provision' },
  'DELETE /host/verification-keys/{kid}': { status: 204, auth: 'hostKey:provision' },
  'GET /audit': { query: AuditQuery, response: AuditPage, auth: 'user', role: 'viewer' },
  'GET /admin/tenants': { query: AdminTenantQuery, response: AdminTenantList, auth: 'staff' },
  'GET /admin/tenants/{id}': { response: AdminTenantDetail, auth: 'staff' },
  'POST /admin/flows/{id}/stop': { response: FlowSummary, auth: 'operator' },
  'GET /admin/host-keys': { response: HostKeyList, auth: 'operator' },
  'POST /admin/host-keys': { body: CreateHostKeyBody, response: CreatedHostKey, status: 201, auth: 'operator' },
  'DELETE /admin/host-keys/{id}': { status: 204, auth: 'operator' },
  'GET /templates': { query: TemplateListQuery, response: TemplateList, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'POST /templates': { body: CreateTemplateBody, response: Template, status: 201, auth: ['hostKey:provision', 'operator'] },
  'GET /templates/{id}': { response: Template, auth: ['hostKey:read', 'user'], role: 'viewer' },
  'PUT /templates/{id}': { body: UpdateTemplateBody, response: Template, auth: ['hostKey:provision', 'operator'] },
  'DELETE /templates/{id}': { query: DeleteTemplateQuery, status: 204, auth: ['hostKey:provision', 'operator'] },
  'POST /templates/{id}/instances': { body: CreateInstanceBody, response: CreatedInstance, status: 201, auth: 'user', role: 'editor' },
  'GET /integrations': { response: IntegrationList, auth: 'user', role: 'viewer' },
  'POST /integrations/{flowId}/update': { body: UpdateIntegrationBody, response: UpdatedIntegration, auth: 'user', role: 'editor' },
  'POST /integrations/{flowId}/detach': { status: 204, auth: 'user', role: 'editor' },
  'GET /health': { response: Health, auth: 'none' },
  'GET /errors': { response: ErrorCatalogueList, auth: 'none' },
  'GET /openapi.json': { auth: 'none' },
  'GET /oauth/callback.js': { auth: 'none' },
  'GET /modifiers': { response: ModifierList, auth: 'user', role: 'viewer' },
  'POST /modifiers/test': { body: TestModifierBody, response: ModifierTestResult, auth: 'user', role: 'viewer' },
  'POST /modifiers': { body: CreateModifierBody, response: CustomModifier, status: 201, auth: 'operator' },
  'GET /modifiers/{name}': { response: CustomModifier, auth: 'user', role: 'viewer' },
  'GET /modifiers/{name}/versions': { response: ModifierVersionList, auth: 'user', role: 'viewer' },
  'PUT /modifiers/{name}': { body: UpdateModifierBody, response: CustomModifier, auth: 'operator' },
  'DELETE /modifiers/{name}': { status: 204, auth: 'operator' },
  'GET /admin/users': { query: AdminUserQuery, response: AdminUserList, auth: 'operator' },
  'POST /admin/users/{id}/disable': { response: AdminUser, auth: 'operator' },
  'POST /admin/users/{id}/enable': { response: AdminUser, auth: 'operator' },
  'POST /admin/users/{id}/revoke-tokens': { response: RevokeTokensResponse, auth: 'operator' },
  'GET /admin/unprocessed-messages': { query: AdminUnprocessedQuery, response: AdminUnprocessedList, auth: 'operator' },
  'GET /admin/unprocessed-messages/{id}': { response: AdminUnprocessedMessage, auth: 'operator' },
  'PUT /admin/unprocessed-messages/{id}': { body: EditUnprocessedBody, response: AdminUnprocessedMessage, auth: 'operator' },
  'DELETE /admin/unprocessed-messages/{id}': { status: 204, auth: 'operator' },
  'POST /admin/unprocessed-messages/{id}/retry': { body: AdminRetryBody, response: AdminRetryResponse, auth: 'operator' },
  'GET /admin/settings': { response: AdminSettings, auth: 'operator' },
  'PUT /admin/settings': { body: AdminSettings, response: AdminSettings, auth: 'operator' },
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
