/** @module Flow limits: how big a flow may be (components, connections, bytes) and how deep its mappings may nest. */
import { WeftError } from '@weft/connector-kit';
import { componentNames, type FlowDescriptor, type TypeLabelLookup } from '@weft/flow';
import { MAX_LAMBDA_DEPTH } from '@weft/variables';
import { descriptorJson, perDescriptor } from '../ports/descriptor-json.ts';

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
  const edges = edgeCount(flow);
  if (edges > limits.maxEdges) {
    throw new WeftError('flow.too_large', `The flow has ${count(edges)} connections; a flow may have at most ${count(limits.maxEdges)}. Split it into flows that call each other.`, {
      status: 422, path, retry: 'never',
    });
  }
  // A descriptor read from the Store or parsed by the checks thread has its text known: no stringify.
  const bytes = Buffer.byteLength(descriptorJson(flow) ?? '');
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

/**
 * Connections of a descriptor, counted once per object (`perDescriptor`): validate, publish, start
 * and clone each size it again, ~3 ms at 1,000 components.
 */
const edgeCount = perDescriptor((flow) => {
  let edges = 0;
  for (const component of Object.values(flow)) {
    const source = isRecord(component) ? component.source : undefined;
    if (!isRecord(source)) continue;
    for (const sources of Object.values(source)) {
      if (isRecord(sources)) for (const outPorts of Object.values(sources)) edges += Array.isArray(outPorts) ? outPorts.length : 0;
    }
  }
  return edges;
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value on the walk of `pathPastDepth`: its key and the one above it (the path is built only when one is too deep). */
interface Visit {
  value: object;
  key: string;
  depth: number;
  up: Visit | undefined;
}

/**
 * The keys down to the first value nested deeper than `max` arrays and objects, if any (no
 * recursion). Each value on the walk links to its parent instead of copying the path to it: every
 * mapping of a big flow is walked on save, where the copies were most of the time and garbage.
 */
function pathPastDepth(value: unknown, max: number): string[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Visit[] = [{ value, key: '', depth: 0, up: undefined }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.depth >= max) {
      const path: string[] = [];
      for (let at: Visit | undefined = next; at !== undefined && at.up !== undefined; at = at.up) path.push(at.key);
      return path.reverse();
    }
    for (const key in next.value) {
      if (!Object.hasOwn(next.value, key)) continue;
      const item = (next.value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, key, depth: next.depth + 1, up: next });
    }
  }
  return undefined;
}
