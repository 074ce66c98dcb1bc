import { beforeEach, describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { graphToDescriptor } from '../graph/descriptor-graph.ts';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { createDesignerStore, type DesignerStore } from './create-designer-store.ts';

let store: DesignerStore;
const s = () => store.getState();
const descriptor = () => graphToDescriptor({ nodes: s().nodes, edges: s().edges });

function open(flow: unknown): void {
  s().loadFlow({ flowId: 'f1', name: 'Flow', stage: 'stopped', version: 1, createdAt: 0, updatedAt: 0, componentCount: 0, flow: flow as Record<string, unknown> });
}

beforeEach(() => {
  store = createDesignerStore();
  s().setManifests(sampleManifests);
  open({
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    req: { type: 'weft.utils.http.Request', x: 300, y: 0, source: { in: { hook: ['out'] } } },
  });
});

describe('when a component is added from the palette', () => {
  it('places it, selects it alone and applies manifest defaults', () => {
    const id = s().addComponent('weft.utils.timers.Timer', { x: 50, y: 60 })!;
    expect(s().selectedIds).toEqual([id]);
    expect(descriptor()[id]).toMatchObject({ type: 'weft.utils.timers.Timer', label: 'Timer', x: 50, y: 60, config: { properties: { interval: 15 } } });
  });

  it('refuses an unknown type', () => {
    expect(s().addComponent('acme.x.y.Nope', { x: 0, y: 0 })).toBeUndefined();
    expect(s().nodes).toHaveLength(2);
  });
});

describe('when two ports are connected', () => {
  it('adds an edge with an empty mapping', () => {
    const send = s().addComponent('weft.chat.messages.Send', { x: 600, y: 0 })!;
    expect(s().connect({ source: 'req', sourceHandle: 'out:out', target: send, targetHandle: 'in:in' }).ok).toBe(true);
    expect(descriptor()[send]!.source).toEqual({ in: { req: ['out'] } });
    expect(descriptor()[send]!.config.transform).toEqual({ in: { req: { out: { type: 'json2new', lambda: {} } } } });
  });

  it('rejects an edge into an output, a self-loop and a duplicate', () => {
    expect(s().connect({ source: 'hook', sourceHandle: 'out:out', target: 'req', targetHandle: 'out:out' })).toEqual({ ok: false, reason: 'into-output' });
    expect(s().connect({ source: 'req', sourceHandle: 'out:out', target: 'req', targetHandle: 'in:in' })).toEqual({ ok: false, reason: 'self-loop' });
    expect(s().connect({ source: 'hook', sourceHandle: 'out:out', target: 'req', targetHandle: 'in:in' })).toEqual({ ok: false, reason: 'duplicate' });
    expect(s().connect({ source: 'hook', sourceHandle: 'out:nope', target: 'req', targetHandle: 'in:in' })).toEqual({ ok: false, reason: 'unknown-port' });
    expect(s().edges).toHaveLength(1);
  });
});

describe('when components are moved, deleted, undone and redone', () => {
  it('moves and undoes the move', () => {
    s().moveComponents({ req: { x: 400, y: 100 } });
    expect(descriptor().req).toMatchObject({ x: 400, y: 100 });
    s().undo();
    expect(descriptor().req).toMatchObject({ x: 300, y: 0 });
    s().redo();
    expect(descriptor().req).toMatchObject({ x: 400, y: 100 });
  });

  it('deletes the selection with its edges and mappings, and undo brings all back', () => {
    const before = descriptor();
    s().select(['hook']);
    s().removeSelection();
    expect(Object.keys(descriptor())).toEqual(['req']);
    expect(descriptor().req!.source).toEqual({});
    s().undo();
    expect(descriptor()).toEqual(before);
  });

  it('forgets redo after a new edit', () => {
    s().renameComponent('req', 'Fetch');
    s().undo();
    s().renameComponent('req', 'Get');
    expect(s().redo()).toBe(false);
    expect(descriptor().req!.label).toBe('Get');
  });

  it('bumps the revision on edits, not on selection', () => {
    const revision = s().revision;
    s().select(['req']);
    expect(s().revision).toBe(revision);
    s().setProperty('req', 'x', 1);
    expect(s().revision).toBe(revision + 1);
  });
});

describe('when components are copied and pasted', () => {
  it('pastes copies with fresh ids, inner edges and rewritten variables, offset from the originals', () => {
    s().setLambdaField({ target: 'req', inPort: 'in', source: 'hook', outPort: 'out' }, 'url', 'https://x/{{{$.hook.out.query.id}}}');
    s().select(['hook', 'req']);
    s().copySelection();
    const ids = s().paste();
    expect(ids).toHaveLength(2);
    expect(s().selectedIds).toEqual(ids);
    const flow = descriptor();
    const [hook2, req2] = ids as [string, string];
    expect(flow[hook2]).toMatchObject({ type: 'weft.utils.http.Webhook', x: 40, y: 40 });
    expect(flow[req2]!.source).toEqual({ in: { [hook2]: ['out'] } });
    expect(flow[req2]!.config.transform.in?.[hook2]?.out?.lambda).toEqual({ url: `https://x/{{{$.${hook2}.out.query.id}}}` });
    expect(FlowDescriptor.safeParse(flow).success).toBe(true);
  });

  it('lands each further paste of the same fragment one step further', () => {
    s().select(['hook']);
    const fragment = s().copySelection()!;
    const first = s().paste(structuredClone(fragment))[0]!;
    const second = s().paste(structuredClone(fragment))[0]!;
    expect(descriptor()[first]).toMatchObject({ x: 40, y: 40 });
    expect(descriptor()[second]).toMatchObject({ x: 80, y: 80 });
  });

  it('drops edges from components left out of the copy, but keeps their mapping for the next edge into that input', () => {
    const mapping = { type: 'json2new', lambda: { url: 'https://x/{{{$.hook.out.query.id}}}' } };
    s().setLambdaField({ target: 'req', inPort: 'in', source: 'hook', outPort: 'out' }, 'url', mapping.lambda.url);
    s().select(['req']);
    const fragment = s().copySelection()!;
    const [id] = s().paste(fragment, { x: 0, y: 500 });
    // No edge, but the mapping stays: validation reports it as a mapping of "hook.out" with no such connection.
    expect(descriptor()[id!]).toMatchObject({ x: 0, y: 500, source: {}, config: { transform: { in: { hook: { out: mapping } } } } });
    // Removing something else leaves it alone.
    s().addComponent('weft.utils.timers.Timer', { x: 0, y: 900 });
    s().removeSelection();
    expect(descriptor()[id!]!.config.transform).toEqual({ in: { hook: { out: mapping } } });
    // Connecting the input takes the mapping over, whichever component now feeds it.
    const timer = s().addComponent('weft.utils.timers.Timer', { x: 0, y: 700 })!;
    expect(s().connect({ source: timer, sourceHandle: 'out:out', target: id!, targetHandle: 'in:in' }).ok).toBe(true);
    expect(descriptor()[id!]!.config.transform).toEqual({ in: { [timer]: { out: mapping } } });
    // A second edge into the same input gets an empty mapping of its own.
    expect(s().connect({ source: 'hook', sourceHandle: 'out:out', target: id!, targetHandle: 'in:in' }).ok).toBe(true);
    expect(descriptor()[id!]!.config.transform.in?.hook?.out).toEqual({ type: 'json2new', lambda: {} });
  });

  it('leaves the original\'s mapping from a component outside the copy untouched, and the copy keeps it as its own', () => {
    s().setLambdaField({ target: 'req', inPort: 'in', source: 'hook', outPort: 'out' }, 'url', 'https://x/{{{$.hook.out.body.name}}}');
    const before = structuredClone(descriptor().req);
    s().select(['req']);
    s().copySelection();
    expect(descriptor().req).toEqual(before);
    const [copy] = s().paste();
    expect(descriptor().req).toEqual(before);
    expect(descriptor()[copy!]!.config.properties).toEqual(before!.config.properties);
    // Editing the copy never reaches the original, and undoing the paste leaves the original as it was.
    s().setProperty(copy!, 'method', 'POST');
    expect(descriptor().req).toEqual(before);
    s().undo();
    s().undo();
    expect(descriptor().req).toEqual(before);
    expect(s().nodes).toHaveLength(2);
  });

  it('names a pasted copy after the next free number ("Timer 2")', () => {
    open({ tick: { type: 'weft.utils.timers.Timer', x: 0, y: 0 } });
    s().select(['tick']);
    s().copySelection();
    const [second] = s().paste();
    const [third] = s().paste();
    expect(descriptor()[second!]!.label).toBe('Timer 2');
    expect(descriptor()[third!]!.label).toBe('Timer 3');
    expect(descriptor().tick!.label).toBeUndefined();
  });

  it('puts a cut component back as it was: same id, place, edges and mappings on both sides', () => {
    const send = s().addComponent('weft.chat.messages.Send', { x: 600, y: 0 })!;
    s().connect({ source: 'req', sourceHandle: 'out:out', target: send, targetHandle: 'in:in' });
    s().setLambdaField({ target: 'req', inPort: 'in', source: 'hook', outPort: 'out' }, 'url', 'https://x/{{{$.hook.out.body.name}}}');
    s().setLambdaField({ target: send, inPort: 'in', source: 'req', outPort: 'out' }, 'text', '{{{$.req.out.body.id}}}');
    const before = descriptor();
    s().select(['req']);
    s().cutSelection();
    expect(descriptor().req).toBeUndefined();
    expect(descriptor()[send]!.config.transform).toEqual({});
    expect(s().paste()).toEqual(['req']);
    expect(descriptor()).toEqual(before);
    expect(s().selectedIds).toEqual(['req']);
    // Pasting again makes a copy beside it, as after a copy.
    const [copy] = s().paste();
    expect(copy).not.toBe('req');
    expect(descriptor()[copy!]).toMatchObject({ x: 340, y: 40, label: 'HTTP request 2' });
  });

  it('pastes a fragment copied from another flow', () => {
    const fragment = { t: FlowDescriptor.parse({ t: { type: 'weft.utils.timers.Timer' } }).t! };
    expect(s().paste(fragment)).toHaveLength(1);
    expect(s().nodes).toHaveLength(3);
  });
});

describe('when Start is refused because the flow has problems', () => {
  const problems = [
    { code: 'flow.missing_source', message: 'Request needs an input.', path: 'flow.req.source', componentId: 'req' },
    { code: 'flow.unknown', message: 'Something about the hook.', path: 'flow.hook.config' },
  ];

  it('keeps the message and the problems, and selects the first broken component on the settings tab', () => {
    s().setInspectorTab('run-data');
    s().failStart({ message: 'The flow has 2 problems; fix them before starting it.', problems });
    expect(s().startFailure).toEqual({ message: 'The flow has 2 problems; fix them before starting it.', problems });
    expect(s().problems).toEqual(problems);
    expect(s().selectedIds).toEqual(['req']);
    expect(s().nodes.find((node) => node.id === 'req')?.selected).toBe(true);
    expect(s().inspectorTab).toBe('settings');
  });

  it('skips problems of components that are no longer on the canvas', () => {
    s().failStart({ message: 'x', problems: [{ ...problems[0]!, componentId: 'gone', path: 'flow.gone.source' }, problems[1]!] });
    expect(s().selectedIds).toEqual(['hook']);
  });

  it('forgets the failure once the flow runs, or when dismissed', () => {
    s().failStart({ message: 'x', problems });
    s().setStage('running');
    expect(s().startFailure).toBeUndefined();
    s().failStart({ message: 'x', problems });
    s().dismissStartFailure();
    expect(s().startFailure).toBeUndefined();
  });
});
