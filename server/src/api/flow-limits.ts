/** @module Flow limits: how big a flow may be (components, connections, bytes) and how deep its mappings may nest. */
import { WeftError } from '@weft/connector-kit';
import { componentNames, type FlowDescriptor, type TypeLabelLookup } from '@weft/flow';
import { MAX_LAMBDA_DEPTH } from '@weft/variables';

export interface FlowLimits {
  /** `WEFT_FLOW_MAX_COMPONENTS` */
  maxComponents: number;
  /** `WEFT_FLOW_MAX_EDGES` */
  maxEdges: number;
  /** `WEFT_FLOW_MAX_BYTES`: the descriptor as stored, in UTF-8 JSON. */
  maxBytes: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { maxComponents: 2000, maxEdges: 10_000, maxBytes: 1024 * 1024 };

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Before the descriptor is parsed: a body of 100,000 tiny components is refused by counting keys,
 * not after zod has built them all.
 */
export function checkComponentCount(flow: unknown, limits: FlowLimits, path: string): void {
  if (flow === null || typeof flow !== 'object' || Array.isArray(flow)) return;
  const components = Object.keys(flow).length;
  if (components > limits.maxComponents) {
    throw new WeftError('flow.too_large', `The flow has ${count(components)} components; a flow may have at most ${count(limits.maxComponents)}. Split it into flows that call each other.`, {
      status: 422, path, retry: 'never',
    });
  }
}

/**
 * Components, connections and stored bytes within the limits, or 422 `flow.too_large` / 413
 * `flow.descriptor_too_large`. Takes a stored descriptor as it is (one saved before these limits
 * need not parse), so it counts defensively.
 */
export function checkFlowSize(flow: Record<string, unknown>, limits: FlowLimits, path: string): void {
  checkComponentCount(flow, limits, path);
  let edges = 0;
  for (const component of Object.values(flow)) {
    const source = isRecord(component) ? component.source : undefined;
    if (!isRecord(source)) continue;
    for (const sources of Object.values(source)) {
      if (isRecord(sources)) for (const outPorts of Object.values(sources)) edges += Array.isArray(outPorts) ? outPorts.length : 0;
    }
  }
  if (edges > limits.maxEdges) {
    throw new WeftError('flow.too_large', `The flow has ${count(edges)} connections; a flow may have at most ${count(limits.maxEdges)}. Split it into flows that call each other.`, {
      status: 422, path, retry: 'never',
    });
  }
  const bytes = Buffer.byteLength(JSON.stringify(flow));
  if (bytes > limits.maxBytes) {
    throw new WeftError('flow.descriptor_too_large', `The flow takes ${count(bytes)} bytes; a flow may take at most ${count(limits.maxBytes)}. Split it into flows that call each other, or shorten its mappings.`, {
      status: 413, path, retry: 'never',
    });
  }
}

/**
 * A mapping nested deeper than the variables language walks (`MAX_LAMBDA_DEPTH`) could never run;
 * it is refused when saved, with the path to where it goes too deep: 422 `flow.invalid`.
 */
export function checkMappingDepth(flow: FlowDescriptor, path: string, typeLabel?: TypeLabelLookup): void {
  let names: Map<string, string> | undefined;
  const name = (id: string) => (names ??= componentNames(flow, typeLabel)).get(id) ?? id;
  for (const [componentId, component] of Object.entries(flow)) {
    for (const [inPort, bySource] of Object.entries(component.config.transform)) {
      for (const [sourceId, byOutPort] of Object.entries(bySource)) {
        for (const [outPort, edge] of Object.entries(byOutPort)) {
          const tooDeep = pathPastDepth(edge.lambda, MAX_LAMBDA_DEPTH);
          if (tooDeep === undefined) continue;
          const at = [path, componentId, 'config', 'transform', inPort, sourceId, outPort, 'lambda', ...tooDeep].join('.');
          const problem = {
            code: 'variable.too_deep', path: at, componentId,
            message: `the mapping from "${name(sourceId)}.${outPort}" to "${name(componentId)}.${inPort}" nests more than ${MAX_LAMBDA_DEPTH} levels deep`,
          };
          throw new WeftError('flow.invalid', `The flow cannot be saved: ${problem.message}.`, { status: 422, path: at, retry: 'never', details: [problem] });
        }
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The keys down to the first value nested deeper than `max` arrays and objects, if any (no recursion). */
function pathPastDepth(value: unknown, max: number): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || next.value === null || typeof next.value !== 'object') continue;
    if (next.path.length >= max) return next.path;
    for (const [key, item] of Object.entries(next.value)) if (item !== null && typeof item === 'object') stack.push({ value: item, path: [...next.path, key] });
  }
  return undefined;
}
