/**
 * @module API client: one typed method per REST route, each a call of the route table's entry
 * (`callRoute`), so its method, path, parameters and answer schema come from `routes.ts`.
 *
 *   const api = createApiClient({ baseUrl: 'https://weft.example.com', getToken: () => token });
 *   const { items } = await api.listFlows({ stage: 'running' });
 */
import type { z } from 'zod';
import type {
  AuthResponse, SessionResponse, ComponentList, ComponentOptions, LogQuery, UnprocessedQuery, ComponentManifest, CreatedFlow, Flow, FlowList,
  Health, LogHistogram, LogPage, PublicUser, RetryResponse, TestRunResponse, UnprocessedList, UnprocessedMessage,
  ValidationReport, FlowVersion, FlowVersionList, Run, RunPage, RunQuery, FlowSummary as StaffFlowSummary,
  CloneFlowBody, CreateFlowBody, Credentials, FlowListQuery, RetryBody, TestRunBody, UpdateFlowBody, PublishFlowBody, RestoreVersionBody,
} from './schemas.ts';
import { LogRecord } from './schemas.ts';
import type { ModifierList, ModifierTestResult, TestModifierBody } from './admin-schemas.ts';
import type {
  Account, AccountList, AccountTestResult, AccountTypeList, ConnectorConfig, OAuthStartResponse, ConnectorConfigBody, OAuthStartBody, CreateAccountBody, TestAccountBody,
  UpdateAccountBody,
} from './account-schemas.ts';
import type { ConnectorPackageInfo, ConnectorPackageList, ConnectorRemoved } from './connector-schemas.ts';
import { ApiError } from './api-error.ts';
import type { FlowBundle, ImportedFlows } from './bundle-schemas.ts';
import type { AuditPage, AuditQuery } from './audit-schemas.ts';
import type {
  CreatedInstance, IntegrationList, Template, TemplateList, UpdatedIntegration, CreateInstanceBody, CreateTemplateBody, TemplateListQuery, UpdateIntegrationBody,
  UpdateTemplateBody,
} from './template-schemas.ts';
import type { AppEventList } from './app-event-schemas.ts';
import type { AdminTenantDetail, AdminTenantList, AdminTenantQuery } from './staff-schemas.ts';
import { ROUTES, type RouteKey } from './routes.ts';
import { createRouteCaller, routeTarget } from './route-call.ts';
import { createTransport, type Transport, type TransportOptions } from './transport.ts';
import { createSseParser } from './sse-parser.ts';

export type { FetchLike } from './transport.ts';

/** Where the engine is and how to sign: a bearer token (`getToken`) or the session cookie (`sessionCookie`). */
export type ApiClientOptions = Omit<TransportOptions, 'readError'>;

/** Opens and closes the HttpOnly session cookie of a first-party page; the token never reaches script. */
export interface SessionAuth {
  login(credentials: Credentials): Promise<SessionResponse>;
  signup(credentials: Credentials): Promise<SessionResponse>;
}

/** `GET /flows` parameters; omitted ones take the server's defaults. */
/** `customFields`: only flows whose custom fields have these values (`?customFields.<name>=<value>`). */
export type FlowListParams = Partial<FlowListQuery> & { customFields?: Record<string, string | number | boolean> };

type CustomFieldQuery = { [name: `customFields.${string}`]: string };
/** The query of `GET /flows` or `GET /templates`, custom field filters spelled `customFields.<name>` (the server reads them from the raw query). */
function customFieldQuery<P extends { customFields?: Record<string, string | number | boolean> }>(params: P | undefined): Omit<P, 'customFields'> & CustomFieldQuery {
  const { customFields, ...rest } = params ?? ({} as P);
  const query: Record<string, unknown> = { ...rest };
  for (const [name, value] of Object.entries(customFields ?? {})) query[`customFields.${name}`] = String(value);
  return query as Omit<P, 'customFields'> & CustomFieldQuery;
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


/** A route whose answer schema is a union: the alternative that carries `field`, else `response.invalid`. */
function alternative<T extends object, F extends string>(answer: T, field: F, key: RouteKey): Extract<T, Record<F, unknown>> {
  if (field in answer) return answer as Extract<T, Record<F, unknown>>;
  throw new ApiError({ status: 200, code: 'response.invalid', message: `Unexpected answer from ${key}: no "${field}"` });
}

/** `force` as the `'true'` the routes' query schemas accept; left out otherwise. */
const forceQuery = (options: { force?: boolean }) => ({ force: options.force ? ('true' as const) : undefined });

/** Log in or sign up into a session cookie (`"session": "cookie"`), for pages served by the engine itself. */
export function createSessionAuth(options: Pick<ApiClientOptions, 'baseUrl' | 'fetch'>): SessionAuth {
  const callRoute = createRouteCaller(createTransport({ ...options, sessionCookie: true }));
  return {
    login: (credentials) => callRoute('POST /auth/login', { body: { ...credentials, session: 'cookie' } }),
    signup: (credentials) => callRoute('POST /auth/signup', { body: { ...credentials, session: 'cookie' } }),
  };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const transport = createTransport(options);
  const callRoute = createRouteCaller(transport);

  return {
    signup: async (credentials) => alternative(await callRoute('POST /auth/signup', { body: credentials }), 'token', 'POST /auth/signup'),
    login: async (credentials) => alternative(await callRoute('POST /auth/login', { body: credentials }), 'token', 'POST /auth/login'),
    logout: () => callRoute('POST /auth/logout'),
    getUser: () => callRoute('GET /user'),
    listFlows: (query) => callRoute('GET /flows', { query: customFieldQuery(query) }),
    createFlow: (body) => callRoute('POST /flows', { body }),
    getFlow: (id) => callRoute('GET /flows/{id}', { params: { id } }),
    updateFlow: (id, body) => callRoute('PUT /flows/{id}', { params: { id }, body }),
    deleteFlow: (id) => callRoute('DELETE /flows/{id}', { params: { id } }),
    startFlow: (id) => callRoute('POST /flows/{id}/start', { params: { id } }),
    stopFlow: (id) => callRoute('POST /flows/{id}/stop', { params: { id } }),
    publishFlow: (id, body) => callRoute('POST /flows/{id}/publish', { params: { id }, body }),
    listFlowVersions: (id) => callRoute('GET /flows/{id}/versions', { params: { id } }),
    getFlowVersion: (id, version) => callRoute('GET /flows/{id}/versions/{version}', { params: { id, version } }),
    restoreFlowVersion: (id, version, body) => callRoute('POST /flows/{id}/versions/{version}/restore', { params: { id, version }, body }),
    cloneFlow: (id, body = {}) => callRoute('POST /flows/{id}/clone', { params: { id }, body }),
    validateFlow: (id) => callRoute('GET /flows/{id}/validate', { params: { id } }),
    testRun: (id, body) => callRoute('POST /flows/{id}/test', { params: { id }, body }),
    listComponents: (query) => callRoute('GET /components', { query }),
    getComponent: (type) => callRoute('GET /components/{type}', { params: { type } }),
    getComponentOptions: (type, name, properties) =>
      callRoute('GET /components/{type}/options/{name}', { params: { type, name }, query: { properties: properties ? JSON.stringify(properties) : undefined } }),
    // One route answers both: records, or with `histogram` the counts per bucket.
    queryLogs: async (query) => alternative(await callRoute('GET /logs', { query }), 'records', 'GET /logs'),
    logHistogram: async (query) => alternative(await callRoute('GET /logs', { query }), 'buckets', 'GET /logs'),
    listUnprocessed: (query) => callRoute('GET /unprocessed-messages', { query }),
    getUnprocessed: (id) => callRoute('GET /unprocessed-messages/{id}', { params: { id } }),
    deleteUnprocessed: (id) => callRoute('DELETE /unprocessed-messages/{id}', { params: { id } }),
    retryUnprocessed: (id, body = {}) => callRoute('POST /unprocessed-messages/{id}/retry', { params: { id }, body }),
    listRuns: (query) => callRoute('GET /runs', { query }),
    listAudit: (query) => callRoute('GET /audit', { query }),
    getRun: (correlationId) => callRoute('GET /runs/{correlationId}', { params: { correlationId } }),
    cancelRun: (correlationId) => callRoute('POST /runs/{correlationId}/cancel', { params: { correlationId } }),
    listStaffTenants: (query) => callRoute('GET /admin/tenants', { query }),
    getStaffTenant: (id) => callRoute('GET /admin/tenants/{id}', { params: { id } }),
    stopAnyFlow: (id) => callRoute('POST /admin/flows/{id}/stop', { params: { id } }),
    health: () => callRoute('GET /health'),
    listModifiers: () => callRoute('GET /modifiers'),
    testModifier: (body) => callRoute('POST /modifiers/test', { body }),
    listAccounts: () => callRoute('GET /accounts'),
    listAccountTypes: () => callRoute('GET /accounts/types'),
    createAccount: (body) => callRoute('POST /accounts', { body }),
    getAccount: (id) => callRoute('GET /accounts/{id}', { params: { id } }),
    updateAccount: (id, body) => callRoute('PATCH /accounts/{id}', { params: { id }, body }),
    deleteAccount: (id, deleteOptions = {}) => callRoute('DELETE /accounts/{id}', { params: { id }, query: forceQuery(deleteOptions) }),
    getConnectorConfig: (name) => callRoute('GET /connectors/{name}/config', { params: { name } }),
    putConnectorConfig: (name, body) => callRoute('PUT /connectors/{name}/config', { params: { name }, body }),
    startOAuth: (body) => callRoute('POST /accounts/oauth/start', { body }),
    testAccount: (id, body = {}) => callRoute('POST /accounts/{id}/test', { params: { id }, body }),
    listConnectors: () => callRoute('GET /connectors'),
    exportFlow: (id) => callRoute('GET /flows/{id}/export', { params: { id } }),
    importFlows: (bundle) => callRoute('POST /flows/import', { body: bundle }),
    listTemplates: (query) => callRoute('GET /templates', { query: customFieldQuery(query) }),
    getTemplate: (id) => callRoute('GET /templates/{id}', { params: { id } }),
    createTemplate: (body) => callRoute('POST /templates', { body }),
    updateTemplate: (id, body) => callRoute('PUT /templates/{id}', { params: { id }, body }),
    deleteTemplate: (id, deleteOptions = {}) => callRoute('DELETE /templates/{id}', { params: { id }, query: forceQuery(deleteOptions) }),
    createInstance: (id, body) => callRoute('POST /templates/{id}/instances', { params: { id }, body }),
    listIntegrations: () => callRoute('GET /integrations'),
    updateIntegration: (flowId, body = {}) => callRoute('POST /integrations/{flowId}/update', { params: { flowId }, body }),
    detachIntegration: (flowId) => callRoute('POST /integrations/{flowId}/detach', { params: { flowId } }),
    listAppEvents: () => callRoute('GET /app-events'),
    installConnector: (tarball, installOptions = {}) => installConnector(transport, tarball, installOptions),
    removeConnector: (name, removeOptions = {}) => callRoute('DELETE /connectors/{name}', { params: { name }, query: forceQuery(removeOptions) }),
    streamLogs: (query, onRecord, streamOptions = {}) => streamLogs({ transport, query, onRecord, options: streamOptions }),
  };
}

/** `POST /connectors`: the body is the tarball itself, not JSON, so it goes past `callRoute`; path and answer schema still come from the table. */
async function installConnector(transport: Transport, tarball: Uint8Array, options: { force?: boolean }): Promise<ConnectorPackageInfo> {
  const key = 'POST /connectors';
  const { method, path } = routeTarget(key);
  const response = await transport.send(
    { method, path, query: forceQuery(options) },
    { body: tarball as unknown as NonNullable<RequestInit['body']>, contentType: 'application/gzip' },
  );
  return transport.answer(response, path, ROUTES[key].response);
}

interface StreamSpec {
  transport: Transport;
  query: LogStreamQuery;
  onRecord: (record: LogRecord) => void;
  options: StreamLogsOptions;
}

/** `GET /logs/stream`: Server-Sent Events read with `fetch` (EventSource cannot send the bearer header); path from the route table. */
function streamLogs({ transport, query, onRecord, options }: StreamSpec): () => void {
  const { path } = routeTarget('GET /logs/stream');
  const url = transport.url(path, query);
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let delay = options.reconnectDelayMs ?? 2000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: ApiError): void => options.onError?.(error);

  const connect = async (): Promise<void> => {
    const init: RequestInit = {
      method: 'GET',
      headers: { ...transport.headers(true, { accept: 'text/event-stream' }), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      credentials: transport.credentials,
      signal: controller.signal,
    };
    // A live stream must never come from a cache (not every RequestInit typing knows `cache`).
    Object.assign(init, { cache: 'no-store' });
    const response = await transport.doFetch(url, init);
    if (!response.ok || !response.body) {
      const error = await transport.fail(response, path);
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
