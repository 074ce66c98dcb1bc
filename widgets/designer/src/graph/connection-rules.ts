/** @module Connection rules: which output → input connections the designer accepts, as a pure check. */
import type { Manifest } from '@weft/connector-kit';
import { edgeId, portOfHandle, type ComponentNode, type FlowEdge } from './types.ts';

export interface ConnectionRequest {
  source: string;
  sourceHandle?: string | null | undefined;
  target: string;
  targetHandle?: string | null | undefined;
}

export type ConnectionVerdict =
  | { ok: true; id: string; outPort: string; inPort: string }
  | { ok: false; reason: 'self-loop' | 'into-output' | 'from-input' | 'duplicate' | 'unknown-port' | 'unknown-component' | 'max-connections' };

/**
 * Outputs connect to inputs only, never to their own component, never twice, and only to ports
 * the manifests declare (when the manifest is known: an unknown type keeps whatever it has).
 */
export function checkConnection(
  request: ConnectionRequest,
  nodes: ReadonlyMap<string, ComponentNode>,
  edges: readonly FlowEdge[],
  manifests: Readonly<Record<string, Manifest>>,
): ConnectionVerdict {
  const out = portOfHandle(request.sourceHandle);
  const into = portOfHandle(request.targetHandle);
  if (out?.kind === 'in') return { ok: false, reason: 'from-input' };
  if (into?.kind === 'out') return { ok: false, reason: 'into-output' };
  if (out === undefined || into === undefined) return { ok: false, reason: 'unknown-port' };
  if (request.source === request.target) return { ok: false, reason: 'self-loop' };
  const sourceNode = nodes.get(request.source);
  const targetNode = nodes.get(request.target);
  if (sourceNode === undefined || targetNode === undefined) return { ok: false, reason: 'unknown-component' };
  const sourceManifest = manifests[sourceNode.data.type];
  const targetManifest = manifests[targetNode.data.type];
  if (sourceManifest && !hasPort(sourceManifest.outPorts, out.port)) return { ok: false, reason: 'unknown-port' };
  if (targetManifest && !hasPort(targetManifest.inPorts, into.port)) return { ok: false, reason: 'unknown-port' };
  const id = edgeId(request.source, out.port, request.target, into.port);
  if (edges.some((edge) => edge.id === id)) return { ok: false, reason: 'duplicate' };
  const max = targetManifest?.inPorts.find((port) => port.name === into.port)?.maxConnections;
  if (max !== undefined) {
    const count = edges.filter((edge) => edge.target === request.target && edge.targetHandle === request.targetHandle).length;
    if (count >= max) return { ok: false, reason: 'max-connections' };
  }
  return { ok: true, id, outPort: out.port, inPort: into.port };
}

function hasPort(ports: readonly { name: string }[], name: string): boolean {
  return ports.some((port) => port.name === name);
}
