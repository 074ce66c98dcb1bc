/**
 * @module Admin client: the Backoffice's typed calls (auth, modifiers, users, everyone's unprocessed
 * messages, settings) on top of the shared zod schemas. The credential is the engine's HttpOnly
 * session cookie, which no script on the origin can read; every call carries `X-Weft-CSRF`.
 *
 *   const admin = createAdminClient({ baseUrl: location.origin });
 *   const { items } = await admin.listUsers({ offset: 50 });
 */
import type { z } from 'zod';
import {
  AdminRetryResponse, AdminSettings, AdminUnprocessedList, AdminUnprocessedMessage, AdminUserList, ApiError, ApiErrorBody,
  SessionResponse, CustomModifier, ModifierConflictBody, ModifierList, ModifierTestResult, ModifierVersionList, PublicUser,
  RevokeTokensResponse, CreatedHostKey, HostKeyList, ConnectorConfig, ConnectorPackageList, AuditPage,
  AdminTenantDetail, AdminTenantList, FlowSummary,
} from '@weft/api-client';
import type { AdminUnprocessedQuery, AdminUserQuery, AuditQuery } from '@weft/api-client';
import type {
  AdminRetryBody, ConnectorConfigBody, CreateHostKeyBody, CreateModifierBody, Credentials, EditUnprocessedBody, SetPasswordBody, TestModifierBody,
  UpdateModifierBody,
} from '@weft/api-client';

/** Paging and filters as numbers and strings; omitted ones take the server's defaults. */
export type UserQueryParams = Partial<z.output<typeof AdminUserQuery>>;
export type UnprocessedQueryParams = Partial<z.output<typeof AdminUnprocessedQuery>>;
export type AuditQueryParams = Partial<z.output<typeof AuditQuery>>;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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

interface Call<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: unknown;
  schema?: z.ZodType<T>;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<T>(spec: Call<T>): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    // A cross-site form cannot send a custom header; the engine refuses cookie-signed writes without it.
    const headers: Record<string, string> = { accept: 'application/json', 'x-weft-csrf': '1' };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${spec.path}${search ? `?${search}` : ''}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? null : JSON.stringify(spec.body),
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw new ApiError({ status: 0, code: 'network.failed', message: `Cannot reach ${base || 'the engine'}`, cause });
    }
    if (!response.ok) throw await errorOf(response, spec.path);
    if (!spec.schema || response.status === 204) return undefined as T;
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: `Unexpected answer from ${spec.path}`, details: parsed.error.issues });
    }
    return parsed.data;
  }

  const at = encodeURIComponent;
  return {
    login: (credentials) => call({ method: 'POST', path: '/auth/login', body: { ...credentials, session: 'cookie' }, schema: SessionResponse }),
    setPassword: (body) => call({ method: 'POST', path: '/auth/set-password', body }),
    logout: () => call({ method: 'POST', path: '/auth/logout' }),
    getUser: () => call({ method: 'GET', path: '/user', schema: PublicUser }),
    listModifiers: () => call({ method: 'GET', path: '/modifiers', schema: ModifierList }),
    getModifier: (name) => call({ method: 'GET', path: `/modifiers/${at(name)}`, schema: CustomModifier }),
    createModifier: (body) => call({ method: 'POST', path: '/modifiers', body, schema: CustomModifier }),
    updateModifier: (name, body) => call({ method: 'PUT', path: `/modifiers/${at(name)}`, body, schema: CustomModifier }),
    deleteModifier: (name) => call({ method: 'DELETE', path: `/modifiers/${at(name)}` }),
    listModifierVersions: (name) => call({ method: 'GET', path: `/modifiers/${at(name)}/versions`, schema: ModifierVersionList }),
    testModifier: (body) => call({ method: 'POST', path: '/modifiers/test', body, schema: ModifierTestResult }),
    listHostKeys: () => call({ method: 'GET', path: '/admin/host-keys', schema: HostKeyList }),
    listAudit: (query = {}) => call({ method: 'GET', path: '/audit', query, schema: AuditPage }),
    createHostKey: (body) => call({ method: 'POST', path: '/admin/host-keys', body, schema: CreatedHostKey }),
    revokeHostKey: (id) => call({ method: 'DELETE', path: `/admin/host-keys/${at(id)}` }),
    listUsers: (query = {}) => call({ method: 'GET', path: '/admin/users', query, schema: AdminUserList }),
    listTenants: (query = {}) => call({ method: 'GET', path: '/admin/tenants', query, schema: AdminTenantList }),
    getTenant: (tenantId) => call({ method: 'GET', path: `/admin/tenants/${at(tenantId)}`, schema: AdminTenantDetail }),
    stopFlow: (flowId) => call({ method: 'POST', path: `/admin/flows/${at(flowId)}/stop`, schema: FlowSummary }),
    setUserDisabled: (userId, disabled) => call({ method: 'POST', path: `/admin/users/${at(userId)}/${disabled ? 'disable' : 'enable'}` }),
    revokeUserTokens: (userId) => call({ method: 'POST', path: `/admin/users/${at(userId)}/revoke-tokens`, schema: RevokeTokensResponse }),
    listUnprocessed: (query = {}) => call({ method: 'GET', path: '/admin/unprocessed-messages', query, schema: AdminUnprocessedList }),
    getUnprocessed: (id) => call({ method: 'GET', path: `/admin/unprocessed-messages/${at(id)}`, schema: AdminUnprocessedMessage }),
    editUnprocessed: (id, body) => call({ method: 'PUT', path: `/admin/unprocessed-messages/${at(id)}`, body }),
    deleteUnprocessed: (id) => call({ method: 'DELETE', path: `/admin/unprocessed-messages/${at(id)}` }),
    retryUnprocessed: (id, body = {}) => call({ method: 'POST', path: `/admin/unprocessed-messages/${at(id)}/retry`, body, schema: AdminRetryResponse }),
    getSettings: () => call({ method: 'GET', path: '/admin/settings', schema: AdminSettings }),
    putSettings: (settings) => call({ method: 'PUT', path: '/admin/settings', body: settings, schema: AdminSettings }),
    listConnectors: () => call({ method: 'GET', path: '/connectors', schema: ConnectorPackageList }),
    getConnectorConfig: (name) => call({ method: 'GET', path: `/connectors/${at(name)}/config`, schema: ConnectorConfig }),
    putConnectorConfig: (name, body) => call({ method: 'PUT', path: `/connectors/${at(name)}/config`, body, schema: ConnectorConfig }),
  };
}

async function errorOf(response: Response, path: string): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  if (response.status === 409) {
    const conflict = ModifierConflictBody.safeParse(json);
    if (conflict.success) return new ModifierConflictError({ code: conflict.data.error.code, message: conflict.data.error.message, latest: conflict.data.current });
  }
  const body = ApiErrorBody.safeParse(json);
  if (body.success) {
    const { code, message, path: field, details } = body.data.error;
    return new ApiError({ status: response.status, code, message, path: field, details });
  }
  return new ApiError({ status: response.status, code: `http.${response.status}`, message: `${response.status} ${response.statusText || 'error'} on ${path}` });
}
