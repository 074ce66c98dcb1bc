/**
 * @module @weft/flow: the flow descriptor schema, its graph model and save-time validation.
 *
 *   const parsed = FlowDescriptor.safeParse(json);
 *   const problems = validateFlow(parsed.data, manifests);
 */
// Descriptor
export { FlowDescriptor, FlowComponent, ComponentConfig, ComponentId, ComponentTypeName, PortName, Source, Transform, EdgeTransform } from './descriptor.ts';
export type { FlowDescriptorInput } from './descriptor.ts';
