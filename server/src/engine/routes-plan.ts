/** @module Routes plan: given what a component sent, compute the messages for every downstream edge (no I/O). */
import type { FlowDescriptor } from '@weft/flow';
import { evaluateLambda, evaluateLambdaSync, findVariables, type ModifierRegistry } from '@weft/variables';
import { WeftError } from '@weft/connector-kit';
import type { RunValue } from '../ports/store.ts';
import { evaluatingFor } from './custom-modifiers.ts';
import { deriveMessageId, type DeliverMessage, type Scope } from './message.ts';
import { DEFAULT_SCOPE_LIMITS, inlineScopeSize, jsonSizeUpTo, placeOutput, type ScopeLimits, type ScopeRefs } from './run-values.ts';

export interface OutEdge {
  targetId: string;
  inPort: string;
  lambda: Record<string, unknown> | undefined;
}

/** `outEdges[componentId][outPort]` lists where a send on that port goes. */
export type OutEdges = Record<string, Record<string, OutEdge[]>>;

export function indexOutEdges(flow: FlowDescriptor): OutEdges {
  return indexOutEdgesInto({}, Object.entries(flow));
}

/** Adds the edges into `targets` (entries of a descriptor) to `index`: a big flow is indexed a chunk of components at a time. */
export function indexOutEdgesInto(index: OutEdges, targets: [string, FlowDescriptor[string]][]): OutEdges {
  for (const [targetId, component] of targets) {
    for (const [inPort, sources] of Object.entries(component.source)) {
      for (const [sourceId, outPorts] of Object.entries(sources)) {
        for (const outPort of outPorts) {
          const lambda = component.config.transform[inPort]?.[sourceId]?.[outPort]?.lambda;
          const byPort = (index[sourceId] ??= {});
          (byPort[outPort] ??= []).push({ targetId, inPort, lambda });
        }
      }
    }
  }
  return index;
}

export interface Send {
  port: string;
  data: unknown;
}

export interface PlanInput {
  outEdges: OutEdges;
  /** The message (or tick/start) that caused the sends. */
  parent: {
    id: string; userId: string; flowId: string; correlationId: string; test?: boolean | undefined; replyTo?: string | undefined;
    scope?: Scope; refs?: ScopeRefs | undefined; callDepth?: number | undefined;
  };
  /** The parent's scope with the stored outputs the edges' mappings read already loaded (default: `parent.scope`). */
  resolved?: Scope;
  senderId: string;
  sends: readonly Send[];
  modifiers?: ModifierRegistry;
  limits?: PlanLimits;
  /** What messages call each component (its label, see `componentNames`); ids when left out. */
  names?: ReadonlyMap<string, string>;
}

/**
 * A mapping into a component could not be worked out. The sender ran fine: the run failed at the
 * component the mapping belongs to, so that is where the failure is logged and parked.
 */
export class MappingFailure extends WeftError {
  constructor(
    code: string,
    message: string,
    readonly componentId: string,
    readonly inPort: string,
    path: string,
  ) {
    super(code, message, { retry: 'never', path });
  }
}

export interface PlanLimits extends ScopeLimits {
  /** Messages one plan may hold (sends times their edges). */
  maxMessages: number;
  /** Bytes of JSON one message's content may take. */
  maxContentBytes: number;
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = { ...DEFAULT_SCOPE_LIMITS, maxMessages: 10_000, maxContentBytes: 16 * 1024 * 1024 };

export interface RoutesPlan {
  messages: DeliverMessage[];
  /** Outputs too big to travel inline: store them before publishing `messages` (run-values.ts). */
  values: RunValue[];
}

/**
 * Each send becomes one message per downstream edge. The sender's output joins the scope, so
 * every later component can read it as `$.<senderId>.<port>`: inline when it is small, else by a
 * reference to the run value it is stored as. Without a transform on the edge, the data passes
 * through as the content (objects as they are, other values as `{ value }`).
 */
export async function planRoutes(input: PlanInput): Promise<RoutesPlan> {
  return planRoutesNow(input);
}

/**
 * `planRoutes`, without a promise when it can: the plan itself when every mapping calls only
 * built-in modifiers (evaluated as they are met, see `evaluateLambdaSync`), else a promise of it,
 * each mapping from the first one that calls a custom modifier on evaluated with `evaluateLambda`.
 * A failure is thrown in the first case and rejects in the second, as planRoutes' would.
 */
export function planRoutesNow(input: PlanInput): RoutesPlan | Promise<RoutesPlan> {
  const steps = planning(input);
  for (let step = steps.next(); ; ) {
    if (step.done === true) return step.value;
    const evaluated = evaluateLambdaSync(step.value.lambda, step.value.scope, input.modifiers);
    if (evaluated === undefined) return finishPlanning(input, steps, step.value);
    step = steps.next(evaluated);
  }
}

/** The rest of a plan whose mapping `waiting` calls a custom modifier: every mapping from there on awaited. */
async function finishPlanning(input: PlanInput, steps: Generator<Mapping, RoutesPlan, LambdaResult>, waiting: Mapping): Promise<RoutesPlan> {
  for (let mapping = waiting; ; ) {
    const { lambda, scope } = mapping;
    const step = steps.next(await evaluatingFor(input.parent.userId, () => evaluateLambda(lambda, scope, input.modifiers)));
    if (step.done === true) return step.value;
    mapping = step.value;
  }
}

/** A mapping the plan needs evaluated against the scope of its edge. */
interface Mapping {
  lambda: Record<string, unknown>;
  scope: Scope;
}

type LambdaResult = Awaited<ReturnType<typeof evaluateLambda>>;

/** The plan, handing each mapping out to be evaluated (yield) and taking its result back. */
function* planning(input: PlanInput): Generator<Mapping, RoutesPlan, LambdaResult> {
  const { outEdges, parent, senderId, sends } = input;
  const limits = input.limits ?? DEFAULT_PLAN_LIMITS;
  const messages: DeliverMessage[] = [];
  const values: RunValue[] = [];
  // How many sends went out on each port so far; one send (most steps) needs no count.
  const sentOnPort = sends.length > 1 ? new Map<string, number>() : undefined;
  const parentScope = parent.scope ?? {};
  const resolved = input.resolved ?? parentScope;
  const edgesOf = outEdges[senderId];
  const nameOf = (id: string) => input.names?.get(id) ?? id;
  let inlineSize: number | undefined;
  for (const send of sends) {
    const nth = sentOnPort?.get(send.port) ?? 0;
    sentOnPort?.set(send.port, nth + 1);
    const edges = edgesOf?.[send.port] ?? [];
    if (edges.length === 0) continue;
    if (messages.length + edges.length > limits.maxMessages) {
      throw new WeftError('component.too_many_sends', `${nameOf(senderId)} sent more messages from one message than the ${limits.maxMessages} this engine allows; split the list into smaller ones.`, { retry: 'never', status: 422 });
    }
    inlineSize ??= inlineScopeSize(parentScope, limits.inlineBytes);
    const placed = placeOutput({ scope: parentScope, refs: parent.refs }, inlineSize, senderId, send.port, send.data, limits);
    if (placed.stored) values.push(placed.stored);
    // What the edges' mappings read: the wire scope itself when it holds everything inline (one copy of the scope a step, not two).
    const scope: Scope = resolved === parentScope && placed.stored === undefined ? placed.scope : { ...resolved, [senderId]: { ...resolved[senderId], [send.port]: send.data } };
    for (const edge of edges) {
      let content: Record<string, unknown>;
      if (edge.lambda === undefined) {
        content = isPlainObject(send.data) ? send.data : { value: send.data };
      } else {
        const evaluated = yield { lambda: edge.lambda, scope };
        if (!evaluated.ok) {
          const path = `flow.${edge.targetId}.config.transform.${edge.inPort}.${senderId}.${send.port}.lambda${evaluated.error.at ? `.${evaluated.error.at}` : ''}`;
          throw new MappingFailure(evaluated.error.code, `The mapping into "${nameOf(edge.targetId)}" (port ${edge.inPort}) failed: ${evaluated.error.message}`, edge.targetId, edge.inPort, path);
        }
        content = isPlainObject(evaluated.value) ? evaluated.value : { value: evaluated.value };
      }
      if (jsonSizeUpTo(content, limits.maxContentBytes) > limits.maxContentBytes) {
        throw new WeftError('message.too_large', `The message from ${nameOf(senderId)}.${send.port} to ${nameOf(edge.targetId)}.${edge.inPort} is larger than ${limits.maxContentBytes} bytes; send less data in one message.`, { retry: 'never', status: 422 });
      }
      messages.push({
        type: 'deliver',
        id: deriveMessageId(parent.id, senderId, send.port, nth, edge.targetId, edge.inPort),
        userId: parent.userId,
        flowId: parent.flowId,
        componentId: edge.targetId,
        port: edge.inPort,
        correlationId: parent.correlationId,
        attempt: 1,
        ...(parent.test ? { test: true } : {}),
        ...(parent.replyTo ? { replyTo: parent.replyTo } : {}),
        ...(parent.callDepth ? { callDepth: parent.callDepth } : {}),
        content,
        from: { componentId: senderId, port: send.port },
        scope: placed.scope,
        ...(placed.refs && Object.keys(placed.refs).length > 0 ? { refs: placed.refs } : {}),
      });
    }
  }
  return { messages, values };
}

/**
 * `reads[senderId]`: the outputs (`[componentId, port]`) that the mappings of the sender's out
 * edges read. Only those need loading before the sender's sends are planned.
 */
export function indexLambdaReads(outEdges: OutEdges): Record<string, (readonly [string, string])[]> {
  const reads: Record<string, (readonly [string, string])[]> = {};
  for (const [senderId, ports] of Object.entries(outEdges)) {
    const keys = new Map<string, readonly [string, string]>();
    for (const edges of Object.values(ports)) {
      for (const edge of edges) {
        if (edge.lambda === undefined) continue;
        for (const ref of findVariables(edge.lambda).refs) keys.set(`${ref.componentId}\u0000${ref.port}`, [ref.componentId, ref.port]);
      }
    }
    reads[senderId] = [...keys.values()];
  }
  return reads;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
