/**
 * @module API client: one typed method per REST route; answers are parsed with the shared zod schemas.
 *
 *   const api = createApiClient({ baseUrl: 'https://weft.example.com', getToken: () => token });
 *   const { items } = await api.listFlows({ stage: 'running' });
 */
import type { z } from 'zod';
import {
  ApiErrorBody, AuthResponse, SessionResponse, ComponentList, ComponentOptions, LogQuery, UnprocessedQuery, ComponentManifest, ConflictBody, CreatedFlow, Flow, FlowList,
  Health, LogHistogram, LogPage, LogRecord, PublicUser, RetryResponse, TestRunResponse, UnprocessedList, UnprocessedMessage,
  ValidationReport, FlowVersion, FlowVersionList, Run, RunPage, RunQuery,
} from './schemas.ts';
import type {
  CloneFlowBody, CreateFlowBody, Credentials, FlowListQuery, RetryBody, TestRunBody,
  UpdateFlowBody, PublishFlowBody, RestoreVersionBody,
} from './schemas.ts';
import { ModifierList, ModifierTestResult, type TestModifierBody } from './admin-schemas.ts';
import { Account, AccountList, AccountTestResult, AccountTypeList, ConnectorConfig, OAuthStartResponse, type ConnectorConfigBody, type OAuthStartBody, type CreateAccountBody, type TestAccountBody, type UpdateAccountBody } from './account-schemas.ts';
import { ConnectorPackageInfo, ConnectorPackageList, ConnectorRemoved } from './connector-schemas.ts';
import { ApiError } from './api-error.ts';
import { FlowBundle, ImportedFlows } from './bundle-schemas.ts';
import { AuditPage, type AuditQuery } from './audit-schemas.ts';
import {
  CreatedInstance, IntegrationList, Template, TemplateList, UpdatedIntegration,
  type CreateInstanceBody, type CreateTemplateBody, type TemplateListQuery, type UpdateIntegrationBody, type UpdateTemplateBody,
} from './template-schemas.ts';
import { AppEventList } from './app-event-schemas.ts';
import { AdminTenantDetail, AdminTenantList, type AdminTenantQuery } from './staff-schemas.ts';
import { FlowSummary as StaffFlowSummary } from './schemas.ts';
import { createSseParser } from './sse-parser.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the engine, e.g. `https://weft.example.com` or `/api`. */
  baseUrl: string;
  /** Read on every request, so a new token takes effect without a new client. */
  getToken?: () => string | undefined;
  /** Defaults to the global `fetch`; inject a fake in tests. */
  fetch?: FetchLike;
  /**
   * First-party pages served by the engine itself (Studio, Backoffice): sign requests with the
   * HttpOnly session cookie that `createSessionAuth` opened, plus the `X-Weft-CSRF` header, instead
   * of a bearer token. Embedding hosts leave it off: their pages hold a bearer token and no cookie.
   */
  sessionCookie?: boolean;
}

/** Opens and closes the HttpOnly session cookie of a first-party page; the token never reaches script. */
export interface SessionAuth {
  login(credentials: Credentials): Promise<SessionResponse>;
  signup(credentials: Credentials): Promise<SessionResponse>;
}

/** `GET /flows` parameters; omitted ones take the server's defaults. */
/** `customFields`: only flows whose custom fields have these values (`?customFields.<name>=<value>`). */
export type FlowListParams = Partial<FlowListQuery> & { customFields?: Record<string, string | number | boolean> };

/** The query of `GET /flows`, custom field filters spelled `customFields.<name>`. */
function flowListQuery(params: FlowListParams | TemplateListParams = {}): Query {
  const { customFields, ...rest } = params;
  const query: Query = { ...rest };
  for (const [name, value] of Object.entries(customFields ?? {})) query[`customFields.${name}`] = String(value);
  return query;
}
/** `GET /logs` parameters; `from` / `to` are epoch ms or ISO dates. */
export type LogQueryParams = Partial<Omit<z.output<typeof LogQuery>, 'histogram'>>;
/** Filters of a live tail: everything of `LogQuery` except paging and histograms. */
export type LogStreamQuery = Omit<LogQueryParams, 'limit' | 'cursor' | 'order'>;
export type UnprocessedQueryParams = Partial<z.output<typeof UnprocessedQuery>>;
/** `GET /runs` parameters; `from` / `to` bound the start time, epoch ms or ISO dates. */
export type RunQueryParams = Partial<z.output<typeof RunQuery>>;
export type AuditQueryParams = Partial<z.output<typeof AuditQuery>>;

export interface StreamLogsOptions {
  onError?: (error: ApiError) => void;
  /** Called each time the stream is (re)connected. */
  onOpen?: () => void;
  /** Delay before reconnecting after the stream drops; the server's `retry:` field wins. Default 2000. */
  reconnectDelayMs?: number;
}

/**
 * Plain object of methods, not a class: a host may replace any method by assignment
 * (`weft.api.listFlows = myListFlows`) and every widget sees it, since widgets call through the object.
 */
export interface ApiClient {
  signup(credentials: Credentials): Promise<AuthResponse>;
  login(credentials: Credentials): Promise<AuthResponse>;
  logout(): Promise<void>;
  getUser(): Promise<PublicUser>;
  listFlows(query?: FlowListParams): Promise<FlowList>;
  createFlow(body: CreateFlowBody): Promise<CreatedFlow>;
  getFlow(flowId: string): Promise<Flow>;
  /** Throws `ApiError` with `status: 409`, `code: 'flow.conflict'` and `current` when `version` is stale. */
  updateFlow(flowId: string, body: UpdateFlowBody): Promise<Flow>;
  deleteFlow(flowId: string): Promise<void>;
  /** Publishes the draft first when it differs from the published version (422 `flow.invalid` with its problems). */
  startFlow(flowId: string): Promise<Flow>;
  stopFlow(flowId: string): Promise<Flow>;
  /** Makes the draft the next published version; a running flow switches to it. 409 `flow.conflict` with `current` on a stale `version`. */
  publishFlow(flowId: string, body: PublishFlowBody): Promise<Flow>;
  /** Published versions, newest first. */
  listFlowVersions(flowId: string): Promise<FlowVersionList>;
  getFlowVersion(flowId: string, version: number): Promise<FlowVersion>;
  /** Copies a published version into the draft as a new draft version (does not publish). 409 on a stale `version`. */
  restoreFlowVersion(flowId: string, version: number, body: RestoreVersionBody): Promise<Flow>;
  cloneFlow(flowId: string, body?: CloneFlowBody): Promise<CreatedFlow>;
  validateFlow(flowId: string): Promise<ValidationReport>;
  testRun(flowId: string, body: TestRunBody): Promise<TestRunResponse>;
  listComponents(query?: { prefix?: string }): Promise<ComponentList>;
  getComponent(type: string): Promise<ComponentManifest>;
  /** Options of an inspector select whose input names a `source`; `properties` are the inspector's current values. */
  getComponentOptions(type: string, name: string, properties?: Record<string, unknown>): Promise<ComponentOptions>;
  queryLogs(query?: LogQueryParams): Promise<LogPage>;
  logHistogram(query: LogQueryParams & { histogram: string }): Promise<LogHistogram>;
  /** Live tail over SSE with the bearer header; reconnects until the returned function is called. */
  streamLogs(query: LogStreamQuery, onRecord: (record: LogRecord) => void, options?: StreamLogsOptions): () => void;
  listUnprocessed(query?: UnprocessedQueryParams): Promise<UnprocessedList>;
  getUnprocessed(id: string): Promise<UnprocessedMessage>;
  deleteUnprocessed(id: string): Promise<void>;
  retryUnprocessed(id: string, body?: RetryBody): Promise<RetryResponse>;
  /** `GET /runs`: the caller's runs, newest first, with cursor paging. */
  listRuns(query?: RunQueryParams): Promise<RunPage>;
  /** `GET /audit`: operators see every tenant's entries, tenant owners their tenant's. */
  listAudit(query?: AuditQueryParams): Promise<AuditPage>;
  /** `GET /runs/:correlationId`; another user's run is a 404 `run.not_found`. */
  getRun(correlationId: string): Promise<Run>;
  /** `POST /runs/:correlationId/cancel`: its pending messages and timers are dropped; 409 `run.ended` once it succeeded or was cancelled. */
  cancelRun(correlationId: string): Promise<Run>;
  /** `GET /admin/tenants` (support staff and operators): every tenant with its counts of users and flows. */
  listStaffTenants(query?: Partial<AdminTenantQuery>): Promise<AdminTenantList>;
  /** `GET /admin/tenants/:id` (support staff and operators): a tenant with its users and flows. */
  getStaffTenant(tenantId: string): Promise<AdminTenantDetail>;
  /** `POST /admin/flows/:id/stop` (operators): stop any tenant's flow. */
  stopAnyFlow(flowId: string): Promise<StaffFlowSummary>;
  health(): Promise<Health>;
  /** `GET /modifiers`: the built-in and custom modifiers, with their arguments and examples. */
  listModifiers(): Promise<ModifierList>;
  /**
   * `POST /modifiers/test`: runs code (`{ source, entry }`) or a modifier (`{ name }`) on `value` in the sandbox; a failure is an answer, not a throw.
   * Running user code is rate-limited per user: 429 `modifiers.rate_limited` (with `Retry-After`) or `sandbox.busy` throw an `ApiError`.
   */
  testModifier(body: TestModifierBody): Promise<ModifierTestResult>;
  /** `GET /accounts`: the caller's connected accounts; secret fields are `••••`. */
  listAccounts(): Promise<AccountList>;
  /** `GET /accounts/types`: the installed connectors that declare their own accounts, with the fields their form asks for. */
  listAccountTypes(): Promise<AccountTypeList>;
  /** `POST /accounts`: tested against `testUrl` when given (422 `account.test_failed`), then stored. */
  createAccount(body: CreateAccountBody): Promise<Account>;
  getAccount(accountId: string): Promise<Account>;
  updateAccount(accountId: string, body: UpdateAccountBody): Promise<Account>;
  /** 409 `account.in_use` (details: the running flows) unless `force`, which stops them. */
  deleteAccount(accountId: string, options?: { force?: boolean }): Promise<void>;
  testAccount(accountId: string, body?: TestAccountBody): Promise<AccountTestResult>;
  /** `POST /accounts/oauth/start`: an authorize URL for a popup (its page posts `{ type: 'weft:oauth', state, ok, accountId?, error? }` to the opener), or the client-credentials account. */
  startOAuth(body: OAuthStartBody): Promise<OAuthStartResponse>;
  /** Operators: a connector's configuration; secret values are `••••`. */
  getConnectorConfig(connector: string): Promise<ConnectorConfig>;
  /** Operators: replace a connector's configuration; a secret sent back as `••••` keeps its stored value. */
  putConnectorConfig(connector: string, body: ConnectorConfigBody): Promise<ConnectorConfig>;
  /** `GET /connectors` (operators): installed connector packages with their versions and component types. */
  listConnectors(): Promise<ConnectorPackageList>;
  /**
   * `POST /connectors` (operators): install a connector tarball (`weft connector pack`). A version that drops what
   * running flows use throws `connector.breaking` (409) unless `force`.
   */
  installConnector(tarball: Uint8Array, options?: { force?: boolean }): Promise<ConnectorPackageInfo>;
  /** `DELETE /connectors/:name` (operators): throws `connector.in_use` (409) while running flows use it, unless `force` (which stops them). */
  removeConnector(name: string, options?: { force?: boolean }): Promise<ConnectorRemoved>;
  /** `GET /flows/:id/export`: the flow with the flows it calls or reports to, its custom modifiers and connector versions. */
  exportFlow(flowId: string): Promise<FlowBundle>;
  /** `POST /flows/import`: new stopped flows; 422 `bundle.unsatisfied` listing what this engine lacks, creating nothing. */
  importFlows(bundle: FlowBundle): Promise<ImportedFlows>;
  /** `GET /templates`: the catalogue (newest versions, without their flows). */
  listTemplates(query?: TemplateListParams): Promise<TemplateList>;
  getTemplate(templateId: string): Promise<Template>;
  /** Operators (or the host): version 1 of a template; 422 `template.invalid` when the wizard does not fit the flow. */
  createTemplate(body: CreateTemplateBody): Promise<Template>;
  /** The next version; 409 `template.conflict` on a stale `version`. */
  updateTemplate(templateId: string, body: UpdateTemplateBody): Promise<Template>;
  /** 409 `template.in_use` while integrations exist, unless `force` (their flows stay, detached). */
  deleteTemplate(templateId: string, options?: { force?: boolean }): Promise<void>;
  /** A started flow from the wizard's answers; 422 `template.answers_invalid` with `details.fields` to fix. */
  createInstance(templateId: string, body: CreateInstanceBody): Promise<CreatedInstance>;
  /** The tenant's integrations with `updateAvailable` and their last run. */
  listIntegrations(): Promise<IntegrationList>;
  /** To the newest template version; 422 `template.answers_needed` with `details.fields` to answer again. */
  updateIntegration(flowId: string, body?: UpdateIntegrationBody): Promise<UpdatedIntegration>;
  /** The flow stops following its template. */
  detachIntegration(flowId: string): Promise<void>;
  /** `GET /app-events`: the app events the host registered, with the JSON schema of their data. */
  listAppEvents(): Promise<AppEventList>;
}

/** `GET /templates` parameters; `customFields` become `customFields.<name>=<value>`. */
export type TemplateListParams = Partial<z.output<typeof TemplateListQuery>> & { customFields?: Record<string, string | number | boolean> };

type Query = Record<string, unknown>;

interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  schema?: z.ZodType<T>;
  auth?: boolean;
}

/** How every call goes out: URL, headers, credentials, errors, parsing. */
function createTransport(options: ApiClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const url = (path: string, query?: Query): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
    }
    const search = params.toString();
    return `${base}${path}${search ? `?${search}` : ''}`;
  };

  const headers = (auth: boolean, extra: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = { accept: 'application/json', ...extra };
    const token = auth ? options.getToken?.() : undefined;
    if (token) out.authorization = `Bearer ${token}`;
    // A cross-site form cannot send a custom header; the engine refuses cookie-signed writes without it.
    if (options.sessionCookie) out['x-weft-csrf'] = '1';
    return out;
  };
  // The bearer header is the only credential of an embedded widget: never send or store cookies there.
  const credentials: 'omit' | 'same-origin' = options.sessionCookie ? 'same-origin' : 'omit';

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const hasBody = spec.body !== undefined;
    let response: Response;
    try {
      response = await doFetch(url(spec.path, spec.query), {
        method: spec.method,
        headers: headers(spec.auth !== false, hasBody ? { 'content-type': 'application/json' } : {}),
        body: hasBody ? JSON.stringify(spec.body) : null,
        credentials,
      });
    } catch (cause) {
      throw new ApiError({ status: 0, code: 'network.failed', message: `Cannot reach ${base}`, cause });
    }
    if (!response.ok) throw await errorFrom(response, spec.path);
    if (!spec.schema || response.status === 204) return undefined as T;
    const json: unknown = await response.json().catch((cause: unknown) => {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: 'The answer is not JSON', cause });
    });
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: `Unexpected answer from ${spec.path}`, details: parsed.error.issues, cause: parsed.error });
    }
    return parsed.data;
  }

  return { base, doFetch, url, headers, credentials, request };
}

/** Log in or sign up into a session cookie (`"session": "cookie"`), for pages served by the engine itself. */
export function createSessionAuth(options: Pick<ApiClientOptions, 'baseUrl' | 'fetch'>): SessionAuth {
  const { request } = createTransport({ ...options, sessionCookie: true });
  const open = (path: string) => (credentials: Credentials) =>
    request({ method: 'POST', path, body: { ...credentials, session: 'cookie' }, schema: SessionResponse, auth: false });
  return { login: open('/auth/login'), signup: open('/auth/signup') };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { doFetch, url, headers, credentials, request } = createTransport(options);
  const id = encodeURIComponent;

  return {
    signup: (credentials) => request({ method: 'POST', path: '/auth/signup', body: credentials, schema: AuthResponse, auth: false }),
    login: (credentials) => request({ method: 'POST', path: '/auth/login', body: credentials, schema: AuthResponse, auth: false }),
    logout: () => request({ method: 'POST', path: '/auth/logout' }),
    getUser: () => request({ method: 'GET', path: '/user', schema: PublicUser }),
    listFlows: (query) => request({ method: 'GET', path: '/flows', query: flowListQuery(query), schema: FlowList }),
    createFlow: (body) => request({ method: 'POST', path: '/flows', body, schema: CreatedFlow }),
    getFlow: (flowId) => request({ method: 'GET', path: `/flows/${id(flowId)}`, schema: Flow }),
    updateFlow: (flowId, body) => request({ method: 'PUT', path: `/flows/${id(flowId)}`, body, schema: Flow }),
    deleteFlow: (flowId) => request({ method: 'DELETE', path: `/flows/${id(flowId)}` }),
    startFlow: (flowId) => request({ method: 'POST', path: `/flows/${id(flowId)}/start`, schema: Flow }),
    stopFlow: (flowId) => request({ method: 'POST', path: `/flows/${id(flowId)}/stop`, schema: Flow }),
    publishFlow: (flowId, body) => request({ method: 'POST', path: `/flows/${id(flowId)}/publish`, body, schema: Flow }),
    listFlowVersions: (flowId) => request({ method: 'GET', path: `/flows/${id(flowId)}/versions`, schema: FlowVersionList }),
    getFlowVersion: (flowId, version) => request({ method: 'GET', path: `/flows/${id(flowId)}/versions/${version}`, schema: FlowVersion }),
    restoreFlowVersion: (flowId, version, body) => request({ method: 'POST', path: `/flows/${id(flowId)}/versions/${version}/restore`, body, schema: Flow }),
    cloneFlow: (flowId, body = {}) => request({ method: 'POST', path: `/flows/${id(flowId)}/clone`, body, schema: CreatedFlow }),
    validateFlow: (flowId) => request({ method: 'GET', path: `/flows/${id(flowId)}/validate`, schema: ValidationReport }),
    testRun: (flowId, body) => request({ method: 'POST', path: `/flows/${id(flowId)}/test`, body, schema: TestRunResponse }),
    listComponents: (query) => request({ method: 'GET', path: '/components', query, schema: ComponentList }),
    getComponent: (type) => request({ method: 'GET', path: `/components/${id(type)}`, schema: ComponentManifest }),
    getComponentOptions: (type, name, properties) =>
      request({ method: 'GET', path: `/components/${id(type)}/options/${id(name)}`, query: properties ? { properties: JSON.stringify(properties) } : undefined, schema: ComponentOptions }),
    queryLogs: (query) => request({ method: 'GET', path: '/logs', query, schema: LogPage }),
    logHistogram: (query) => request({ method: 'GET', path: '/logs', query, schema: LogHistogram }),
    listUnprocessed: (query) => request({ method: 'GET', path: '/unprocessed-messages', query, schema: UnprocessedList }),
    getUnprocessed: (messageId) => request({ method: 'GET', path: `/unprocessed-messages/${id(messageId)}`, schema: UnprocessedMessage }),
    deleteUnprocessed: (messageId) => request({ method: 'DELETE', path: `/unprocessed-messages/${id(messageId)}` }),
    retryUnprocessed: (messageId, body = {}) => request({ method: 'POST', path: `/unprocessed-messages/${id(messageId)}/retry`, body, schema: RetryResponse }),
    listRuns: (query) => request({ method: 'GET', path: '/runs', query, schema: RunPage }),
    listAudit: (query) => request({ method: 'GET', path: '/audit', query, schema: AuditPage }),
    getRun: (correlationId) => request({ method: 'GET', path: `/runs/${id(correlationId)}`, schema: Run }),
    cancelRun: (correlationId) => request({ method: 'POST', path: `/runs/${id(correlationId)}/cancel`, body: {}, schema: Run }),
    listStaffTenants: (query) => request({ method: 'GET', path: '/admin/tenants', query, schema: AdminTenantList }),
    getStaffTenant: (tenantId) => request({ method: 'GET', path: `/admin/tenants/${id(tenantId)}`, schema: AdminTenantDetail }),
    stopAnyFlow: (flowId) => request({ method: 'POST', path: `/admin/flows/${id(flowId)}/stop`, body: {}, schema: StaffFlowSummary }),
    health: () => request({ method: 'GET', path: '/health', schema: Health, auth: false }),
    listModifiers: () => request({ method: 'GET', path: '/modifiers', schema: ModifierList }),
    testModifier: (body) => request({ method: 'POST', path: '/modifiers/test', body, schema: ModifierTestResult }),
    listAccounts: () => request({ method: 'GET', path: '/accounts', schema: AccountList }),
    listAccountTypes: () => request({ method: 'GET', path: '/accounts/types', schema: AccountTypeList }),
    createAccount: (body) => request({ method: 'POST', path: '/accounts', body, schema: Account }),
    getAccount: (accountId) => request({ method: 'GET', path: `/accounts/${id(accountId)}`, schema: Account }),
    updateAccount: (accountId, body) => request({ method: 'PATCH', path: `/accounts/${id(accountId)}`, body, schema: Account }),
    deleteAccount: (accountId, options = {}) => request({ method: 'DELETE', path: `/accounts/${id(accountId)}`, query: options.force ? { force: 'true' } : undefined }),
    getConnectorConfig: (connector) => request({ method: 'GET', path: `/connectors/${id(connector)}/config`, schema: ConnectorConfig }),
    putConnectorConfig: (connector, body) => request({ method: 'PUT', path: `/connectors/${id(connector)}/config`, body, schema: ConnectorConfig }),
    startOAuth: (body) => request({ method: 'POST', path: '/accounts/oauth/start', body, schema: OAuthStartResponse }),
    testAccount: (accountId, body = {}) => request({ method: 'POST', path: `/accounts/${id(accountId)}/test`, body, schema: AccountTestResult }),
    listConnectors: () => request({ method: 'GET', path: '/connectors', schema: ConnectorPackageList }),
    exportFlow: (flowId) => request({ method: 'GET', path: `/flows/${id(flowId)}/export`, schema: FlowBundle }),
    importFlows: (bundle) => request({ method: 'POST', path: '/flows/import', body: bundle, schema: ImportedFlows }),
    listTemplates: (query) => request({ method: 'GET', path: '/templates', query: flowListQuery(query), schema: TemplateList }),
    getTemplate: (templateId) => request({ method: 'GET', path: `/templates/${id(templateId)}`, schema: Template }),
    createTemplate: (body) => request({ method: 'POST', path: '/templates', body, schema: Template }),
    updateTemplate: (templateId, body) => request({ method: 'PUT', path: `/templates/${id(templateId)}`, body, schema: Template }),
    deleteTemplate: (templateId, deleteOptions = {}) => request({ method: 'DELETE', path: `/templates/${id(templateId)}`, query: { force: deleteOptions.force } }),
    createInstance: (templateId, body) => request({ method: 'POST', path: `/templates/${id(templateId)}/instances`, body, schema: CreatedInstance }),
    listIntegrations: () => request({ method: 'GET', path: '/integrations', schema: IntegrationList }),
    updateIntegration: (flowId, body = {}) => request({ method: 'POST', path: `/integrations/${id(flowId)}/update`, body, schema: UpdatedIntegration }),
    detachIntegration: (flowId) => request({ method: 'POST', path: `/integrations/${id(flowId)}/detach` }),
    listAppEvents: () => request({ method: 'GET', path: '/app-events', schema: AppEventList }),
    installConnector: async (tarball, installOptions = {}) => {
      let response: Response;
      try {
        response = await doFetch(url('/connectors', { force: installOptions.force }), {
          method: 'POST',
          headers: headers(true, { 'content-type': 'application/gzip' }),
          body: tarball as unknown as NonNullable<RequestInit['body']>,
          credentials,
        });
      } catch (cause) {
        throw new ApiError({ status: 0, code: 'network.failed', message: `Cannot reach ${url('/connectors')}`, cause });
      }
      if (!response.ok) throw await errorFrom(response, '/connectors');
      return ConnectorPackageInfo.parse(await response.json());
    },
    removeConnector: (name, removeOptions = {}) => request({ method: 'DELETE', path: `/connectors/${id(name)}`, query: { force: removeOptions.force }, schema: ConnectorRemoved }),
    streamLogs: (query, onRecord, streamOptions = {}) =>
      streamLogs({ doFetch, url: url('/logs/stream', query), headers: () => headers(true, { accept: 'text/event-stream' }), credentials, onRecord, options: streamOptions }),
  };
}

async function errorFrom(response: Response, path: string): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const conflict = response.status === 409 ? ConflictBody.safeParse(json) : undefined;
  if (conflict?.success) {
    const { error, current } = conflict.data;
    return new ApiError({ status: 409, code: error.code, message: error.message, path: error.path, details: error.details, current });
  }
  const body = ApiErrorBody.safeParse(json);
  if (body.success) {
    const { error } = body.data;
    return new ApiError({ status: response.status, code: error.code, message: error.message, path: error.path, details: error.details });
  }
  return new ApiError({ status: response.status, code: `http.${response.status}`, message: `${response.status} ${response.statusText || 'error'} on ${path}` });
}

interface StreamSpec {
  doFetch: FetchLike;
  url: string;
  headers: () => Record<string, string>;
  credentials: 'omit' | 'same-origin';
  onRecord: (record: LogRecord) => void;
  options: StreamLogsOptions;
}

function streamLogs({ doFetch, url, headers, credentials, onRecord, options }: StreamSpec): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let delay = options.reconnectDelayMs ?? 2000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: ApiError): void => options.onError?.(error);

  const connect = async (): Promise<void> => {
    const init: RequestInit = {
      method: 'GET',
      headers: { ...headers(), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      credentials,
      signal: controller.signal,
    };
    // A live stream must never come from a cache (not every RequestInit typing knows `cache`).
    Object.assign(init, { cache: 'no-store' });
    const response = await doFetch(url, init);
    if (!response.ok || !response.body) {
      const error = await errorFrom(response, '/logs/stream');
      // Auth and request errors will not heal by reconnecting.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        fail(error);
        controller.abort();
        return;
      }
      throw error;
    }
    options.onOpen?.();
    const parser = createSseParser((event) => {
      if (event.id !== undefined) lastEventId = event.id;
      if (event.retry !== undefined) delay = event.retry;
      if (event.event !== 'log') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const record = LogRecord.safeParse(json);
      if (record.success) onRecord(record.data);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
  };

  const loop = (): void => {
    connect().then(
      () => schedule(),
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        fail(cause instanceof ApiError ? cause : new ApiError({ status: 0, code: 'network.failed', message: 'Log stream dropped', cause }));
        schedule();
      },
    );
  };
  const schedule = (): void => {
    if (controller.signal.aborted) return;
    timer = setTimeout(loop, delay);
  };

  loop();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    controller.abort();
  };
}
