/**
 * @module Admin client: the Backoffice's typed calls (auth, modifiers, users, everyone's unprocessed
 * messages, settings), each a `callRoute` of the route table in @weft/api-client, so its method,
 * path, parameters and answer schema come from there. The credential is the engine's HttpOnly
 * session cookie, which no script on the origin can read; every call carries `X-Weft-CSRF`.
 *
 *   const admin = createAdminClient({ baseUrl: location.origin });
 *   const { items } = await admin.listUsers({ offset: 50 });
 */
import type { z } from 'zod';
import { ApiError, ModifierConflictBody, createRouteCaller, createTransport } from '@weft/api-client';
import type {
  AdminRetryResponse, AdminSettings, AdminUnprocessedList, AdminUnprocessedMessage, AdminUserList, SessionResponse, CustomModifier, ModifierList,
  ModifierTestResult, ModifierVersionList, PublicUser, RevokeTokensResponse, CreatedHostKey, HostKeyList, ConnectorConfig, ConnectorPackageList, AuditPage,
  AdminTenantDetail, AdminTenantList, FlowSummary, AdminUnprocessedQuery, AdminUserQuery, AuditQuery, AdminRetryBody, ConnectorConfigBody, CreateHostKeyBody,
  CreateModifierBody, Credentials, EditUnprocessedBody, SetPasswordBody, TestModifierBody, UpdateModifierBody, FetchLike,
} from '@weft/api-client';

/** Paging and filters as numbers and strings; omitted ones take the server's defaults. */
export type UserQueryParams = Partial<z.output<typeof AdminUserQuery>>;
export type UnprocessedQueryParams = Partial<z.output<typeof AdminUnprocessedQuery>>;
export type AuditQueryParams = Partial<z.output<typeof AuditQuery>>;

export type { FetchLike } from '@weft/api-client';

export interface AdminClientOptions {
  /** Origin of the engine; the Backoffice is served by it, so `location.origin`. */
  baseUrl: string;
  fetch?: FetchLike;
}

/** A stale `version` on `PUT /modifiers/:name`: `latest` is what the server holds now. */
export class ModifierConflictError extends ApiError {
  readonly latest: CustomModifier;
  constructor(init: { code: string; message: string; latest: CustomModifier }) {
    super({ status: 409, code: init.code, message: init.message });
    this.latest = init.latest;
  }
}

export interface AdminClient {
  /** Opens the session cookie; the answer holds no token. */
  login(credentials: Credentials): Promise<SessionResponse>;
  /** The one-time link of `weft users create-operator`; no session needed. */
  setPassword(body: SetPasswordBody): Promise<void>;
  logout(): Promise<void>;
  getUser(): Promise<PublicUser>;
  listModifiers(): Promise<ModifierList>;
  getModifier(name: string): Promise<CustomModifier>;
  createModifier(body: CreateModifierBody): Promise<CustomModifier>;
  /** Throws `ModifierConflictError` when `body.version` is not the latest. */
  updateModifier(name: string, body: UpdateModifierBody): Promise<CustomModifier>;
  deleteModifier(name: string): Promise<void>;
  listModifierVersions(name: string): Promise<ModifierVersionList>;
  /** A failing modifier is a normal answer (`ok: false`), not a thrown error. */
  testModifier(body: TestModifierBody): Promise<ModifierTestResult>;
  listUsers(query?: UserQueryParams): Promise<AdminUserList>;
  /** Tenants with their counts of users, flows and running flows. */
  listTenants(query?: { limit?: number; offset?: number; search?: string }): Promise<AdminTenantList>;
  /** One tenant with its users and flows (running first). */
  getTenant(tenantId: string): Promise<AdminTenantDetail>;
  /** Stop any tenant's flow (operators). */
  stopFlow(flowId: string): Promise<FlowSummary>;
  setUserDisabled(userId: string, disabled: boolean): Promise<void>;
  revokeUserTokens(userId: string): Promise<RevokeTokensResponse>;
  listUnprocessed(query?: UnprocessedQueryParams): Promise<AdminUnprocessedList>;
  getUnprocessed(id: string): Promise<AdminUnprocessedMessage>;
  editUnprocessed(id: string, body: EditUnprocessedBody): Promise<void>;
  deleteUnprocessed(id: string): Promise<void>;
  retryUnprocessed(id: string, body?: AdminRetryBody): Promise<AdminRetryResponse>;
  listHostKeys(): Promise<HostKeyList>;
  /** `GET /audit`: who did what, newest first. */
  listAudit(query?: AuditQueryParams): Promise<AuditPage>;
  /** The answer's `key` (wk_…) is shown this once; the engine keeps only its hash. */
  createHostKey(body: CreateHostKeyBody): Promise<CreatedHostKey>;
  revokeHostKey(id: string): Promise<void>;
  getSettings(): Promise<AdminSettings>;
  putSettings(settings: AdminSettings): Promise<AdminSettings>;
  /** Built-in and installed connector packages. */
  listConnectors(): Promise<ConnectorPackageList>;
  /** A connector's configuration; secret values come back as `••••`. */
  getConnectorConfig(name: string): Promise<ConnectorConfig>;
  /** Replaces it; a secret sent back as `••••` keeps its stored value. */
  putConnectorConfig(name: string, body: ConnectorConfigBody): Promise<ConnectorConfig>;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const callRoute = createRouteCaller(createTransport({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    sessionCookie: true,
    readError: (status, json) => {
      if (status !== 409) return undefined;
      const conflict = ModifierConflictBody.safeParse(json);
      return conflict.success ? new ModifierConflictError({ code: conflict.data.error.code, message: conflict.data.error.message, latest: conflict.data.current }) : undefined;
    },
  }));
  // These routes answer the changed record; the Backoffice reloads its list instead.
  const nothing = (): void => undefined;

  return {
    login: (credentials) => callRoute('POST /auth/login', { body: { ...credentials, session: 'cookie' } }),
    setPassword: (body) => callRoute('POST /auth/set-password', { body }),
    logout: () => callRoute('POST /auth/logout'),
    getUser: () => callRoute('GET /user'),
    listModifiers: () => callRoute('GET /modifiers'),
    getModifier: (name) => callRoute('GET /modifiers/{name}', { params: { name } }),
    createModifier: (body) => callRoute('POST /modifiers', { body }),
    updateModifier: (name, body) => callRoute('PUT /modifiers/{name}', { params: { name }, body }),
    deleteModifier: (name) => callRoute('DELETE /modifiers/{name}', { params: { name } }),
    listModifierVersions: (name) => callRoute('GET /modifiers/{name}/versions', { params: { name } }),
    testModifier: (body) => callRoute('POST /modifiers/test', { body }),
    listHostKeys: () => callRoute('GET /admin/host-keys'),
    listAudit: (query = {}) => callRoute('GET /audit', { query }),
    createHostKey: (body) => callRoute('POST /admin/host-keys', { body }),
    revokeHostKey: (id) => callRoute('DELETE /admin/host-keys/{id}', { params: { id } }),
    listUsers: (query = {}) => callRoute('GET /admin/users', { query }),
    listTenants: (query = {}) => callRoute('GET /admin/tenants', { query }),
    getTenant: (id) => callRoute('GET /admin/tenants/{id}', { params: { id } }),
    stopFlow: (id) => callRoute('POST /admin/flows/{id}/stop', { params: { id } }),
    setUserDisabled: (id, disabled) =>
      (disabled ? callRoute('POST /admin/users/{id}/disable', { params: { id } }) : callRoute('POST /admin/users/{id}/enable', { params: { id } })).then(nothing),
    revokeUserTokens: (id) => callRoute('POST /admin/users/{id}/revoke-tokens', { params: { id } }),
    listUnprocessed: (query = {}) => callRoute('GET /admin/unprocessed-messages', { query }),
    getUnprocessed: (id) => callRoute('GET /admin/unprocessed-messages/{id}', { params: { id } }),
    editUnprocessed: (id, body) => callRoute('PUT /admin/unprocessed-messages/{id}', { params: { id }, body }).then(nothing),
    deleteUnprocessed: (id) => callRoute('DELETE /admin/unprocessed-messages/{id}', { params: { id } }),
    retryUnprocessed: (id, body = {}) => callRoute('POST /admin/unprocessed-messages/{id}/retry', { params: { id }, body }),
    getSettings: () => callRoute('GET /admin/settings'),
    putSettings: (settings) => callRoute('PUT /admin/settings', { body: settings }),
    listConnectors: () => callRoute('GET /connectors'),
    getConnectorConfig: (name) => callRoute('GET /connectors/{name}/config', { params: { name } }),
    putConnectorConfig: (name, body) => callRoute('PUT /connectors/{name}/config', { params: { name }, body }),
  };
}
