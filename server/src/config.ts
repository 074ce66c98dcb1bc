/** @module Config: every setting comes from an environment variable with a sane default. */
import { resolve } from 'node:path';
import { z } from 'zod';
import { MESSAGES_QUEUE } from './engine/message.ts';
import { parseQueueConsumers, parseQueueRoutes } from './engine/queue-routing.ts';

/** Turns a `{ ok, value | error }` parser into a zod transform that reports the error. */
function parsed<T>(parse: (spec: string) => { ok: true; value: T } | { ok: false; error: string }) {
  return z.string().transform((spec, ctx) => {
    const result = parse(spec);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2300),
  HOST: z.string().default('127.0.0.1'),
  WEFT_PUBLIC_URL: z.string().optional(),
  /**
   * Base URL of webhooks, when they are served from an origin of their own (a second host name
   * proxied to this server), e.g. `https://hooks.weft.example.com`; default WEFT_PUBLIC_URL.
   */
  WEFT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEFT_DATA_DIR: z.string().default('.weft-data'),
  /**
   * Keys that encrypt stored secrets (account credentials), `kid:base64key,…` (32-byte keys): the
   * first encrypts, all decrypt. Unset on the embedded Store: a key file in WEFT_DATA_DIR.
   */
  WEFT_SECRET_KEYS: z.string().optional(),
  WEFT_STORE: z.enum(['embedded', 'mongodb']).default('embedded'),
  WEFT_BUS: z.enum(['embedded', 'rabbitmq']).default('embedded'),
  WEFT_LOGS: z.enum(['embedded', 'elasticsearch']).default('embedded'),
  /**
   * How a process without the indexer role gets its log records indexed: `bus` ships batches to
   * `weft indexer` over the Bus, `direct` appends them itself (off the dispatch path either way).
   * `auto`: `bus` for Elasticsearch (one indexer paces the cluster), `direct` for the embedded
   * index, whose own thread and file already keep indexing off the flows' way.
   */
  WEFT_LOG_SHIPPING: z.enum(['auto', 'bus', 'direct']).default('auto'),
  WEFT_AMQP_URL: z.string().default('amqp://guest:guest@127.0.0.1:5672'),
  /** Prefix of every RabbitMQ queue and exchange, so several Weft installations can share a broker. */
  WEFT_AMQP_PREFIX: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).default('weft'),
  /** File the RabbitMQ bus rewrites every second with its counters (published, confirm frames); unset: none. */
  WEFT_AMQP_STATS_FILE: z.string().optional(),
  WEFT_MONGODB_URL: z.string().default('mongodb://127.0.0.1:27017/weft'),
  WEFT_ELASTICSEARCH_URL: z.string().default('http://127.0.0.1:9200'),
  /** Origins of host pages that embed the widgets, comma-separated; the installation's own is always allowed. `*`: any (development only). */
  WEFT_CORS_ORIGINS: list.default([]),
  /**
   * Removed: sign-up never makes an administrator. Still read so that an installation that sets it
   * refuses to start and says what to do instead (`weft users create-operator`).
   */
  WEFT_ADMIN_EMAILS: list.default([]),
  /** `open`: anyone may sign up (the quick start); `closed`: `POST /auth/signup` answers 403, accounts come from operators. */
  WEFT_SIGNUP: z.enum(['open', 'closed']).default('open'),
  /** How long a set-password link printed by `weft users create-operator` works (once). */
  WEFT_SET_PASSWORD_TTL_HOURS: z.coerce.number().positive().default(24),
  /** Failed logins allowed per email, and per client address, in each `WEFT_LOGIN_WINDOW_MINUTES` window. */
  WEFT_LOGIN_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  WEFT_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  WEFT_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Behind a reverse proxy: take the client address from the last `X-Forwarded-For` entry (the proxy's). */
  WEFT_TRUST_PROXY: z.stringbool().default(false),
  WEFT_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** How deep arrays and objects may nest in a JSON body (API and webhooks): 400 `request.too_deep` beyond. */
  WEFT_MAX_JSON_DEPTH: z.coerce.number().int().min(8).max(1000).default(64),
  /** How big a flow may be when saved, cloned, validated or started: 422 `flow.too_large` / 413 `flow.descriptor_too_large` beyond. */
  WEFT_FLOW_MAX_COMPONENTS: z.coerce.number().int().positive().default(2000),
  WEFT_FLOW_MAX_EDGES: z.coerce.number().int().positive().default(10_000),
  WEFT_FLOW_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Flows of more components are parsed and validated in a worker thread, off the event loop (0: never). */
  WEFT_FLOW_THREAD_ABOVE: z.coerce.number().int().min(0).default(200),
  /** Start that thread at start-up (in the background, while the rest starts), so the first big flow does not wait for it; off: on first use. */
  WEFT_FLOW_THREAD_WARM: z.stringbool().default(true),
  WEFT_TOKEN_TTL_HOURS: z.coerce.number().positive().default(24 * 30),
  /** The `aud` a host-signed JWT must carry at `POST /auth/exchange`; default the public URL (WEFT_PUBLIC_URL, else http://HOST:PORT). */
  WEFT_EXCHANGE_AUDIENCE: z.string().min(1).optional(),
  WEFT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  WEFT_LOG_PAYLOAD_BYTES: z.coerce.number().int().positive().default(16_384),
  WEFT_RETRY_BASE_MS: z.coerce.number().int().positive().default(1000),
  WEFT_RETRY_MAX_MS: z.coerce.number().int().positive().default(15 * 60_000),
  WEFT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  WEFT_EMBEDDED_DURABILITY: z.enum(['normal', 'full']).default('normal'),
  WEFT_EMBEDDED_VISIBILITY_MS: z.coerce.number().int().positive().default(30_000),
  WEFT_PREFETCH: z.coerce.number().int().positive().default(64),
  /**
   * Queues per component type: `http=weft.utils.http.Request;slow=acme.*`. Types no pattern
   * matches stay on `messages` (the default: every message on `messages`).
   */
  WEFT_QUEUES: parsed(parseQueueRoutes).default([]),
  /** What a worker consumes, `queue:prefetch`: `messages:64,http:8`. Default: every queue with WEFT_PREFETCH. */
  WEFT_WORKER_QUEUES: parsed(parseQueueConsumers).default([]),
  WEFT_HTTP_ALLOW_PRIVATE: z.stringbool().default(false),
  /** http.Request: timeout when the flow sets none, the largest a flow may set, and the largest answer read. */
  WEFT_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  WEFT_HTTP_MAX_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  WEFT_HTTP_MAX_RESPONSE_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  WEFT_STATIC: z.stringbool().default(true),
  /** Serve the demo third-party page at /demo-host/ (quick start only: it signs up throwaway users). */
  WEFT_DEMO: z.stringbool().default(false),
  /** Worker threads running user code (custom modifiers, the JavaScript component); 0: min(2, cpus). */
  WEFT_SANDBOX_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  /** Defaults until an admin saves settings (`PUT /admin/settings`). */
  WEFT_SANDBOX_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  WEFT_SANDBOX_MEMORY_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** Largest JSON result (UTF-8 bytes) one sandbox call may return. */
  WEFT_SANDBOX_OUTPUT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Sandbox calls of one user running at once, across all sandbox workers; the rest wait their turn. */
  WEFT_SANDBOX_CALLS_PER_USER: z.coerce.number().int().positive().default(2),
  /** Sandbox calls of one user waiting at once; beyond, calls fail with `sandbox.busy` (429, retry). */
  WEFT_SANDBOX_QUEUE_PER_USER: z.coerce.number().int().positive().default(64),
  /** Hard cap on each sandbox worker's WebAssembly memory (all its QuickJS heaps together), in MiB. */
  WEFT_SANDBOX_WORKER_MEMORY_MB: z.coerce.number().int().min(64).max(4096).default(512),
  /** `POST /modifiers/test` runs of user code per user per minute; beyond, 429 `modifiers.rate_limited`. */
  WEFT_MODIFIER_TESTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  WEFT_LOG_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Audit entries older than this are deleted hourly by the scheduler role. */
  WEFT_AUDIT_RETENTION_DAYS: z.coerce.number().positive().default(365),
  /** Most messages one receive may send (sends times their edges): Each over a longer list fails with `component.too_many_sends`. */
  WEFT_MAX_SENDS: z.coerce.number().int().positive().default(10_000),
  /** Most bytes of JSON one message's content may take (`message.too_large` beyond). */
  WEFT_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  /** An output up to this size travels inline in later messages; a bigger one is stored once and referenced. */
  WEFT_INLINE_OUTPUT_BYTES: z.coerce.number().int().positive().default(4096),
  /** How long a stored output outlives the last message that refers to it. */
  WEFT_RUN_VALUES_TTL_DAYS: z.coerce.number().positive().default(30),
  /** A message whose process died this many times while handling it is parked as `message.poison`. */
  WEFT_MAX_REDELIVERIES: z.coerce.number().int().nonnegative().default(3),
  /** CallFlow hops one run may make. */
  WEFT_MAX_CALL_DEPTH: z.coerce.number().int().positive().default(8),
  /** Deliveries of one user in flight in one worker; above it that user's messages wait. 0: three quarters of WEFT_PREFETCH. */
  WEFT_USER_IN_FLIGHT: z.coerce.number().int().nonnegative().default(0),
  /** Webhook calls per second into one tenant's flows, per API process (token bucket; 0: no limit), and the burst above it. Per tenant: host API `limits.webhookRate` / `webhookBurst`. */
  WEFT_TENANT_WEBHOOK_RATE: z.coerce.number().nonnegative().default(1000),
  WEFT_TENANT_WEBHOOK_BURST: z.coerce.number().int().positive().default(2000),
  /** How long a webhook call over its tenant's rate waits before its 429 is sent: a caller retrying in a loop is paced instead of taking the event loop from other tenants (0: at once). */
  WEFT_TENANT_REFUSAL_PAUSE_MS: z.coerce.number().int().nonnegative().max(5000).default(250),
  /** Authenticated API requests per second by one tenant's users, per API process (0: no limit), and the burst. Per tenant: `limits.apiRate` / `apiBurst`. */
  WEFT_TENANT_API_RATE: z.coerce.number().nonnegative().default(100),
  WEFT_TENANT_API_BURST: z.coerce.number().int().positive().default(1000),
  /** Deliveries of one tenant in flight in one worker while it is busy; above it that tenant's messages wait (deferred, never dropped). 0: three quarters of WEFT_PREFETCH. */
  WEFT_TENANT_MAX_IN_FLIGHT: z.coerce.number().int().nonnegative().default(0),
  /** Megabytes of log records one user may write per day per process; beyond, one `log.quota_exceeded` record and no more. 0: no quota. */
  WEFT_LOG_QUOTA_MB: z.coerce.number().nonnegative().default(1024),
  /**
   * Pure steps (Set, Condition, JavaScript, Response…) one delivery may run after its own, instead
   * of each crossing the Bus; 0: every step is a message of its own. See server/src/engine/README.md.
   */
  WEFT_FUSE_STEPS: z.coerce.number().int().nonnegative().default(1000),
  /** A step that sends more messages than this (an Each over a long list) publishes them instead of running them in its delivery. */
  WEFT_FUSE_FAN_OUT: z.coerce.number().int().nonnegative().default(16),
  /**
   * How long before its due time a timer is published, where the Bus can hold deliveries (embedded):
   * the worker prepares its run and starts it when due (engine README, "Timers ahead of time"). 0: at the due time.
   */
  WEFT_TIMER_LOOKAHEAD_MS: z.coerce.number().int().nonnegative().max(20_000).default(10_000),
  /** Past this many milliseconds a delivery runs no more fused steps; the rest go over the Bus. */
  WEFT_FUSE_MS: z.coerce.number().int().positive().default(2000),
  /**
   * Run a webhook call's first step (and the pure steps it leads to) in the request, where this
   * process also runs the worker: only what the run leaves to do is stored before the answer.
   * false: every call is stored on the Bus first. See server/src/engine/README.md.
   */
  WEFT_INLINE_WEBHOOKS: z.stringbool().default(true),
  /** How often a process looks for custom modifiers and settings saved by another one. */
  WEFT_RELOAD_POLL_MS: z.coerce.number().int().positive().default(2000),
  /** How often a scheduler process reads the running flows to open, renew or close their listen triggers (queue consumers, subscribers). */
  WEFT_LISTEN_POLL_MS: z.coerce.number().int().positive().default(2000),
  /** How long a listen trigger's lease outlives its holder's last renewal: after a crash, the wait before another process opens it. */
  WEFT_LISTEN_LEASE_MS: z.coerce.number().int().positive().default(15_000),
  /** Messages of one listen trigger being accepted at once; the source waits beyond (backpressure). */
  WEFT_LISTEN_IN_FLIGHT: z.coerce.number().int().positive().default(64),
  /** Largest connector tarball `POST /connectors` accepts (MongoDB keeps it in one document: stay under 16 MB). */
  WEFT_CONNECTOR_MAX_BYTES: z.coerce.number().int().positive().max(15 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Folder of first-party connector packages loaded at start (default: the repository's `connectors/`); `off` loads none. */
  WEFT_CONNECTORS_DIR: z.string().optional(),
  /** Install the npm dependencies a connector package names but does not bundle (into its own folder, scripts off). */
  WEFT_CONNECTOR_INSTALL_DEPENDENCIES: z.stringbool().default(true),
  /** The npm registry those dependencies come from; npm's own setting when unset. */
  WEFT_CONNECTOR_REGISTRY: z.url().optional(),
}).superRefine((config, ctx) => {
  if (config.WEFT_LISTEN_POLL_MS * 3 > config.WEFT_LISTEN_LEASE_MS) {
    ctx.addIssue({ code: 'custom', path: ['WEFT_LISTEN_POLL_MS'], message: `must be at most a third of WEFT_LISTEN_LEASE_MS (${config.WEFT_LISTEN_LEASE_MS}), or a listener's lease could run out between two renewals` });
  }
  if (config.WEFT_HTTP_TIMEOUT_MS > config.WEFT_HTTP_MAX_TIMEOUT_MS) {
    ctx.addIssue({ code: 'custom', path: ['WEFT_HTTP_TIMEOUT_MS'], message: `the default timeout is above WEFT_HTTP_MAX_TIMEOUT_MS (${config.WEFT_HTTP_MAX_TIMEOUT_MS})` });
  }
  if (config.WEFT_ADMIN_EMAILS.length > 0) {
    ctx.addIssue({
      code: 'custom', path: ['WEFT_ADMIN_EMAILS'],
      message: 'is no longer supported: signing up never makes an administrator. Unset it, and create each operator with `weft users create-operator --email <address>` (it prints a one-time link to set the password).',
    });
  }
  const known = new Set([MESSAGES_QUEUE, ...config.WEFT_QUEUES.map((route) => route.queue)]);
  for (const { queue } of config.WEFT_WORKER_QUEUES) {
    if (!known.has(queue)) ctx.addIssue({ code: 'custom', path: ['WEFT_WORKER_QUEUES'], message: `no queue "${queue}"; WEFT_QUEUES names ${[...known].join(', ')}` });
  }
});
export type Config = z.infer<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Weft cannot start; fix these environment variables:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, WEFT_DATA_DIR: resolve(parsed.data.WEFT_DATA_DIR) };
}
