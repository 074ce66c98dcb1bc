/** @module API app: mounts every route, CORS for allowed origins, body limits, errors as JSON, static front ends. */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Engine } from '../engine/engine.ts';
import type { Sandbox } from '../sandbox/index.ts';
import type { SecretBox } from '../secrets/index.ts';
import type { Accounts } from '../accounts/accounts.ts';
import type { OAuthFlows } from '../accounts/oauth-flows.ts';
import type { ConnectorConfigs } from '../accounts/connector-configs.ts';
import { accountRoutes, oauthCallbackRoutes } from './accounts.ts';
import { connectorConfigRoutes } from './connector-config.ts';
import { adminRoutes } from './admin.ts';
import { staffTenantRoutes } from './staff-tenants.ts';
import type { ApiEnv } from './app-env.ts';
import { authRoutes, publicUser, requireUser } from './auth.ts';
import type { LoginLimits } from './login-limiter.ts';
import { componentRoutes } from './components.ts';
import type { ConnectorPackages } from '../connector-packages/connector-packages.ts';
import { connectorRoutes } from './connectors.ts';
import { bodyTooLarge, errorCatalogue, errorResponse } from './errors.ts';
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from './flow-limits.ts';
import { flowBundleRoutes } from './flow-bundles.ts';
import { flowRoutes } from './flows.ts';
import { exchangeRoutes, hostRoutes } from './host.ts';
import { appEventRoutes } from './app-events.ts';
import { HOST_TOKEN_DEFAULT_TTL_SECONDS } from '@weft/api-client';
import { logRoutes } from './logs.ts';
import { modifierRoutes } from './modifiers.ts';
import { openApiDocument } from './openapi.ts';
import { pageHeaders } from './page-headers.ts';
import { runRoutes } from './runs.ts';
import { unprocessedRoutes } from './unprocessed.ts';
import { DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';
import { CORS_EXPOSED_HEADERS, isWebhookPath, webhookRoutes } from './webhooks.ts';
import { tenantRateLimited } from './tenant-rate-limit.ts';
import { webhookListener, type WebhookListener } from './webhook-listener.ts';
import type { TenantRateLimiter } from '../tenancy/tenant-rates.ts';
import { instanceRoutes, integrationRoutes, templateRoutes } from './templates.ts';
import type { TemplateStore } from '../ports/template-store.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import { auditTrail } from '../audit/audit-trail.ts';
import { auditRoutes } from './audit.ts';

export interface ApiOptions {
  engine: Engine;
  version: string;
  /** Origins allowed to call the API from a browser, besides the installation's own; `*` allows any (development). */
  corsOrigins: readonly string[];
  /** WEFT_PUBLIC_URL, when set: its origin may call the API from a browser. */
  publicUrl?: string | undefined;
  maxBodyBytes: number;
  /** How deep a JSON body may nest (`WEFT_MAX_JSON_DEPTH`); deeper ones get 400 `request.too_deep`. */
  maxJsonDepth?: number;
  /** How big a flow may be (`WEFT_FLOW_MAX_*`). */
  flowLimits?: FlowLimits;
  tokenTtlMs: number;
  /** `aud` of host-signed JWTs at `POST /auth/exchange` (`WEFT_EXCHANGE_AUDIENCE`); default the public URL. */
  exchangeAudience?: string | undefined;
  /** Seals secrets the API stores itself (HS256 verification keys of the token exchange). */
  secrets?: SecretBox | undefined;
  /** `closed`: `POST /auth/signup` answers 403 `auth.signup_closed`. */
  signup: 'open' | 'closed';
  loginLimits: LoginLimits;
  trustProxy: boolean;
  adapters: { store: string; bus: string; logs: string };
  /** Runs custom modifiers and `POST /modifiers/test`; without it the modifier routes are not mounted. */
  sandbox?: Pick<Sandbox, 'check' | 'call'>;
  /** Runs of user code by `POST /modifiers/test` per user per minute (default 30). */
  modifierTestsPerMinute?: number;
  /** Connected accounts; without it the `/accounts` routes are not mounted. */
  accounts?: Accounts;
  /** OAuth 2 grants of generic accounts (`POST /accounts/oauth/start`, `GET /oauth/callback`). */
  oauth?: OAuthFlows;
  /** Operators' per-connector values (`PUT /connectors/:name/config`). */
  connectorConfigs?: ConnectorConfigs;
  /** Front ends to serve, path prefix → folder (`/` for the Studio); a path no file matches is 404. */
  staticRoots?: { prefix: string; dir: string }[];
  /** Connector packages (`/connectors`, operators); without it the routes are not mounted. */
  connectors?: ConnectorPackages;
  /** Largest connector tarball `POST /connectors` takes (`WEFT_CONNECTOR_MAX_BYTES`, default 10 MiB). */
  maxConnectorBytes?: number;
  /** Integration templates and instances; without it `/templates` and `/integrations` are not mounted. */
  templates?: TemplateStore;
  /** Per-tenant token buckets of webhook calls and authenticated requests (429 `tenant.rate_limited`); without it, no limits. */
  tenantRates?: TenantRateLimiter;
  /** Who did what; without it nothing is recorded and `GET /audit` is not mounted. */
  audit?: AuditLog;
}

export function createApp(options: ApiOptions) {
  const { engine } = options;
  const started = Date.now();
  const app = new Hono<ApiEnv>();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => c.json({ error: { code: 'route.not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));

  const allowOrigin = corsOrigin(options.corsOrigins, options.publicUrl);
  const allowCors: MiddlewareHandler<ApiEnv> = cors({
    origin: allowOrigin,
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    exposeHeaders: [CORS_EXPOSED_HEADERS],
    maxAge: 600,
    credentials: false,
  });
  // A webhook call (not its preflight) gets the same headers from its own route, set before the
  // answer is made: Hono's cors sets them on `c.res` first, which builds a full fetch Response for
  // every call (seen in --cpu-prof: ~4 % of a webhook run).
  const corsUnlessWebhookCall: MiddlewareHandler<ApiEnv> = (c, next) => (c.req.method !== 'OPTIONS' && isWebhookPath(c.req.path) ? next() : allowCors(c, next));
  app.use('*', corsUnlessWebhookCall);
  const maxConnectorBytes = options.maxConnectorBytes ?? 10 * 1024 * 1024;
  const counter = (max: number): MiddlewareHandler<ApiEnv> => bodyLimit({
    maxSize: max,
    onError: () => {
      throw bodyTooLarge(max);
    },
  });
  const countBody = counter(options.maxBodyBytes);
  const countTarball = counter(maxConnectorBytes);
  const limitBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
    // A connector tarball (operators only, checked again by its route) may be bigger than a JSON body.
    const isTarball = options.connectors !== undefined && c.req.method === 'POST' && c.req.path === '/connectors';
    const max = isTarball ? maxConnectorBytes : options.maxBodyBytes;
    // With a Content-Length the header says it all. Reading the body stream here (as bodyLimit
    // does) would build a full fetch Request for every call and take the body off the adapter's
    // fast path; only chunked bodies need counting.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > max) throw bodyTooLarge(max);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    return (isTarball ? countTarball : countBody)(c, next);
  };
  app.use('*', limitBody);
  const maxJsonDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  app.use('*', async (c, next) => {
    c.set('maxJsonDepth', maxJsonDepth);
    await next();
  });
  app.use('*', auditTrail(options.audit));

  const requireAuth = options.tenantRates ? tenantRateLimited(requireUser(engine.store), options.tenantRates) : requireUser(engine.store);
  app.get('/health', (c) => c.json({ status: 'ok' as const, version: options.version, adapters: options.adapters, uptimeMs: Date.now() - started }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(options.version)));
  app.get('/errors', (c) => c.json(errorCatalogue()));
  app.route('/auth', authRoutes(engine.store, { ...options, onError: (error) => engine.reportError(error) }));
  app.route('/auth', exchangeRoutes(engine, { audience: options.exchangeAudience, tokenTtlMs: HOST_TOKEN_DEFAULT_TTL_SECONDS * 1000, box: options.secrets }));
  // Host API keys only; user tokens are refused there, as host keys are on every other route.
  app.route('/host', hostRoutes(engine, options.secrets));
  // A host API key (scope events) or a user token; each route says which.
  app.route('/app-events', appEventRoutes(engine));
  app.get('/user', requireAuth, (c) => c.json(publicUser(c.get('user'))));
  // Webhooks are public (the flow and component ids are the address); they must win over /flows/:id routes.
  app.route('/flows', webhookRoutes(engine, { maxJsonDepth, tenantRates: options.tenantRates, allowOrigin }));
  app.use('/flows/*', requireAuth);
  app.use('/flows', requireAuth);
  app.route('/flows', flowBundleRoutes(engine.store, engine, options.flowLimits ?? DEFAULT_FLOW_LIMITS));
  app.route('/flows', flowRoutes(engine.store, engine, engine.logIndex, options.flowLimits ?? DEFAULT_FLOW_LIMITS));
  app.use('/components/*', requireAuth);
  app.use('/components', requireAuth);
  app.route('/components', componentRoutes(engine.components, engine.store, options.accounts, options.connectors ? () => options.connectors!.paletteGroups() : undefined));
  app.use('/logs/*', requireAuth);
  app.use('/logs', requireAuth);
  app.route('/logs', logRoutes(engine.logIndex, engine.logs, engine.store));
  app.use('/unprocessed-messages/*', requireAuth);
  app.use('/unprocessed-messages', requireAuth);
  app.route('/unprocessed-messages', unprocessedRoutes(engine.store, engine));
  app.use('/runs/*', requireAuth);
  app.use('/runs', requireAuth);
  app.route('/runs', runRoutes(engine, engine.logIndex));
  if (options.sandbox) {
    app.use('/modifiers/*', requireAuth);
    app.use('/modifiers', requireAuth);
    app.route('/modifiers', modifierRoutes(engine, options.sandbox, { testsPerMinute: options.modifierTestsPerMinute ?? 30 }));
  }
  if (options.accounts) {
    app.use('/accounts/*', requireAuth);
    app.use('/accounts', requireAuth);
    app.route('/accounts', accountRoutes(options.accounts, engine, options.oauth, options.publicUrl));
  }
  if (options.oauth) app.route('/oauth', oauthCallbackRoutes(options.oauth));
  if (options.connectorConfigs) {
    app.use('/connectors/*', requireAuth);
    app.use('/connectors', requireAuth);
    app.route('/connectors', connectorConfigRoutes(options.connectorConfigs, engine.components));
  }
  if (options.connectors) {
    app.use('/connectors/*', requireAuth);
    app.use('/connectors', requireAuth);
    app.route('/connectors', connectorRoutes(options.connectors, { maxBytes: maxConnectorBytes }));
  }
  if (options.templates) {
    const deps = { engine, templates: options.templates, limits: options.flowLimits ?? DEFAULT_FLOW_LIMITS, accounts: options.accounts };
    // Making an instance is a tenant user's act; the other template routes take a host key or a user, each route says which.
    app.use('/templates/:id/instances', requireAuth);
    app.route('/templates', instanceRoutes(deps));
    app.route('/templates', templateRoutes(deps));
    app.use('/integrations/*', requireAuth);
    app.use('/integrations', requireAuth);
    app.route('/integrations', integrationRoutes(deps));
  }
  if (options.audit) {
    app.use('/audit', requireAuth);
    app.route('/audit', auditRoutes(options.audit, engine.store));
  }
  app.use('/admin/*', requireAuth);
  // Before adminRoutes (operators only): support staff may read the tenants too.
  app.route('/admin', staffTenantRoutes(engine));
  app.route('/admin', adminRoutes(engine));

  // No fallback to the Studio's index: the Studio and the Backoffice route by hash, so a GET that no
  // route or file answers is a 404 (route.not_found), never a page standing in for a missing script.
  for (const { prefix, dir } of options.staticRoots ?? []) {
    if (!existsSync(dir)) continue;
    const root = relative(process.cwd(), dir) || '.';
    const base = prefix.replace(/\/$/, '');
    // Before the files: `${base}/*` also matches the bare prefix.
    if (base !== '') app.get(base, (c) => c.redirect(`${base}/`));
    app.get(`${base}/*`, pageHeaders, serveStatic({ root, rewriteRequestPath: (path) => path.slice(base.length) || '/' }));
  }
  return app;
}

/**
 * Which `Origin` may read the API's answers: the installation's own and the listed ones (`*`: any,
 * for development). Never `null`: sandboxed documents, such as webhook answers, and local files send it.
 */
export function corsOrigin(listed: readonly string[], publicUrl: string | undefined): (origin: string) => string | null {
  const allowAny = listed.includes('*');
  const allowed = new Set(listed);
  if (publicUrl && URL.canParse(publicUrl)) allowed.add(new URL(publicUrl).origin);
  return (origin) => (origin === 'null' || origin === '' ? null : allowAny || allowed.has(origin) ? origin : null);
}

export type WeftApp = ReturnType<typeof createApp>;

/** The node:http listener of plain webhook calls that runs before the app (webhook-listener.ts), with the app's own limits and origins. */
export function webhookListenerFor(options: ApiOptions): WebhookListener {
  return webhookListener(options.engine, {
    maxBodyBytes: options.maxBodyBytes,
    maxJsonDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH,
    tenantRates: options.tenantRates,
    allowOrigin: corsOrigin(options.corsOrigins, options.publicUrl),
  });
}
