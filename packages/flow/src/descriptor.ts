/** @module Descriptor: the zod schema that is the single source of a flow descriptor's types. */
import { z } from 'zod';

/** Component ids appear inside variables (`$.<id>.<port>`), so they may not contain dots. */
export const ComponentId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" or "-"');
export type ComponentId = z.infer<typeof ComponentId>;

export const PortName = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" or "-"');

/** `vendor.service.module.Component`, e.g. `weft.utils.http.Webhook`. */
export const ComponentTypeName = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){2,}$/, 'a component type looks like "weft.utils.http.Webhook"');

/** `{ <inPort>: { <sourceComponentId>: [<outPort>, …] } }` */
export const Source = z.record(PortName, z.record(ComponentId, z.array(PortName)));
export type Source = z.infer<typeof Source>;

/** How one edge builds the fields of the input port from variables. */
export const EdgeTransform = z.object({
  type: z.literal('json2new'),
  lambda: z.record(z.string(), z.unknown()),
});
export type EdgeTransform = z.infer<typeof EdgeTransform>;

/** `{ <inPort>: { <sourceComponentId>: { <outPort>: EdgeTransform } } }` */
export const Transform = z.record(PortName, z.record(ComponentId, z.record(PortName, EdgeTransform)));
export type Transform = z.infer<typeof Transform>;

export const ComponentConfig = z.object({
  properties: z.record(z.string(), z.unknown()).default({}),
  transform: Transform.default({}),
});

/** Largest pinned sample, as JSON text: a sample to configure with, not a data store. */
export const MAX_PINNED_CHARS = 64 * 1024;

/**
 * Sample output pinned to a component in the designer, by out port. A test run starting at a pinned trigger
 * sends it, and the variable picker reads its shape; real runs ignore it.
 */
export const PinnedData = z.record(PortName, z.unknown()).superRefine((pinned, ctx) => {
  const size = JSON.stringify(pinned).length;
  if (size > MAX_PINNED_CHARS) ctx.addIssue({ code: 'custom', message: `pinned data is ${size} characters of JSON; keep it under ${MAX_PINNED_CHARS}` });
});
export type PinnedData = z.infer<typeof PinnedData>;

export const FlowComponent = z.object({
  type: ComponentTypeName,
  label: z.string().max(200).optional(),
  x: z.number().finite().default(0),
  y: z.number().finite().default(0),
  source: Source.default({}),
  config: ComponentConfig.default({ properties: {}, transform: {} }),
  pinned: PinnedData.optional(),
});
export type FlowComponent = z.infer<typeof FlowComponent>;

export const FlowDescriptor = z.record(ComponentId, FlowComponent);
export type FlowDescriptor = z.infer<typeof FlowDescriptor>;
/** What callers may send: defaults not yet applied. */
export type FlowDescriptorInput = z.input<typeof FlowDescriptor>;
