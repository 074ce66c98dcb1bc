/** @module Runtime: opens the adapters, builds the engine and the API, and runs the requested roles. */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ComponentDefinition } from '@weft/connector-kit';
import { openAdapters, type Adapters } from './adapters/index.ts';
import { createApp } from './api/app.ts';
import type { Config } from './config.ts';
import { createBuiltinComponents } from './connectors/index.ts';
import { Engine } from './engine/engine.ts';
import { busLogSink, startLogIndexer } from './engine/log-shipping.ts';
import { createSandbox } from './sandbox/index.ts';

export type Role = 'api' | 'worker' | 'scheduler' | 'indexer';
export const ALL_ROLES: readonly Role[] = ['api', 'worker', 'scheduler', 'indexer'];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface RunningWeft {
  engine: Engine;
  adapters: Adapters;
  /** The port the API listens on (when the api role runs). */
  port: number | undefined;
  url: string;
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

export async function startWeft({ config, roles = ALL_ROLES, components = [] }: StartOptions): Promise<RunningWeft> {
  const adapters = await openAdapters(config);
  const publicUrl = config.WEFT_PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const sandboxLimits = { timeoutMs: config.WEFT_SANDBOX_TIMEOUT_MS, memoryBytes: config.WEFT_SANDBOX_MEMORY_BYTES, maxOutputBytes: 1024 * 1024 };
  const sandbox = createSandbox({ ...(config.WEFT_SANDBOX_WORKERS > 0 ? { workers: config.WEFT_SANDBOX_WORKERS } : {}), limits: sandboxLimits });
  // The code component reads the limits in force at each call (an admin may change them).
  const code = { sandbox, limits: () => engine.settings.sandbox };
  const engine: Engine = new Engine({
    store: adapters.store,
    bus: adapters.bus,
    logIndex: adapters.logIndex,
    ...(shipsLogs(config, roles) ? { logSink: busLogSink(adapters.bus) } : {}),
    components: [...createBuiltinComponents({ allowPrivateNetwork: config.WEFT_HTTP_ALLOW_PRIVATE, code }), ...components],
    codeRunner: sandbox,
    sandboxLimits,
    logRetentionDays: config.WEFT_LOG_RETENTION_DAYS,
    reloadPollMs: config.WEFT_RELOAD_POLL_MS,
    publicUrl,
    backoff: { baseMs: config.WEFT_RETRY_BASE_MS, maxMs: config.WEFT_RETRY_MAX_MS, maxAttempts: config.WEFT_MAX_ATTEMPTS },
    prefetch: config.WEFT_PREFETCH,
    queues: config.WEFT_QUEUES,
    consume: config.WEFT_WORKER_QUEUES,
    webhookTimeoutMs: config.WEFT_WEBHOOK_TIMEOUT_MS,
    logPayloadLimitBytes: config.WEFT_LOG_PAYLOAD_BYTES,
  });
  await engine.loadCustomizations();
  if (roles.includes('worker')) await engine.startWorker();
  if (roles.includes('scheduler')) engine.startScheduler();
  const indexer = roles.includes('indexer') ? await startLogIndexer(adapters.bus, adapters.logIndex, (error) => engine.reportError(error)) : undefined;

  let server: Server | undefined;
  let port: number | undefined;
  if (roles.includes('api')) {
    await engine.startReplies();
    const app = createApp({
      engine,
      version: VERSION,
      corsOrigins: config.WEFT_CORS_ORIGINS,
      maxBodyBytes: config.WEFT_MAX_BODY_BYTES,
      maxJsonDepth: config.WEFT_MAX_JSON_DEPTH,
      flowLimits: { maxComponents: config.WEFT_FLOW_MAX_COMPONENTS, maxEdges: config.WEFT_FLOW_MAX_EDGES, maxBytes: config.WEFT_FLOW_MAX_BYTES },
      tokenTtlMs: config.WEFT_TOKEN_TTL_HOURS * 3_600_000,
      adminEmails: config.WEFT_ADMIN_EMAILS,
      adapters: adapters.names,
      sandbox,
      staticRoots: config.WEFT_STATIC
        ? [
            { prefix: '/sdk', dir: `${repoRoot}packages/sdk/dist` },
            { prefix: '/demo-host', dir: `${repoRoot}apps/demo-host` },
            { prefix: '/backoffice', dir: `${repoRoot}apps/backoffice/dist` },
            { prefix: '/', dir: `${repoRoot}apps/studio/dist` },
          ]
        : [],
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
        port = info.port;
        resolve();
      }) as Server;
    });
    server!.keepAliveTimeout = 65_000;
  }
  const url = config.WEFT_PUBLIC_URL ?? `http://127.0.0.1:${port ?? config.PORT}`;
  (engine.contextServices as { publicUrl: string }).publicUrl = url;

  return {
    engine, adapters, port, url,
    async close() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server?.closeAllConnections?.();
      await engine.stop();
      await indexer?.cancel();
      await sandbox.close();
      await adapters.close();
    },
  };
}
