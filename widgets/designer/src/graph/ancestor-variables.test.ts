import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { descriptorToGraph } from './descriptor-graph.ts';
import { listAncestorVariables, listAncestors } from './ancestor-variables.ts';

const manifests = Object.fromEntries(sampleManifests.map((m) => [m.name, m]));
const { nodes, edges } = descriptorToGraph(FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook' },
  timer: { type: 'weft.utils.timers.Timer', label: 'Every hour' },
  req: { type: 'weft.utils.http.Request', source: { in: { hook: ['out'] } } },
  send: { type: 'weft.chat.messages.Send', source: { in: { req: ['out'], timer: ['out'] } } },
  other: { type: 'weft.chat.messages.Send', source: { in: { hook: ['out'] } } },
}));
const byId = new Map(nodes.map((n) => [n.id, n]));

describe('when a component lists the variables it can use', () => {
  it('finds every ancestor, nearest first, not only direct senders', () => {
    expect(listAncestors('send', edges)).toEqual(['req', 'timer', 'hook']);
    expect(listAncestors('hook', edges)).toEqual([]);
  });

  it('offers each ancestor out-port and its nested schema paths', () => {
    const expressions = listAncestorVariables('send', byId, edges, manifests).map((v) => v.expression);
    expect(expressions).toContain('$.hook.out');
    expect(expressions).toContain('$.hook.out.body.user.name');
    expect(expressions).toContain('$.req.out.status');
    expect(expressions).toContain('$.timer.out.now');
    expect(expressions).not.toContain('$.other.out');
  });

  it('labels variables with the component label and the schema title', () => {
    const now = listAncestorVariables('send', byId, edges, manifests).find((v) => v.expression === '$.timer.out.now');
    expect(now).toMatchObject({ componentLabel: 'Every hour', label: 'Time', type: 'string', depth: 1 });
  });

  it('survives a cycle', () => {
    const loop = [...edges, { id: 'back', source: 'send', sourceHandle: 'out:out', target: 'req', targetHandle: 'in:in' }];
    expect(listAncestors('req', loop).sort()).toEqual(['hook', 'req', 'send', 'timer'].filter((id) => id !== 'req').sort());
  });
});

describe('when an ancestor has sample data pinned', () => {
  it('offers the paths of the pinned data instead of the manifest schema, marked as pinned', () => {
    const pinned = descriptorToGraph(FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', pinned: { out: { body: { order: { id: 7, lines: [{ sku: 'A1' }] } }, method: 'POST' } } },
      req: { type: 'weft.utils.http.Request', source: { in: { hook: ['out'] } } },
    }));
    const variables = listAncestorVariables('req', new Map(pinned.nodes.map((n) => [n.id, n])), pinned.edges, manifests);
    const expressions = variables.map((v) => v.expression);
    expect(expressions).toContain('$.hook.out.body.order.id');
    expect(expressions).not.toContain('$.hook.out.body.user.name');
    expect(variables.find((v) => v.expression === '$.hook.out.body.order.id')).toMatchObject({ type: 'number', isPinned: true, componentIcon: 'webhook' });
  });
});
