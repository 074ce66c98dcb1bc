import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { generateLargeFlow } from '../testing/large-flow.ts';
import { descriptorToGraph, graphToDescriptor } from './descriptor-graph.ts';

const descriptor = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Webhook', x: 10, y: 20.5, config: { properties: { method: 'POST' } } },
  cond: {
    type: 'weft.utils.controls.Condition', x: 300, y: 20,
    source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { expression: { AND: [{ OR: [{ field: '{{{$.hook.out.body.email}}}', operator: 'empty' }] }] } } } } } } },
  },
  send: {
    type: 'weft.chat.messages.Send', label: 'Tell', x: 600, y: 0,
    source: { in: { cond: ['true', 'false'], hook: ['out'] } },
    config: { properties: {}, transform: { in: { cond: { true: { type: 'json2new', lambda: { text: 'yes {{{$.hook.out.method | upper}}}' } } } } } },
  },
});

describe('when a descriptor is opened on the canvas', () => {
  it('makes one node per component and one edge per linked out-port', () => {
    const { nodes, edges } = descriptorToGraph(descriptor);
    expect(nodes.map((node) => node.id)).toEqual(['hook', 'cond', 'send']);
    expect(nodes[0]!.position).toEqual({ x: 10, y: 20.5 });
    expect(edges.map((edge) => edge.id)).toEqual(['hook.out->cond.in', 'cond.true->send.in', 'cond.false->send.in', 'hook.out->send.in']);
    expect(edges[1]).toMatchObject({ source: 'cond', sourceHandle: 'out:true', target: 'send', targetHandle: 'in:in' });
  });

  it('gives back the same descriptor when saved unchanged (round trip)', () => {
    expect(graphToDescriptor(descriptorToGraph(descriptor))).toEqual(descriptor);
  });

  it('keeps keys the designer does not know about', () => {
    const withExtra = { ...descriptor, hook: { ...descriptor.hook!, version: '1.2.0', errorHandling: { autoRetry: true } } } as FlowDescriptor;
    expect(graphToDescriptor(descriptorToGraph(withExtra))).toEqual(withExtra);
  });

  it('round-trips a generated flow of 500 components', () => {
    const large = generateLargeFlow(500);
    expect(FlowDescriptor.safeParse(large).success).toBe(true);
    expect(graphToDescriptor(descriptorToGraph(large))).toEqual(large);
  });
});

describe('when the canvas is saved', () => {
  it('drops an edge whose handles are not an out-port and an in-port', () => {
    const { nodes, edges } = descriptorToGraph(descriptor);
    const broken = [...edges, { id: 'x', source: 'hook', sourceHandle: 'in:in', target: 'send', targetHandle: 'in:in' }];
    expect(graphToDescriptor({ nodes, edges: broken })).toEqual(descriptor);
  });
});
