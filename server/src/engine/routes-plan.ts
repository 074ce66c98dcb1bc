/** @module Routes plan: given what a component sent, compute the messages for every downstream edge (no I/O). */
import type { FlowDescriptor } from '@weft/flow';
import { evaluateLambda, type ModifierRegistry } from '@weft/variables';
import { WeftError } from '@weft/connector-kit';
import { evaluatingFor } from './custom-modifiers.ts';
import { deriveMessageId, type DeliverMessage, type Scope } from './message.ts';

export interface OutEdge {
  targetId: string;
  inPort: string;
  lambda: Record<string, unknown> | undefined;
}

/** `outEdges[componentId][outPort]` lists where a send on that port goes. */
export type OutEdges = Record<string, Record<string, OutEdge[]>>;

export function indexOutEdges(flow: FlowDescriptor): OutEdges {
  const index: OutEdges = {};
  for (const [targetId, component] of Object.entries(flow)) {
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
  parent: { id: string; userId: string; flowId: string; correlationId: string; test?: boolean | undefined; replyTo?: string | undefined; scope?: Scope };
  senderId: string;
  sends: readonly Send[];
  modifiers?: ModifierRegistry;
}

/**
 * Each send becomes one message per downstream edge. The sender's output joins the scope, so
 * every later component can read it as `$.<senderId>.<port>`. Without a transform on the edge,
 * the data passes through as the content (objects as they are, other values as `{ value }`).
 */
export async function planRoutes(input: PlanInput): Promise<DeliverMessage[]> {
  const { outEdges, parent, senderId, sends } = input;
  const planned: DeliverMessage[] = [];
  const sentOnPort = new Map<string, number>();
  for (const send of sends) {
    const nth = sentOnPort.get(send.port) ?? 0;
    sentOnPort.set(send.port, nth + 1);
    const scope: Scope = { ...parent.scope, [senderId]: { ...parent.scope?.[senderId], [send.port]: send.data } };
    for (const edge of outEdges[senderId]?.[send.port] ?? []) {
      let content: Record<string, unknown>;
      if (edge.lambda === undefined) {
        content = isPlainObject(send.data) ? send.data : { value: send.data };
      } else {
        const lambda = edge.lambda;
        const evaluated = await evaluatingFor(parent.userId, () => evaluateLambda(lambda, scope, input.modifiers));
        if (!evaluated.ok) {
          const path = `flow.${edge.targetId}.config.transform.${edge.inPort}.${senderId}.${send.port}.lambda${evaluated.error.at ? `.${evaluated.error.at}` : ''}`;
          throw new WeftError(evaluated.error.code, `Mapping into ${edge.targetId}.${edge.inPort} failed: ${evaluated.error.message}`, { retry: 'never', path });
        }
        content = isPlainObject(evaluated.value) ? evaluated.value : { value: evaluated.value };
      }
      planned.push({
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
        content,
        upstream: send.data,
        from: { componentId: senderId, port: send.port },
        scope,
      });
    }
  }
  return planned;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
