/**
 * @module @weft/designer: the flow designer widget: palette, canvas, inspector, autosave and test runs.
 *
 *   const unmount = mountDesigner(el, { flowId, baseUrl: 'https://weft.example.com', getToken: () => token });
 *   // or, in a React host: <WidgetRoot api={api}><Designer flowId={flowId} /></WidgetRoot>
 */
import { generateLargeFlow } from './testing/large-flow.ts';
import { createMockApi } from './testing/mock-api.ts';
import { sampleManifests } from './testing/sample-manifests.ts';

// Widget
export { Designer } from './designer.tsx';
export type { DesignerProps, DesignerHandle } from './designer.tsx';
export { mountDesigner } from './mount-designer.tsx';
export type { MountDesignerOptions, MountedDesigner } from './mount-designer.tsx';
export type { DesignerHostState, DesignerHostStateKey } from './store/host-state.ts';
export type { DesignerApi } from './api/designer-api.ts';
export type { DesignerEvent } from './hooks/use-designer-services.ts';
// Styles and strings
export { designerStyles } from './styles/designer-styles.ts';
export { designerCatalogues } from './strings/designer-strings.ts';
export type { DesignerStringKey } from './strings/designer-strings.ts';
// Pure building blocks (descriptor ⇄ canvas, variables offered to a component)
export { descriptorToGraph, graphToDescriptor } from './graph/descriptor-graph.ts';
export { listAncestorVariables } from './graph/ancestor-variables.ts';
export type { VariableOption } from './graph/ancestor-variables.ts';
export type { ComponentNode, FlowEdge, ComponentData } from './graph/types.ts';
// Stories and benchmarks
export const testing = { generateLargeFlow, sampleManifests, createMockApi };
export type { MockApi } from './testing/mock-api.ts';
