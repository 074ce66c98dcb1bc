/**
 * @module @weft/flow: the flow descriptor schema, its graph model and save-time validation.
 *
 *   const parsed = parseFlow(json);
 *   const problems = parsed.ok ? validateFlow(parsed.value, (type) => manifests.get(type)) : parsed.problems;
 */
// Descriptor
export { FlowDescriptor, FlowComponent, ComponentConfig, ComponentId, ComponentTypeName, PortName, Source, Transform, EdgeTransform, PinnedData, MAX_PINNED_CHARS } from './descriptor.ts';
export type { FlowDescriptorInput } from './descriptor.ts';
// Graph
export { listEdges, parentsOf, childrenOf, ancestorsOf, topologicalOrder, findCycles } from './graph.ts';
export type { Edge } from './graph.ts';
// Component names (what messages call a component)
export { componentNames, componentName, typeNameOf } from './component-names.ts';
export type { TypeLabelLookup } from './component-names.ts';
// Validation
export { validateFlow, parseFlow } from './validate.ts';
export type { FlowProblem, ManifestLookup, ValidateOptions } from './validate.ts';
