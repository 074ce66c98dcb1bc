import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { sampleManifests } from '../../testing/sample-manifests.ts';
import { descriptorToGraph } from '../../graph/descriptor-graph.ts';
import { buildInputTypings, inputLibPath, schemaToTs } from './input-typings.ts';

const manifests = Object.fromEntries(sampleManifests.map((m) => [m.name, m]));
const { nodes, edges } = descriptorToGraph(FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook' },
  timer: { type: 'weft.utils.timers.Timer', label: 'Every hour' },
  req: { type: 'weft.utils.http.Request', source: { in: { hook: ['out'] } } },
  send: { type: 'weft.chat.messages.Send', source: { in: { req: ['out'], timer: ['out'] } } },
}));
const byId = new Map(nodes.map((n) => [n.id, n]));

describe('a JSON schema as a TypeScript type', () => {
  it('maps scalars, arrays, enums and optional properties', () => {
    expect(schemaToTs({ type: 'integer' })).toBe('number');
    expect(schemaToTs({ type: 'array', items: { type: 'string' } })).toBe('Array<string>');
    expect(schemaToTs({ enum: ['a', 1] })).toBe('"a" | 1');
    expect(schemaToTs({ type: 'object', required: ['id'], properties: { id: { type: 'string' }, 'x-y': { type: 'boolean' } } })).toBe('{\n  id: string;\n  "x-y"?: boolean;\n}');
    expect(schemaToTs({ type: 'object' })).toBe('Record<string, any>');
    expect(schemaToTs(undefined)).toBe('any');
  });

  it('cannot be broken out of by a description that closes the comment', () => {
    const ts = schemaToTs({ type: 'object', properties: { a: { type: 'string', description: 'evil */ declare const y: 1; /*' } } });
    expect(ts).not.toContain('evil */');
  });
});

describe('the typings of a JavaScript component being edited', () => {
  it('types input as the out-ports wired into it and lists every ancestor', () => {
    const lib = buildInputTypings('send', byId, edges, manifests);
    const input = /type WeftInput = ([\s\S]*?);\n\n/.exec(lib)?.[1] ?? '';
    expect(input).toContain('status');
    expect(input).toContain(' | ');
    expect(input).toContain('now');
    expect(lib).toMatch(/WeftAncestors = \{[\s\S]*hook: \{[\s\S]*body/);
    expect(lib).toContain('type WeftRun = (input: WeftInput, context: WeftContext) => unknown;');
    expect(lib).toContain('Every hour');
  });

  it('types input as any when nothing is wired in', () => {
    expect(buildInputTypings('hook', byId, edges, manifests)).toContain('type WeftInput = any;');
  });

  it('puts each component in its own lib file', () => {
    expect(inputLibPath('a/b c')).toBe('ts:weft/input-a_b_c.d.ts');
  });
});
