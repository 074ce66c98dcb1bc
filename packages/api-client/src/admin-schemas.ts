/** @module Admin and modifier schemas: custom modifiers, users, everyone's unprocessed messages and engine settings. */
import { z } from 'zod';
import { ApiErrorBody, PublicUser, RetryBody, RetryResponse, UnprocessedMessage } from './schemas.ts';

// Modifiers ---------------------------------------------------------------------------------
export const ModifierCategory = z.enum(['text', 'number', 'date', 'list', 'object', 'logic', 'encoding', 'crypto', 'json', 'custom']);
export type ModifierCategory = z.infer<typeof ModifierCategory>;

export const ModifierArgType = z.enum(['string', 'number', 'boolean', 'any', 'array', 'object']);
export type ModifierArgType = z.infer<typeof ModifierArgType>;

export const ModifierArg = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_", not starting with a digit').max(64),
  type: ModifierArgType,
  optional: z.boolean().optional(),
  description: z.string().max(500).optional(),
});
export type ModifierArg = z.infer<typeof ModifierArg>;

export const ModifierExample = z.object({ input: z.unknown(), args: z.array(z.unknown()), output: z.unknown() });
export type ModifierExample = z.infer<typeof ModifierExample>;

/** One entry of `GET /modifiers`: a built-in (`custom: false`) or a custom modifier (with its `version`). */
export const ModifierInfo = z.object({
  name: z.string(),
  label: z.string(),
  category: ModifierCategory,
  description: z.string(),
  args: z.array(ModifierArg),
  examples: z.array(ModifierExample),
  custom: z.boolean(),
  version: z.number().int().optional(),
});
export type ModifierInfo = z.infer<typeof ModifierInfo>;

export const ModifierList = z.object({ items: z.array(ModifierInfo) });
export type ModifierList = z.infer<typeof ModifierList>;

export const ModifierName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_", not starting with a digit').max(64);

/** `source` is JavaScript that defines `function run(value, ...args) { … }`. */
export const ModifierSource = z.string().min(1).max(100_000);

/** A custom modifier as stored: `GET /modifiers/:name`, and the answer of POST and PUT. */
export const CustomModifier = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  category: ModifierCategory,
  args: z.array(ModifierArg),
  examples: z.array(ModifierExample),
  source: z.string(),
  /** Starts at 1; every save increments it and keeps the previous one in the history. */
  version: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Id of the admin who saved this version. */
  updatedBy: z.string(),
  custom: z.literal(true),
});
export type CustomModifier = z.infer<typeof CustomModifier>;

export const CreateModifierBody = z.object({
  name: ModifierName,
  label: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  category: ModifierCategory.default('custom'),
  args: z.array(ModifierArg).max(20).default([]),
  examples: z.array(ModifierExample).max(20).default([]),
  source: ModifierSource,
});
export type CreateModifierBody = z.input<typeof CreateModifierBody>;

/** Every field but `version` is optional; a stale `version` gets 409 with the current modifier. */
export const UpdateModifierBody = z.object({
  version: z.number().int().positive(),
  label: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  category: ModifierCategory.optional(),
  args: z.array(ModifierArg).max(20).optional(),
  examples: z.array(ModifierExample).max(20).optional(),
  source: ModifierSource.optional(),
});
export type UpdateModifierBody = z.input<typeof UpdateModifierBody>;

export const ModifierConflictBody = ApiErrorBody.extend({ current: CustomModifier });
export type ModifierConflictBody = z.infer<typeof ModifierConflictBody>;

/** One saved version, oldest first in `GET /modifiers/:name/versions` (for a diff view). */
export const ModifierVersion = CustomModifier.omit({ createdAt: true, custom: true });
export type ModifierVersion = z.infer<typeof ModifierVersion>;
export const ModifierVersionList = z.object({ items: z.array(ModifierVersion) });
export type ModifierVersionList = z.infer<typeof ModifierVersionList>;

/**
 * `POST /modifiers/test`: run unsaved `source` (calling `entry`, default `run`; the Designer's code
 * component uses it too) or a saved modifier by `name`, with `value` as the first argument.
 */
export const TestModifierBody = z.union([
  z.object({ source: ModifierSource, entry: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/).default('run'), args: z.array(z.unknown()).max(20).default([]), value: z.unknown() }),
  z.object({ name: ModifierName, args: z.array(z.unknown()).max(20).default([]), value: z.unknown() }),
]);
export type TestModifierBody = z.input<typeof TestModifierBody>;

export const ModifierTestError = z.object({
  /** A sandbox code (`SANDBOX_TIMEOUT`, `SANDBOX_SYNTAX`, `SANDBOX_THROWN`…) or `modifier.bad_args`. */
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type ModifierTestError = z.infer<typeof ModifierTestError>;

/** Always 200: a failing modifier is an expected answer, not an HTTP error. */
export const ModifierTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown(), durationMs: z.number(), logs: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: ModifierTestError, durationMs: z.number().optional(), logs: z.array(z.string()).optional() }),
]);
export type ModifierTestResult = z.infer<typeof ModifierTestResult>;

/** `details` of a 400 `modifier.syntax` (path `body.source`). */
export const ModifierSyntaxDetails = z.object({ line: z.number().int().optional(), column: z.number().int().optional() });
export type ModifierSyntaxDetails = z.infer<typeof ModifierSyntaxDetails>;

// Admin: users ------------------------------------------------------------------------------
export const AdminUser = PublicUser.extend({ disabled: z.boolean() });
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminUserQuery = z.input<typeof AdminUserQuery>;

export const AdminUserList = z.object({ items: z.array(AdminUser), total: z.number().int(), limit: z.number(), offset: z.number() });
export type AdminUserList = z.infer<typeof AdminUserList>;

export const RevokeTokensResponse = z.object({ revoked: z.number().int() });
export type RevokeTokensResponse = z.infer<typeof RevokeTokensResponse>;

// Admin: unprocessed messages of every user -------------------------------------------------
export const AdminUnprocessedMessage = UnprocessedMessage.extend({ userId: z.string() });
export type AdminUnprocessedMessage = z.infer<typeof AdminUnprocessedMessage>;

export const AdminUnprocessedQuery = z.object({
  userId: z.string().optional(),
  flowId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminUnprocessedQuery = z.input<typeof AdminUnprocessedQuery>;

export const AdminUnprocessedList = z.object({ items: z.array(AdminUnprocessedMessage), total: z.number().int() });
export type AdminUnprocessedList = z.infer<typeof AdminUnprocessedList>;

/** `PUT /admin/unprocessed-messages/:id`: replace the stored engine message (what a retry will send). */
export const EditUnprocessedBody = z.object({ message: z.record(z.string(), z.unknown()) });
export type EditUnprocessedBody = z.input<typeof EditUnprocessedBody>;

export const AdminRetryBody = RetryBody;
export type AdminRetryBody = z.input<typeof AdminRetryBody>;
export const AdminRetryResponse = RetryResponse;
export type AdminRetryResponse = z.infer<typeof AdminRetryResponse>;

// Admin: settings ---------------------------------------------------------------------------
const MiB = 1024 * 1024;

export const RetrySettings = z
  .object({
    baseMs: z.number().int().min(10).max(3_600_000),
    maxMs: z.number().int().min(10).max(24 * 3_600_000),
    maxAttempts: z.number().int().min(1).max(100),
  })
  .refine((r) => r.maxMs >= r.baseMs, { message: 'maxMs must be at least baseMs', path: ['maxMs'] });

export const SandboxSettings = z.object({
  timeoutMs: z.number().int().min(1).max(10 * 60_000),
  memoryBytes: z.number().int().min(MiB).max(1024 * MiB),
  maxOutputBytes: z.number().int().min(16).max(256 * MiB),
});

export const LogSettings = z.object({
  payloadLimitBytes: z.number().int().min(256).max(16 * MiB),
  retentionDays: z.number().min(1).max(3650),
});

/** `GET /admin/settings`, and the body and answer of `PUT /admin/settings` (the whole object). */
export const AdminSettings = z.object({ retry: RetrySettings, sandbox: SandboxSettings, logs: LogSettings });
export type AdminSettings = z.infer<typeof AdminSettings>;
