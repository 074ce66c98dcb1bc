/** @module Flow bundles: flows moved between engines (`GET /flows/:id/export`, `POST /flows/import`, `weft flows export|import`). */
import { z } from 'zod';
import { CreateModifierBody } from './admin-schemas.ts';
import { FlowJson } from './schemas.ts';

export const BUNDLE_FORMAT = 'weft.flow-bundle';

export const BundledFlow = z.object({
  /** The flow's id on the engine it came from; references between bundled flows use it. */
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  /** The draft descriptor. */
  flow: FlowJson,
  errorFlowId: z.string().max(200).optional(),
});
export type BundledFlow = z.infer<typeof BundledFlow>;

export const FlowBundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  exportedAt: z.number().int(),
  flows: z.array(BundledFlow).min(1).max(100),
  /** The custom modifiers the flows use, as `POST /modifiers` takes them. */
  modifiers: z.array(CreateModifierBody).max(200).default([]),
  /** The connector packages whose components the flows use, with the version they were made with. */
  connectors: z.array(z.object({ name: z.string().min(1).max(200), version: z.string().min(1).max(100) })).max(200).default([]),
});
export type FlowBundle = z.input<typeof FlowBundle>;

export const ImportedFlows = z.object({
  flows: z.array(z.object({ sourceId: z.string(), flowId: z.string(), name: z.string() })),
  /** Components whose account the bundle could not carry: connect one and choose it. */
  accountsToConnect: z.array(z.object({ flowId: z.string(), componentId: z.string(), label: z.string() })),
  /** Custom modifiers the flows use that exist here with another source than the bundle's. */
  modifiersDiffering: z.array(z.string()),
});
export type ImportedFlows = z.infer<typeof ImportedFlows>;
