/** @module App events: the host application's own events (`POST /app-events/:name`) and their registered schemas. */
import { z } from 'zod';
import { JsonSchema } from '@weft/connector-kit';

/** 1–100 letters, digits, ".", "_", ":" or "-": `deal.won`, `invoice:paid`. */
export const AppEventName = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1 to 100 letters, digits, ".", "_", ":" or "-"');

export const FireAppEventBody = z.object({
  /** With a host API key: the tenant's external id (whose running flows listen). */
  tenant: z.string().min(1).max(200).optional(),
  /** With a host API key: only this user's flows (external id within the tenant). */
  user: z.string().min(1).max(200).optional(),
  /** The event's own id: sending the same id again starts no run twice. */
  id: z.string().min(1).max(200).optional(),
  data: z.unknown().optional(),
}).strict();
export type FireAppEventBody = z.input<typeof FireAppEventBody>;

export const FiredAppEvent = z.object({
  id: z.string(),
  registered: z.boolean(),
  runs: z.array(z.object({ flowId: z.string(), correlationId: z.string() })),
});
export type FiredAppEvent = z.infer<typeof FiredAppEvent>;

export const AppEventSchemaBody = z.object({
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** The fields of `data`, for the designer's variable picker. */
  schema: JsonSchema,
}).strict();
export type AppEventSchemaBody = z.input<typeof AppEventSchemaBody>;

export const AppEventInfo = AppEventSchemaBody.extend({ name: z.string(), updatedAt: z.number() });
export type AppEventInfo = z.infer<typeof AppEventInfo>;
export const AppEventList = z.object({ items: z.array(AppEventInfo) });
export type AppEventList = z.infer<typeof AppEventList>;
