/** @module API schemas: the zod schemas of every REST request and response, shared by the server and the client. */
import { z } from 'zod';
import { Manifest } from '@weft/connector-kit';

// Errors ------------------------------------------------------------------------------------
export const ApiErrorBody = z.object({
  error: z.object({
    /** Stable, dotted: `flow.not_found`, `request.invalid`, `auth.required`… */
    code: z.string(),
    message: z.string(),
    /** Dotted path of the offending field, e.g. `body.flow.a1.type`. */
    path: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
/** `GET /errors`: the error catalogue of the connector kit, one entry per code. */
export const ErrorCatalogueEntry = z.object({ code: z.string(), status: z.number().int(), retry: z.enum(['retry', 'never']), sentence: z.string() });
export const ErrorCatalogueList = z.object({ items: z.array(ErrorCatalogueEntry) });
export type ErrorCatalogueList = z.infer<typeof ErrorCatalogueList>;

// Auth --------------------------------------------------------------------------------------
export const Credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(8, 'use at least 8 characters').max(200),
});
export type Credentials = z.infer<typeof Credentials>;

/** A password being chosen (sign-up, set-password); the server also refuses the most common ones (`auth.weak_password`). */
export const MIN_PASSWORD_LENGTH = 10;
export const NewPassword = z.string().min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const SignupCredentials = Credentials.extend({ password: NewPassword });
export type SignupCredentials = z.infer<typeof SignupCredentials>;

/** `POST /auth/set-password`: the token of a one-time link from `weft users create-operator`. */
export const SetPasswordBody = z.object({ token: z.string().min(1).max(200), password: NewPassword });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;

export const PublicUser = z.object({
  id: z.string(),
  email: z.string(),
  /** Staff role: `admin` (operator), `support` (reads every tenant), `user` (neither). */
  role: z.enum(['user', 'admin', 'support']),
  createdAt: z.number(),
  tenantId: z.string().optional(),
  /** Role in the tenant: owners and editors change its flows, viewers read them. */
  tenantRole: z.enum(['owner', 'editor', 'viewer']).optional(),
  externalId: z.string().optional(),
  name: z.string().optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

export const AuthResponse = z.object({ token: z.string(), expiresAt: z.number(), user: PublicUser });
export type AuthResponse = z.infer<typeof AuthResponse>;
/** A login or sign-up that asked for `"session": "cookie"`: the token went into the HttpOnly cookie only. */
export const SessionResponse = AuthResponse.omit({ token: true });
export type SessionResponse = z.infer<typeof SessionResponse>;

// Flows -------------------------------------------------------------------------------------
export const FlowStage = z.enum(['running', 'stopped']);
export type FlowStage = z.infer<typeof FlowStage>;

/**
 * A flow's own metadata, set by the host (customer segment, integration id…): at most 20 fields,
 * names of letters, digits, "_" and "-", values text (≤ 500), numbers or booleans.
 */
export const CustomFields = z
  .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, "_" or "-"'), z.union([z.string().max(500), z.number(), z.boolean()]))
  .refine((fields) => Object.keys(fields).length <= 20, 'at most 20 custom fields');
export type CustomFields = z.infer<typeof CustomFields>;

export const FlowSummary = z.object({
  flowId: z.string(),
  name: z.string(),
  stage: FlowStage,
  version: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  startedAt: z.number().optional(),
  errorFlowId: z.string().optional(),
  componentCount: z.number().int(),
  customFields: CustomFields.optional(),
  /** The published version that runs (1..n); absent: never published. */
  publishedVersion: z.number().int().optional(),
  /** The draft (what `PUT` saves) differs from the published version, or was never published (always sent; absent from engines before versions). */
  hasUnpublishedChanges: z.boolean().optional(),
  /** Error log records of this flow in the last 24 hours. */
  errors24h: z.number().int().optional(),
  /** The flow's latest run, if its records are still kept (list only). */
  lastRun: z.object({ correlationId: z.string(), status: z.enum(['running', 'waiting', 'succeeded', 'failed', 'cancelled']), startedAt: z.number(), endedAt: z.number().optional() }).optional(),
});
export type FlowSummary = z.infer<typeof FlowSummary>;

/** The descriptor travels as JSON; the server validates it with @weft/flow. */
export const FlowJson = z.record(z.string(), z.unknown());

export const Flow = FlowSummary.extend({
  flow: FlowJson,
  /**
   * Where this flow's webhook components answer, from the engine's `WEFT_WEBHOOK_URL` (or
   * `WEFT_PUBLIC_URL`): append `/<componentId>`. Widgets embedded on another origin cannot guess it.
   */
  webhookBaseUrl: z.string().optional(),
});
export type Flow = z.infer<typeof Flow>;

export const FlowListQuery = z.object({
  stage: FlowStage.optional(),
  /** Support staff and operators: list this tenant's flows / this user's (others: 403 `auth.staff_only_filter` for another tenant's); staff without it see every tenant's. */
  tenantId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(['name', 'createdAt', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FlowListQuery = z.infer<typeof FlowListQuery>;

export const FlowList = z.object({ items: z.array(FlowSummary), total: z.number().int(), limit: z.number(), offset: z.number() });
export type FlowList = z.infer<typeof FlowList>;

export const CreateFlowBody = z.object({
  name: z.string().trim().min(1).max(200),
  flow: FlowJson.default({}),
  errorFlowId: z.string().optional(),
  customFields: CustomFields.optional(),
});
export type CreateFlowBody = z.input<typeof CreateFlowBody>;

export const CreatedFlow = z.object({ flowId: z.string(), version: z.number().int() });

export const UpdateFlowBody = z.object({
  /** The version you last read; a stale one gets 409 with the current flow. */
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(200).optional(),
  flow: FlowJson.optional(),
  /** null removes the error flow. */
  errorFlowId: z.string().nullable().optional(),
  /** Replaces every custom field ({} removes them). */
  customFields: CustomFields.optional(),
});
export type UpdateFlowBody = z.input<typeof UpdateFlowBody>;

export const ConflictBody = ApiErrorBody.extend({ current: Flow });

/** `POST /flows/:id/publish`: the draft version you last read (a stale one gets 409 with the current flow). */
export const PublishFlowBody = z.object({ version: z.number().int().positive() });
export type PublishFlowBody = z.input<typeof PublishFlowBody>;

/** `POST /flows/:id/versions/:v/restore`: copies that version into the draft (not published); `version` is the draft version you last read. */
export const RestoreVersionBody = z.object({ version: z.number().int().positive() });
export type RestoreVersionBody = z.input<typeof RestoreVersionBody>;

/** One published version, as listed by `GET /flows/:id/versions` (newest first). */
export const FlowVersionSummary = z.object({
  version: z.number().int(),
  name: z.string(),
  publishedAt: z.number(),
  /** The publisher's email, or their id if the account is gone. */
  publishedBy: z.string(),
  /** The draft version it was published from. */
  draftVersion: z.number().int(),
  componentCount: z.number().int(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummary>;

export const FlowVersion = FlowVersionSummary.extend({ flow: FlowJson });
export type FlowVersion = z.infer<typeof FlowVersion>;

export const FlowVersionList = z.object({ items: z.array(FlowVersionSummary) });
export type FlowVersionList = z.infer<typeof FlowVersionList>;

export const FlowProblem = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string(),
  componentId: z.string().optional(),
});
export type FlowProblem = z.infer<typeof FlowProblem>;

export const ValidationReport = z.object({ valid: z.boolean(), problems: z.array(FlowProblem) });
export type ValidationReport = z.infer<typeof ValidationReport>;

export const CloneFlowBody = z.object({ name: z.string().trim().min(1).max(200).optional() });

/** Designer test run: inject `data` as if `componentId` (a trigger) had sent it on `port`. */
export const TestRunBody = z.object({ componentId: z.string(), port: z.string().default('out'), data: z.unknown() });
export const TestRunResponse = z.object({ correlationId: z.string() });

// Components --------------------------------------------------------------------------------
export const ComponentManifest = Manifest;
/** The connector package a component type comes from, as the palette shows it (its group, icon and texts per locale). */
export const ComponentConnector = z.object({
  name: z.string(),
  label: z.string(),
  icon: z.string().optional(),
  builtIn: z.boolean().default(false),
  locales: z.record(z.string(), z.object({
    label: z.string().optional(),
    description: z.string().optional(),
    components: z.record(z.string(), z.object({ label: z.string().optional(), description: z.string().optional() })).optional(),
  })).optional(),
});
export type ComponentConnector = z.infer<typeof ComponentConnector>;
/** A manifest in the list, with the connector package it belongs to (absent: the engine's own components). */
export const ComponentListItem = Manifest.extend({ connector: z.string().optional() });
export type ComponentListItem = z.infer<typeof ComponentListItem>;
export const ComponentList = z.object({ items: z.array(ComponentListItem), connectors: z.array(ComponentConnector).default([]) });
export const ComponentOptions = z.object({ items: z.array(z.object({ label: z.string(), value: z.unknown() })) });
/** `GET /components?prefix=`: only the types whose name starts with it (one connector's). */
export const ComponentListQuery = z.object({ prefix: z.string().max(200).optional() });
/** `GET /components/{type}/options/{name}?properties=`: the inspector's current properties, as JSON. */
export const ComponentOptionsQuery = z.object({
  properties: z
    .string()
    .max(100_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return {};
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'properties must be a JSON object' });
      return z.NEVER;
    }),
});

// Logs --------------------------------------------------------------------------------------
/** `log`: a line a component wrote with `context.log`; its payload is `{ level, message, data? }`. */
export const LogDirection = z.enum(['in', 'out', 'error', 'log']);
export const LogSeverity = z.enum(['info', 'warn', 'error']);
export const LogRecord = z.object({
  id: z.string(),
  time: z.number(),
  flowId: z.string(),
  componentId: z.string(),
  componentType: z.string(),
  port: z.string(),
  direction: LogDirection,
  severity: LogSeverity,
  correlationId: z.string(),
  messageId: z.string(),
  payload: z.unknown(),
  truncated: z.boolean(),
  durationMs: z.number().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type LogRecord = z.infer<typeof LogRecord>;

export const LogQuery = z.object({
  /** Support staff and operators: read this tenant's / this user's records (others: 403 `auth.staff_only_filter` for another tenant's). */
  tenantId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  flowId: z.string().optional(),
  componentId: z.string().optional(),
  correlationId: z.string().optional(),
  /** The records of one message (find its run by the `correlationId` they carry). */
  messageId: z.string().optional(),
  direction: LogDirection.optional(),
  severity: LogSeverity.optional(),
  /** Epoch ms or ISO date. */
  from: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  to: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  q: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** `30s`, `1m`, `5m`, `1h`, `1d`: return counts per bucket instead of records. */
  histogram: z.string().regex(/^\d+(ms|s|m|h|d)$/, 'use an interval like 30s, 5m, 1h').optional(),
});
export type LogQuery = z.input<typeof LogQuery>;

export const LogPage = z.object({ records: z.array(LogRecord), nextCursor: z.string().optional() });
export type LogPage = z.infer<typeof LogPage>;
export const LogHistogram = z.object({ intervalMs: z.number(), buckets: z.array(z.object({ start: z.number(), count: z.number() })) });
export type LogHistogram = z.infer<typeof LogHistogram>;

// Runs --------------------------------------------------------------------------------------
/** `waiting`: all that is left of the run waits in timers (Delay, Wait); `failed`: a message of it is parked as unprocessed. */
export const RunStatus = z.enum(['running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

/** One run: everything one trigger started, under one correlation id. */
export const Run = z.object({
  correlationId: z.string(),
  flowId: z.string(),
  status: RunStatus,
  /** Time of its first log record, epoch ms. */
  startedAt: z.number(),
  /** Time of its latest log record. */
  lastAt: z.number(),
  /** Once it succeeded, failed or was cancelled. */
  endedAt: z.number().optional(),
  /** `endedAt - startedAt`, once it ended. */
  durationMs: z.number().optional(),
  /** Receives that completed. */
  steps: z.number().int(),
  /** Failed attempts, retried or not. */
  errors: z.number().int(),
  /** The component whose message was parked last, and why. */
  failure: z.object({ componentId: z.string(), componentType: z.string(), time: z.number(), error: z.object({ code: z.string(), message: z.string() }) }).optional(),
});
export type Run = z.infer<typeof Run>;

export const RunQuery = z.object({
  /** Support staff and operators: read this tenant's / this user's records (others: 403 `auth.staff_only_filter` for another tenant's). */
  tenantId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  flowId: z.string().optional(),
  status: RunStatus.optional(),
  /** Runs started at or after; epoch ms or ISO date. */
  from: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  /** Runs started before; epoch ms or ISO date. */
  to: z.union([z.coerce.number(), z.iso.datetime()]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type RunQuery = z.input<typeof RunQuery>;

/** Newest first; pass `nextCursor` as `cursor` for the next page. */
export const RunPage = z.object({ runs: z.array(Run), nextCursor: z.string().optional() });
export type RunPage = z.infer<typeof RunPage>;

// Unprocessed messages ----------------------------------------------------------------------
export const UnprocessedMessage = z.object({
  id: z.string(),
  flowId: z.string(),
  componentId: z.string(),
  componentType: z.string(),
  /** What people call the component: its label in the flow (made unique there), else its type's label. Absent when the flow is gone. */
  componentLabel: z.string().optional(),
  /** The flow's name; absent when the flow is gone. */
  flowName: z.string().optional(),
  message: z.record(z.string(), z.unknown()),
  error: z.object({ code: z.string(), message: z.string() }),
  attempts: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type UnprocessedMessage = z.infer<typeof UnprocessedMessage>;
export const UnprocessedList = z.object({ items: z.array(UnprocessedMessage), total: z.number() });
export const UnprocessedQuery = z.object({
  /** Support staff and operators: read this tenant's / this user's records (others: 403 `auth.staff_only_filter` for another tenant's). */
  tenantId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  flowId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Retry, optionally with an edited payload (`content` replaces what the component receives). */
export const RetryBody = z.object({ content: z.record(z.string(), z.unknown()).optional() });
export const RetryResponse = z.object({ retried: z.literal(true), messageId: z.string() });

// Health ------------------------------------------------------------------------------------
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  adapters: z.object({ store: z.string(), bus: z.string(), logs: z.string() }),
  uptimeMs: z.number(),
});

// Inferred types of the schemas above that had only a value (added for the client) -------------
export type CreatedFlow = z.infer<typeof CreatedFlow>;
export type CloneFlowBody = z.input<typeof CloneFlowBody>;
export type TestRunBody = z.input<typeof TestRunBody>;
export type TestRunResponse = z.infer<typeof TestRunResponse>;
export type ComponentManifest = z.infer<typeof ComponentManifest>;
export type ComponentList = z.infer<typeof ComponentList>;
export type ComponentOptions = z.infer<typeof ComponentOptions>;
export type LogDirection = z.infer<typeof LogDirection>;
export type LogSeverity = z.infer<typeof LogSeverity>;
export type UnprocessedList = z.infer<typeof UnprocessedList>;
export type UnprocessedQuery = z.input<typeof UnprocessedQuery>;
export type RetryBody = z.input<typeof RetryBody>;
export type RetryResponse = z.infer<typeof RetryResponse>;
export type Health = z.infer<typeof Health>;
