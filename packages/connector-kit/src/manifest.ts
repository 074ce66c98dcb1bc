/** @module Manifest: what a component type declares about itself (ports, inspector, schedules, quota). */
import { z } from 'zod';
import { iconProblem } from './icon.ts';

/** The subset of JSON Schema the designer reads to offer variables and the validator reads for required fields. */
export type JsonSchema = {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any' | undefined;
  title?: string | undefined;
  description?: string | undefined;
  properties?: Record<string, JsonSchema> | undefined;
  items?: JsonSchema | undefined;
  required?: string[] | undefined;
  enum?: unknown[] | undefined;
  example?: unknown;
  additionalProperties?: boolean | JsonSchema | undefined;
};
export const JsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.object({
    type: z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null', 'any']).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    properties: z.record(z.string(), JsonSchema).optional(),
    items: JsonSchema.optional(),
    required: z.array(z.string()).optional(),
    enum: z.array(z.unknown()).optional(),
    example: z.unknown().optional(),
    additionalProperties: z.union([z.boolean(), JsonSchema]).optional(),
  }),
);

export const InspectorInputType = z.enum([
  'text', 'textarea', 'number', 'toggle', 'select', 'multiselect', 'date-time', 'expression', 'key-value', 'code',
]);
export type InspectorInputType = z.infer<typeof InspectorInputType>;

/** `when: { eq: { field: value } }`, `{ neq: … }`, `{ in: { field: [values] } }`, combined with `or`/`and`. */
export type WhenCondition =
  | { eq: Record<string, unknown> }
  | { neq: Record<string, unknown> }
  | { in: Record<string, unknown[]> }
  | { or: WhenCondition[] }
  | { and: WhenCondition[] };
export const WhenCondition: z.ZodType<WhenCondition> = z.lazy(() =>
  z.union([
    z.object({ eq: z.record(z.string(), z.unknown()) }),
    z.object({ neq: z.record(z.string(), z.unknown()) }),
    z.object({ in: z.record(z.string(), z.array(z.unknown())) }),
    z.object({ or: z.array(WhenCondition) }),
    z.object({ and: z.array(WhenCondition) }),
  ]),
);

export const InspectorInput = z.object({
  type: InspectorInputType,
  label: z.string(),
  tooltip: z.string().optional(),
  placeholder: z.string().optional(),
  defaultValue: z.unknown().optional(),
  index: z.number().optional(),
  group: z.string().optional(),
  options: z.array(z.object({ label: z.string(), value: z.unknown() })).optional(),
  /** Options loaded from the engine: `GET /components/:type/options/:name`. */
  source: z.object({ name: z.string() }).optional(),
  when: WhenCondition.optional(),
  /** false: the field takes static values only (no variable picker). */
  variables: z.boolean().optional(),
  /** For `expression`: the nesting levels and the fields of one condition row. */
  levels: z.array(z.string()).optional(),
  fields: z.record(z.string(), z.lazy((): z.ZodType => InspectorInput)).optional(),
  language: z.string().optional(),
});
export type InspectorInput = z.infer<typeof InspectorInput>;

export const Inspector = z.object({
  inputs: z.record(z.string(), InspectorInput),
  groups: z.record(z.string(), z.object({ label: z.string(), index: z.number().optional() })).optional(),
});
export type Inspector = z.infer<typeof Inspector>;

export const InPort = z.object({
  name: z.string(),
  label: z.string().optional(),
  /** Fields of the message this port takes; `required` fields must be mapped. */
  schema: JsonSchema.optional(),
  inspector: Inspector.optional(),
  maxConnections: z.number().int().positive().optional(),
});
export type InPort = z.infer<typeof InPort>;

export const OutPort = z.object({
  name: z.string(),
  label: z.string().optional(),
  /** What this port sends, so the designer can offer `$.<id>.<port>.<path>` variables. */
  schema: JsonSchema.optional(),
});
export type OutPort = z.infer<typeof OutPort>;

export const Quota = z.object({
  /** Calls allowed per window. */
  limit: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  /** Count calls per user (default) or across everyone. */
  scope: z.enum(['user', 'global']).default('user'),
});
export type Quota = z.infer<typeof Quota>;

export const Manifest = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){2,}$/),
  label: z.string(),
  description: z.string().default(''),
  category: z.string().default('utils'),
  /**
   * The designer's icon for this type: an icon name of its set (lucide: `webhook`, `square-pen`), or an
   * SVG/PNG data URL. SVGs with scripts, event handlers or external links are refused.
   */
  icon: z.string().superRefine((icon, ctx) => {
    const problem = iconProblem(icon);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }).optional(),
  inPorts: z.array(InPort).default([]),
  outPorts: z.array(OutPort).default([]),
  properties: z.object({ schema: JsonSchema.optional(), inspector: Inspector.optional() }).optional(),
  /** Milliseconds between `tick` calls while the flow runs. */
  tick: z.number().int().positive().optional(),
  /** The component has a webhook URL: `ANY /flows/:flowId/components/:componentId`. */
  webhook: z.boolean().optional(),
  quota: Quota.optional(),
  /** A trigger starts runs: it has no in ports, or only internal ones. */
  trigger: z.boolean().optional(),
  /** May sit on a cycle (e.g. a loop back into Each). Other components on a cycle are a validation error. */
  allowCycles: z.boolean().optional(),
  /**
   * No side effects: what it sends depends only on its input and properties (no Store, timers,
   * network or other flows; answering a held request twice is harmless). The engine may run a pure
   * component inside the delivery that reaches it instead of over its own Bus message (see the
   * engine README, "Fusing pure steps"). Default false: a connector is assumed to have effects.
   */
  pure: z.boolean().optional(),
  /** Attempts before a message becomes unprocessed. Default: engine setting (10). */
  maxAttempts: z.number().int().positive().optional(),
  private: z.boolean().optional(),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestInput = z.input<typeof Manifest>;
