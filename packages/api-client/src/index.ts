/**
 * @module @weft/api-client: the REST API's zod schemas (shared with the server) and a typed client.
 *
 *   const api = createApiClient({ baseUrl: location.origin, getToken: () => localStorage.token });
 *   const { items } = await api.listFlows({ search: 'invoice' });
 */
// Schemas
export { AppEventName, FireAppEventBody, FiredAppEvent, AppEventSchemaBody, AppEventInfo, AppEventList } from './app-event-schemas.ts';
export { BUNDLE_FORMAT, BundledFlow, FlowBundle, ImportedFlows } from './bundle-schemas.ts';
export {
  ApiErrorBody, Credentials, MIN_PASSWORD_LENGTH, NewPassword, SignupCredentials, SetPasswordBody,
  PublicUser, AuthResponse, SessionResponse, FlowStage, CustomFields, FlowSummary, FlowJson, Flow, FlowListQuery, FlowList,
  CreateFlowBody, CreatedFlow, UpdateFlowBody, ConflictBody, PublishFlowBody, RestoreVersionBody, FlowVersionSummary, FlowVersion, FlowVersionList, FlowProblem, ValidationReport, CloneFlowBody, TestRunBody,
  TestRunResponse, ComponentManifest, ComponentList, ComponentListItem, ComponentConnector, ComponentOptions, LogDirection, LogSeverity, LogRecord, LogQuery, LogPage,
  LogHistogram, ComponentListQuery, ComponentOptionsQuery, UnprocessedMessage, UnprocessedList, UnprocessedQuery, RetryBody, RetryResponse, Health,
  RunStatus, Run, RunQuery, RunPage,
} from './schemas.ts';
export { ErrorCatalogueEntry, ErrorCatalogueList } from './schemas.ts';
// Custom modifiers and admin routes
export {
  ModifierCategory, ModifierArgType, ModifierArg, ModifierExample, ModifierInfo, ModifierList, ModifierName, ModifierSource,
  CustomModifier, CreateModifierBody, UpdateModifierBody, ModifierConflictBody, ModifierVersion, ModifierVersionList,
  TestModifierBody, ModifierTestError, ModifierTestResult, ModifierSyntaxDetails, AdminUser, AdminUserQuery, AdminUserList,
  RevokeTokensResponse, AdminUnprocessedMessage, AdminUnprocessedQuery, AdminUnprocessedList, EditUnprocessedBody,
  AdminRetryBody, AdminRetryResponse, RetrySettings, SandboxSettings, LogSettings, AdminSettings,
} from './admin-schemas.ts';
// Connected accounts
export {
  SECRET_MASK, AccountType, AccountStatus, BearerFields, ApiKeyFields, BasicFields, AccountTypeField, ConnectorAccountType, AccountTypeList, GenericAccountBody, ConnectorAccountFields, ConnectorAccountBody, CreateAccountBody, UpdateAccountBody, Account,
  AccountList, DeleteAccountQuery, AccountInUse, TestAccountBody, AccountTestResult, OAuthDefinition, OAuthStartBody, OAuthStartResponse, ConnectorConfigValue, ConnectorConfigBody, ConnectorConfig,
} from './account-schemas.ts';
// Connector packages (operators)
export { ConnectorPackageInfo, ConnectorPackageList, ConnectorForceQuery, ConnectorRemoved, ConnectorInUseDetails } from './connector-schemas.ts';
// Templates and integrations (instances made from templates)
export {
  WizardFieldId, WizardFieldType, WizardBindPath, WizardBind, WizardOption, WizardField, Wizard, WizardAnswers, WizardProblem,
  CreateTemplateBody, UpdateTemplateBody, Template, TemplateListQuery, TemplateList, DeleteTemplateQuery,
  CreateInstanceBody, CreatedInstance, Integration, IntegrationList, UpdateIntegrationBody, UpdatedIntegration,
} from './template-schemas.ts';
// Host integration: keys, provisioning, tokens, signed-token exchange
export {
  HostKeyScope, CreateHostKeyBody, HostKey, HostKeyList, CreatedHostKey, ExternalId, TenantLimits, UpsertTenantBody, Tenant, TenantRole,
  UpsertTenantUserBody, TenantUser, HOST_TOKEN_DEFAULT_TTL_SECONDS, HOST_TOKEN_MAX_TTL_SECONDS, MintTokenBody, MintedToken, DeletedCounts,
  VerificationKeyBody, VerificationKey, VerificationKeyList, ExchangeBody,
} from './host-schemas.ts';
// The route table
export { ROUTES, routeAuths, isWriteRoute, splitRouteKey, matchRoute } from './routes.ts';
export { ROUTE_SUMMARIES } from './route-summaries.ts';
export type { RouteAuth, RouteRole, RouteMethod, RouteSpec, RouteKey } from './routes.ts';
// Calling a route of the table: typed params, query, body and answer
export { createRouteCaller, routeTarget } from './route-call.ts';
export type { CallRoute, RouteArgs, ParamName, ParamsOf, QueryIn, BodyIn, ResponseOf } from './route-call.ts';
export { createTransport } from './transport.ts';
export type { Transport, TransportOptions } from './transport.ts';
// Staff: tenants in the Backoffice
export { AdminTenantQuery, AdminTenant, AdminTenantList, AdminTenantMember, AdminTenantFlow, AdminTenantDetail } from './staff-schemas.ts';
// Audit log
export { AUDIT_ACTIONS, AuditAction, AuditVia, AuditEntry, AuditQuery, AuditPage } from './audit-schemas.ts';
// Client
export { createApiClient, createSessionAuth } from './client.ts';
export type {
  ApiClient, ApiClientOptions, SessionAuth, FetchLike, StreamLogsOptions, FlowListParams, LogQueryParams, LogStreamQuery, UnprocessedQueryParams,
  RunQueryParams, TemplateListParams,
} from './client.ts';
// Errors
export { ApiError, isApiError } from './api-error.ts';
export type { ApiErrorInit } from './api-error.ts';
// Sessions kept by front ends
export { storedSession } from './stored-session.ts';
export type { StoredSession, SessionStorageLike } from './stored-session.ts';
// Server-Sent Events
export { createSseParser } from './sse-parser.ts';
export type { SseEvent } from './sse-parser.ts';
