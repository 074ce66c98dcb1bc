/** @module Runtime: opens the adapters, builds the engine and the API, and runs the requested roles. */
import { startAuditPruning } from './audit/audit-trail.ts';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ComponentDefinition } from '@weft/connector-kit';
import { Accounts } from './accounts/accounts.ts';
import { createAccountTester } from './accounts/account-tester.ts';
import { ConnectorConfigs } from './accounts/connector-configs.ts';
import { OAuthFlows } from './accounts/oauth-flows.ts';
import { retryParkedFor } from './accounts/parked-messages.ts';
import { createTokenEndpoint } from './accounts/token-endpoint.ts';
import { openAdapters, type Adapters } from './adapters/index.ts';
import { createApp, webhookListenerFor, type ApiOptions } from './api/app.ts';
import type { Config } from './config.ts';
import { ConnectorPackages } from './connector-packages/connector-packages.ts';
import { firstPartyDir } from './connector-packages/first-party.ts';
import { createBuiltinComponents } from './connectors/index.ts';
import { Engine, type EngineOptions } from './engine/engine.ts';
import { busLogSink, startLogIndexer } from './engine/log-shipping.ts';
import { createSandbox } from './sandbox/index.ts';
import { ThreadedFlowChecks } from './flow-checks/thread.ts';
import { loadKeyRing, type SecretBox } from './secrets/index.ts';
import { TenantRateLimiter } from './tenancy/tenant-rates.ts';

export type Role = 'api' | 'worker' | 'scheduler' | 'indexer';
export const ALL_ROLES: readonly Role[] = ['api', 'worker', 'scheduler', 'indexer'];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface RunningWeft {
  engine: Engine;
  /** Connector packages installed by operators, loaded in this process. */
  connectors: ConnectorPackages;
  adapters: Adapters;
  /** The port the API listens on (when the api role runs). */
  port: number | undefined;
  url: string;
  /** Where the secret keys came from (a key file may have just been created), for the start log. */
  secretsNotice: string;
  /** Seals account secrets; undefined without keys (MongoDB without WEFT_SECRET_KEYS). */
  secrets: SecretBox | undefined;
  /** The flow checks thread (`WEFT_FLOW_THREAD_ABOVE` > 0), and the warm-up started once the process is up (`WEFT_FLOW_THREAD_WARM`). */
  flowChecks: ThreadedFlowChecks | undefined;
  flowChecksWarm: Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  roles?: readonly Role[];
  /** Extra component types (tests, plug-ins). */
  components?: readonly ComponentDefinition[];
}

/** Whether this process's log batches travel over the Bus to a `weft indexer` (see WEFT_LOG_SHIPPING). */
function shipsLogs(config: Config, roles: readonly Role[]): boolean {
  if (roles.includes('indexer')) return false;
  return config.WEFT_LOG_SHIPPING === 'bus' || (config.WEFT_LOG_SHIPPING === 'auto' && config.WEFT_LOGS === 'elasticsearch');
}

/**
 * The engine's settings, from the config: its defaults are the config schema's (the engine has no
 * defaults of its own). Tests that build their own Engine use them too.
 */
export function engineSettings(config: Config) {
  return {
    sandboxLimits: { timeoutMs: config.WEFT_SANDBOX_TIMEOUT_MS, memoryBytes: config.WEFT_SANDBOX_MEMORY_BYTES, maxOutputBytes: config.WEFT_SANDBOX_OUTPUT_BYTES },
    logRetentionDays: config.WEFT_LOG_RETENTION_DAYS,
    reloadPollMs: config.WEFT_RELOAD_POLL_MS,
    backoff: { baseMs: config.WEFT_RETRY_BASE_MS, maxMs: config.WEFT_RETRY_MAX_MS, maxAttempts: config.WEFT_MAX_ATTEMPTS },
    prefetch: config.WEFT_PREFETCH,
    timerLookaheadMs: config.WEFT_TIMER_LOOKAHEAD_MS,
    queues: config.WEFT_QUEUES,
    consume: config.WEFT_WORKER_QUEUES,
    webhookTimeoutMs: config.WEFT_WEBHOOK_TIMEOUT_MS,
    logPayloadLimitBytes: config.WEFT_LOG_PAYLOAD_BYTES,
    limits: {
      maxMessages: config.WEFT_MAX_SENDS,
      maxContentBytes: config.WEFT_MAX_MESSAGE_BYTES,
      entryBytes: config.WEFT_INLINE_OUTPUT_BYTES,
      inlineBytes: 8 * config.WEFT_INLINE_OUTPUT_BYTES,
      maxRedeliveries: config.WEFT_MAX_REDELIVERIES,
      maxCallDepth: config.WEFT_MAX_CALL_DEPTH,
      userInFlight: config.WEFT_USER_IN_FLIGHT || Math.max(1, Math.ceil((config.WEFT_PREFETCH * 3) / 4)),
      tenantInFlight: config.WEFT_TENANT_MAX_IN_FLIGHT || Math.max(1, Math.ceil((config.WEFT_PREFETCH * 3) / 4)),
      logBytesPerUserDay: config.WEFT_LOG_QUOTA_MB * 1024 * 1024,
      fuseSteps: config.WEFT_FUSE_STEPS,
      fuseFanOut: config.WEFT_FUSE_FAN_OUT,
      fuseMs: config.WEFT_FUSE_MS,
      inlineWebhooks: config.WEFT_INLINE_WEBHOOKS,
    },
    runValues: { ttlMs: config.WEFT_RUN_VALUES_TTL_DAYS * 24 * 3_600_000 },
  } satisfies Partial<EngineOptions>;
}

/** http.Request's limits from the config; tests that build their own Request use them too. */
export function httpLimits(config: Config) {
  return { timeoutMs: config.WEFT_HTTP_TIMEOUT_MS, maxTimeoutMs: config.WEFT_HTTP_MAX_TIMEOUT_MS, maxResponseBytes: config.WEFT_HTTP_MAX_RESPONSE_BYTES };
}

export async function startWeft({ config, roles = ALL_ROLES, components = [] }: StartOptions): Promise<RunningWeft> {
  const adapters = await openAdapters(config);
  const keyRing = loadKeyRing(config);
  const tokenEndpoint = createTokenEndpoint({ allowPrivateNetwork: config.WEFT_HTTP_ALLOW_PRIVATE, timeoutMs: config.WEFT_HTTP_TIMEOUT_MS });
  const accounts = new Accounts(adapters.store, keyRing.box, createAccountTester({ allowPrivateNetwork: config.WEFT_HTTP_ALLOW_PRIVATE, timeoutMs: config.WEFT_HTTP_TIMEOUT_MS }), tokenEndpoint);
  const connectorConfigs = new ConnectorConfigs(adapters.store, keyRing.box);
  const oauth = new OAuthFlows(adapters.store, accounts, tokenEndpoint, connectorConfigs);
  const publicUrl = config.WEFT_PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const { sandboxLimits } = engineSettings(config);
  const sandbox = createSandbox({
    ...(config.WEFT_SANDBOX_WORKERS > 0 ? { workers: config.WEFT_SANDBOX_WORKERS } : {}),
    limits: sandboxLimits,
    callsPerUser: config.WEFT_SANDBOX_CALLS_PER_USER,
    queuedPerUser: config.WEFT_SANDBOX_QUEUE_PER_USER,
    workerMemoryBytes: config.WEFT_SANDBOX_WORKER_MEMORY_MB * 1024 * 1024,
  });
  // The code component reads the limits in force at each call (an admin may change them).
  const code = { sandbox, limits: () => engine.settings.sandbox };
  // Big flows are parsed and validated in a thread of their own. It is started now, in the
  // background: it loads (0.6–2 s under tsx) on another core while this process starts, so that
  // the first big flow saved does not wait for it. One that fails to start is started on first use;
  // one left a minute without a call is ended (FLOW_CHECKS_IDLE_MS), and the next call starts another.
  const flowChecks = config.WEFT_FLOW_THREAD_ABOVE > 0 ? new ThreadedFlowChecks() : undefined;
  const warming = config.WEFT_FLOW_THREAD_WARM ? flowChecks?.warm().catch(() => undefined) : undefined;
  const engine: Engine = new Engine({
    store: adapters.store,
    bus: adapters.bus,
    logIndex: adapters.logIndex,
    ...(shipsLogs(config, roles) ? { logSink: busLogSink(adapters.bus) } : {}),
    components: [...createBuiltinComponents({ allowPrivateNetwork: config.WEFT_HTTP_ALLOW_PRIVATE, http: httpLimits(config), code }), ...components],
    codeRunner: sandbox,
    ...(flowChecks ? { flowChecks, flowChecksAbove: config.WEFT_FLOW_THREAD_ABOVE } : {}),
    ...engineSettings(config),
    publicUrl: config.WEFT_WEBHOOK_URL ?? publicUrl,
    resolveAccount: accounts.resolve,
    expireAccountToken: accounts.expireToken,
    listeners: { pollMs: config.WEFT_LISTEN_POLL_MS, leaseMs: config.WEFT_LISTEN_LEASE_MS, maxInFlight: config.WEFT_LISTEN_IN_FLIGHT },
  });
  await engine.loadCustomizations();
  // Before any role starts: running flows may use components of installed connector packages.
  const connectors = new ConnectorPackages({
    store: adapters.store,
    registry: engine.components,
    dataDir: config.WEFT_DATA_DIR,
    stopFlow: (record) => engine.stopFlow(record),
    onError: (error) => engine.reportError(error),
    dependencies: { install: config.WEFT_CONNECTOR_INSTALL_DEPENDENCIES, registry: config.WEFT_CONNECTOR_REGISTRY },
  });
  accounts.useConnectorAuth((name) => connectors.authOf(name), () => connectors.auths());
  accounts.onStatusChange(async ({ type, userId, account }) => {
    if (type === 'account.reconnected') {
      await retryParkedFor(engine, userId, account.id);
      return;
    }
    // The operator's notice: one line in the server's output (the reason names no secret), beside
    // the parked messages the Backoffice lists under the code `account.invalid`.
    console.error(`[weft] account.invalid: the account "${account.name}" (${account.id}, ${account.connector ?? account.type}) of user ${userId} is invalid: ${account.statusReason ?? 'no reason given'}. Messages that need it are parked until its owner reconnects it.`);
  });
  const builtInDir = firstPartyDir(config.WEFT_CONNECTORS_DIR);
  if (builtInDir !== undefined) await connectors.loadBuiltIns(builtInDir);
  await connectors.refresh(true);
  connectors.start(config.WEFT_RELOAD_POLL_MS);
  if (roles.includes('worker')) await engine.startWorker();
  if (roles.includes('scheduler')) engine.startScheduler();
  const stopAuditPruning = roles.includes('scheduler') ? startAuditPruning(adapters.audit, config.WEFT_AUDIT_RETENTION_DAYS, (error) => engine.reportError(error)) : undefined;
  const indexer = roles.includes('indexer') ? await startLogIndexer(adapters.bus, adapters.logIndex, (error) => engine.reportError(error)) : undefined;

  let server: Server | undefined;
  let port: number | undefined;
  if (roles.includes('api')) {
    await engine.startReplies();
    const apiOptions: ApiOptions = {
      engine,
      version: VERSION,
      corsOrigins: config.WEFT_CORS_ORIGINS,
      publicUrl: config.WEFT_PUBLIC_URL,
      maxBodyBytes: config.WEFT_MAX_BODY_BYTES,
      maxJsonDepth: config.WEFT_MAX_JSON_DEPTH,
      flowLimits: { maxComponents: config.WEFT_FLOW_MAX_COMPONENTS, maxEdges: config.WEFT_FLOW_MAX_EDGES, maxBytes: config.WEFT_FLOW_MAX_BYTES },
      tokenTtlMs: config.WEFT_TOKEN_TTL_HOURS * 3_600_000,
      exchangeAudience: config.WEFT_EXCHANGE_AUDIENCE,
      secrets: keyRing.box,
      signup: config.WEFT_SIGNUP,
      loginLimits: {
        perEmail: config.WEFT_LOGIN_FAILURES_PER_EMAIL,
        perAddress: config.WEFT_LOGIN_FAILURES_PER_ADDRESS,
        windowMs: config.WEFT_LOGIN_WINDOW_MINUTES * 60_000,
      },
      trustProxy: config.WEFT_TRUST_PROXY,
      tenantRates: new TenantRateLimiter(adapters.store, { defaults: {
        webhook: { rate: config.WEFT_TENANT_WEBHOOK_RATE, burst: config.WEFT_TENANT_WEBHOOK_BURST },
        api: { rate: config.WEFT_TENANT_API_RATE, burst: config.WEFT_TENANT_API_BURST },
      }, refusalPauseMs: config.WEFT_TENANT_REFUSAL_PAUSE_MS }),
      adapters: adapters.names,
      sandbox,
      modifierTestsPerMinute: config.WEFT_MODIFIER_TESTS_PER_MINUTE,
      accounts,
      oauth,
      connectorConfigs,
      connectors,
      templates: adapters.templates,
      audit: adapters.audit,
      maxConnectorBytes: config.WEFT_CONNECTOR_MAX_BYTES,
      staticRoots: config.WEFT_STATIC
        ? [
            { prefix: '/sdk', dir: `${repoRoot}packages/sdk/dist` },
            ...(config.WEFT_DEMO ? [{ prefix: '/demo-host', dir: `${repoRoot}apps/demo-host` }] : []),
            { prefix: '/backoffice', dir: `${repoRoot}apps/backoffice/dist` },
            { prefix: '/', dir: `${repoRoot}apps/studio/dist` },
          ]
        : [],
    };
    const app = createApp(apiOptions);
    // Plain webhook calls are answered before Hono (api/webhook-listener.ts); the rest go on to the app.
    const webhookCall = webhookListenerFor(apiOptions);
    // @hono/node-server calls it as `createServer(serverOptions, listener)`.
    const createServer = ((options: ServerOptions, honoListener: RequestListener): Server => createHttpServer(options, (req, res) => {
      if (!webhookCall(req, res)) honoListener(req, res);
    })) as typeof createHttpServer;
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, createServer }, (info) => {
        port = info.port;
        resolve();
      }) as Server;
    });
    server!.keepAliveTimeout = 65_000;
  }
  const url = config.WEFT_PUBLIC_URL ?? `http://127.0.0.1:${port ?? config.PORT}`;
  (engine.contextServices as { publicUrl: string }).publicUrl = (config.WEFT_WEBHOOK_URL ?? url).replace(/\/$/, '');

  return {
    engine, connectors, adapters, port, url, secretsNotice: keyRing.notice, secrets: keyRing.box,
    flowChecks, flowChecksWarm: warming ?? Promise.resolve(),
    async close() {
      stopAuditPruning?.();
      await connectors.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server?.closeAllConnections?.();
      await engine.stop();
      await indexer?.cancel();
      await sandbox.close();
      await flowChecks?.close();
      await adapters.close();
    },
  };
}
