import { Manifest, type ManifestInput } from '@weft/connector-kit';
import { createModifierRegistry, findVariables } from '@weft/variables';
import { describe, expect, it } from 'vitest';
import { FlowDescriptor, type FlowDescriptorInput } from './descriptor.ts';
import { ancestorsOf, componentNames, parseFlow, validateFlow, type FlowProblem } from './index.ts';

const manifestList: ManifestInput[] = [
  { name: 'weft.utils.http.Webhook', label: 'Webhook', trigger: true, outPorts: [{ name: 'out' }] },
  {
    name: 'weft.utils.http.Request',
    label: 'HTTP request',
    inPorts: [{ name: 'in', schema: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, auth: { type: 'object', required: ['token'] } } } }],
    outPorts: [{ name: 'out' }, { name: 'error' }],
    properties: { schema: { type: 'object', required: ['method'] } },
  },
  { name: 'weft.utils.flow.Each', label: 'Each', allowCycles: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'item' }, { name: 'done' }] },
  { name: 'weft.utils.debug.Log', label: 'Log', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
];
const manifests = new Map(manifestList.map((input) => [input.name, Manifest.parse(input)]));
const lookup = (type: string) => manifests.get(type);

const WEBHOOK = 'weft.utils.http.Webhook';
const REQUEST = 'weft.utils.http.Request';
const EACH = 'weft.utils.flow.Each';
const LOG = 'weft.utils.debug.Log';

function flow(input: FlowDescriptorInput): FlowDescriptor {
  return FlowDescriptor.parse(input);
}

/** hook → req (maps url from the hook) → log */
function validFlow(): FlowDescriptorInput {
  return {
    hook: { type: WEBHOOK },
    req: {
      type: REQUEST,
      source: { in: { hook: ['out'] } },
      config: {
        properties: { method: 'POST' },
        transform: { in: { hook: { out: { type: 'json2new', lambda: { url: 'https://x.cz/{{{$.hook.out.body.id | urlEncode}}}', auth: { token: 't' } } } } } },
      },
    },
    log: {
      type: LOG,
      source: { in: { req: ['out', 'error'] } },
      config: {
        properties: {},
        transform: { in: { req: { out: { type: 'json2new', lambda: { text: '{{{$.req.out.status}}} for {{{$.hook.out.body.id}}}' } } } } },
      },
    },
  };
}

function codes(problems: FlowProblem[]): string[] {
  return problems.map((problem) => problem.code);
}

describe('when a flow is valid', () => {
  it('has no problems', () => {
    expect(validateFlow(flow(validFlow()), lookup)).toEqual([]);
  });
});

describe('when a component type is not installed', () => {
  it('reports component.unknown_type at the type', () => {
    const input = validFlow();
    input.log = { type: 'acme.nothing.Here' };
    expect(validateFlow(flow(input), lookup)).toEqual([
      { code: 'component.unknown_type', path: 'flow.log.type', componentId: 'log', message: '"Here" uses the component type "acme.nothing.Here", which is not installed' },
    ]);
  });
});

describe('when connections name ports that do not exist', () => {
  it('reports an unknown in-port and an unknown out-port of the source', () => {
    const input = validFlow();
    input.log = { type: LOG, source: { input: { req: ['out'] }, in: { req: ['result'] } } };
    const problems = validateFlow(flow(input), lookup);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['port.unknown', 'flow.log.source.input'],
      ['port.unknown', 'flow.log.source.in.req.result'],
    ]);
    expect(problems[1]?.message).toBe('"HTTP request" (weft.utils.http.Request) has no output port "result"; it has "out", "error"');
  });

  it('reports ports used the wrong way round', () => {
    const input = validFlow();
    input.log = { type: LOG, source: { out: { hook: ['out'] }, in: { req: ['in'] } } };
    expect(validateFlow(flow(input), lookup).map((p) => [p.code, p.path])).toEqual([
      ['port.wrong_direction', 'flow.log.source.out'],
      ['port.wrong_direction', 'flow.log.source.in.req.in'],
    ]);
  });
});

describe('when a connection comes from a component that is not in the flow', () => {
  it('reports edge.missing_component', () => {
    const input = validFlow();
    input.log = { type: LOG, source: { in: { gone: ['out'] } } };
    expect(validateFlow(flow(input), lookup)).toEqual([
      { code: 'edge.missing_component', path: 'flow.log.source.in.gone', componentId: 'log', message: '"Log" is connected from "gone", which is not in the flow' },
    ]);
  });
});

describe('when the same connection is listed twice', () => {
  it('reports edge.duplicate once', () => {
    const input = validFlow();
    input.log = { type: LOG, source: { in: { req: ['out', 'out'] } } };
    expect(codes(validateFlow(flow(input), lookup))).toEqual(['edge.duplicate']);
  });
});

describe('when components form a loop', () => {
  it('reports flow.cycle for each component on the loop that may not loop', () => {
    const problems = validateFlow(
      flow({
        a: { type: LOG, source: { in: { b: ['out'] } } },
        b: { type: LOG, source: { in: { a: ['out'] } } },
      }),
      lookup,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['flow.cycle', 'flow.a'],
      ['flow.cycle', 'flow.b'],
    ]);
    expect(problems[0]?.message).toBe('"Log (1st)" sits on the loop Log (1st) → Log (2nd) → Log (1st), but Log (weft.utils.debug.Log) may not be part of a loop');
  });

  it('accepts components whose manifest allows loops', () => {
    const problems = validateFlow(
      flow({
        hook: { type: WEBHOOK },
        each: { type: EACH, source: { in: { hook: ['out'], each: ['item'] } } },
      }),
      lookup,
    );
    expect(problems).toEqual([]);
  });

  it('still reports the components on an Each loop that may not loop', () => {
    const problems = validateFlow(
      flow({
        each: { type: EACH, source: { in: { body: ['out'] } } },
        body: { type: LOG, source: { in: { each: ['item'] } } },
      }),
      lookup,
    );
    expect(problems.map((p) => [p.code, p.componentId])).toEqual([['flow.cycle', 'body']]);
  });
});

describe('when required values are missing', () => {
  it('reports a required property with no value', () => {
    const input = validFlow();
    input.req = { ...input.req, type: REQUEST, config: { ...input.req?.config, properties: { method: '' } } };
    expect(validateFlow(flow(input), lookup).map((p) => [p.code, p.path])).toEqual([['property.required', 'flow.req.config.properties.method']]);
  });

  it('reports required input fields the mapping leaves out, including inside a literal object', () => {
    const input = validFlow();
    input.req = { ...input.req, type: REQUEST, config: { properties: { method: 'GET' }, transform: { in: { hook: { out: { type: 'json2new', lambda: { auth: {} } } } } } } };
    const problems = validateFlow(flow(input), lookup);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['input.required', 'flow.req.config.transform.in.hook.out.url'],
      ['input.required', 'flow.req.config.transform.in.hook.out.auth.token'],
    ]);
    expect(problems[0]?.message).toBe('the mapping from "Webhook.out" to "HTTP request.in" gives no value to the required field "url"');
  });

  it('reports every required field of a connection with no mapping at all', () => {
    const input = validFlow();
    input.req = { type: REQUEST, source: { in: { hook: ['out'] } }, config: { properties: { method: 'GET' }, transform: {} } };
    const problems = validateFlow(flow(input), lookup);
    expect(problems.map((p) => [p.code, p.path])).toEqual([['input.required', 'flow.req.config.transform.in.hook.out.url']]);
    expect(problems[0]?.message).toContain('has no mapping');
  });
});

describe('when a mapping uses variables it cannot read', () => {
  function withLogText(text: string): FlowDescriptor {
    const input = validFlow();
    input.log = { type: LOG, source: { in: { req: ['out'] } }, config: { properties: {}, transform: { in: { req: { out: { type: 'json2new', lambda: { body: { lines: ['ok', text] } } } } } } } };
    input.late = { type: LOG, source: { in: { log: ['out'] } } };
    return flow(input);
  }

  it('reports a component that does not run before it, or does not exist', () => {
    const problems = validateFlow(withLogText('{{{$.late.out}}} {{{$.nobody.out}}}'), lookup);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['variable.not_ancestor', 'flow.log.config.transform.in.req.out.body.lines.1'],
      ['variable.not_ancestor', 'flow.log.config.transform.in.req.out.body.lines.1'],
    ]);
    expect(problems[0]?.message).toBe('{{{$.late.out}}} reads "Log (2nd)", which does not run before "Log (1st)"');
    expect(problems[1]?.message).toBe('{{{$.nobody.out}}} reads "nobody", which is not in the flow');
  });

  it('reports a port the ancestor does not have', () => {
    expect(codes(validateFlow(withLogText('{{{$.hook.response.id}}}'), lookup))).toEqual(['variable.unknown_port']);
  });

  it('reports unknown modifiers, using the built-ins unless told otherwise', () => {
    expect(codes(validateFlow(withLogText('{{{$.hook.out | shout}}}'), lookup))).toEqual(['modifier.unknown']);
    const registry = createModifierRegistry();
    registry.register({ name: 'shout', label: 'Shout', category: 'custom', description: 'Adds "!".', args: [], examples: [], run: (value) => value });
    expect(validateFlow(withLogText('{{{$.hook.out | shout}}}'), lookup, { modifiers: registry })).toEqual([]);
    expect(codes(validateFlow(withLogText('{{{$.hook.out | upper}}}'), lookup, { modifiers: { has: () => false } }))).toEqual(['modifier.unknown', 'modifier.unknown']);
  });

  it('reports malformed placeholders with their place in the mapping', () => {
    const problems = validateFlow(withLogText('x {{{$.hook'), lookup);
    expect(problems.map((p) => [p.code, p.path])).toEqual([['variable.malformed', 'flow.log.config.transform.in.req.out.body.lines.1']]);
    expect(problems[0]?.message).toContain('(at character 2)');
  });
});

describe('when a mapping belongs to no connection', () => {
  it('reports transform.orphan', () => {
    const input = validFlow();
    input.log = {
      type: LOG,
      source: { in: { req: ['out'] } },
      config: { properties: {}, transform: { in: { req: { out: { type: 'json2new', lambda: {} }, error: { type: 'json2new', lambda: { x: '{{{$.zzz.out}}}' } } } } } },
    };
    expect(validateFlow(flow(input), lookup).map((p) => [p.code, p.path])).toEqual([['transform.orphan', 'flow.log.config.transform.in.req.error']]);
  });
});

describe('when a flow has several problems', () => {
  it('reports all of them at once', () => {
    const input = validFlow();
    input.req = { ...input.req, type: REQUEST, config: { ...input.req?.config, properties: {} } };
    input.log = { type: LOG, source: { in: { req: ['out'], ghost: ['out'] } }, config: { properties: {}, transform: { in: { req: { out: { type: 'json2new', lambda: { t: '{{{$.hook.out | nope}}}' } } } } } } };
    expect(codes(validateFlow(flow(input), lookup)).sort()).toEqual(['edge.missing_component', 'modifier.unknown', 'property.required']);
  });
});

describe('when parsing a descriptor from JSON', () => {
  it('applies defaults to a valid descriptor', () => {
    const parsed = parseFlow({ hook: { type: WEBHOOK } });
    expect(parsed).toEqual({ ok: true, value: { hook: { type: WEBHOOK, x: 0, y: 0, source: {}, config: { properties: {}, transform: {} } } } });
  });

  it('keeps sample data pinned to a component, by out port, and refuses a pin too big to be a sample', () => {
    const pinned = { out: { body: { name: 'Ada' }, headers: {}, query: {}, method: 'POST' } };
    const parsed = parseFlow({ hook: { type: WEBHOOK, pinned } });
    expect(parsed.ok && parsed.value.hook?.pinned).toEqual(pinned);
    const huge = parseFlow({ hook: { type: WEBHOOK, pinned: { out: 'x'.repeat(70_000) } } });
    expect(huge.ok).toBe(false);
    if (huge.ok) return;
    expect(huge.problems.map((p) => [p.code, p.path])).toEqual([['flow.schema', 'flow.hook.pinned']]);
    expect(huge.problems[0]?.message).toMatch(/keep it under 65536/);
    expect(parseFlow({ hook: { type: WEBHOOK, pinned: { 'bad port': 1 } } }).ok).toBe(false);
  });

  it('turns schema issues into flow.schema problems with dotted paths', () => {
    const parsed = parseFlow({ hook: { type: 'nope', x: 'left' }, req: { type: REQUEST, config: { transform: { in: { hook: { out: { type: 'other', lambda: {} } } } } } } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.code, p.path, p.componentId])).toEqual([
      ['flow.schema', 'flow.hook.type', 'hook'],
      ['flow.schema', 'flow.hook.x', 'hook'],
      ['flow.schema', 'flow.req.config.transform.in.hook.out.type', 'req'],
    ]);
    expect(parsed.problems[0]?.message).toBe('a component type looks like "weft.utils.http.Webhook"');
  });

  it('names a component id or port that is not a valid name', () => {
    const parsed = parseFlow({ 'a.b': { type: WEBHOOK } });
    expect(parsed).toMatchObject({ ok: false, problems: [{ code: 'flow.schema', path: 'flow.a.b', message: '"a.b" is not a valid name: use letters, digits, "_" or "-"' }] });
  });

  it('rejects something that is not an object', () => {
    expect(parseFlow([1])).toMatchObject({ ok: false, problems: [{ code: 'flow.schema', path: 'flow' }] });
  });
});

describe('when a flow is large and tangled', () => {
  /** 200 components, random edges (loops and missing sources too) and mappings reading random components. */
  function tangledFlow(seed: number): FlowDescriptor {
    let state = seed;
    const random = (below: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state >>> 12) % below;
    };
    const n = 200;
    const input: FlowDescriptorInput = {};
    for (let i = 0; i < n; i++) {
      const sources: Record<string, string[]> = {};
      const transform: Record<string, Record<string, { type: 'json2new'; lambda: Record<string, unknown> }>> = {};
      for (let e = random(4); e > 0; e--) {
        const pick = random(10);
        const from = pick < 7 ? `c${random(Math.max(i, 1))}` : pick < 9 ? `c${random(n)}` : 'ghost';
        (sources[from] ??= []).push('out');
        const reads = [0, 1, 2].map(() => `{{{$.${random(8) === 0 ? 'nobody' : `c${random(n)}`}.out}}}`);
        (transform[from] ??= {}).out = { type: 'json2new', lambda: { text: reads.join(' '), nested: { list: [reads[0]] } } };
      }
      input[`c${i}`] = { type: random(5) === 0 ? EACH : LOG, source: { in: sources }, config: { properties: {}, transform: { in: transform } } };
    }
    return flow(input);
  }

  it('reports every variable that reads a component not running before, as reading the ancestors one by one would', () => {
    for (const seed of [7, 8]) {
      const tangled = tangledFlow(seed);
      const names = componentNames(tangled, (type) => lookup(type)?.label);
      const expected: string[] = [];
      for (const [id, component] of Object.entries(tangled)) {
        const ancestors = new Set(ancestorsOf(tangled, id));
        for (const [sourceId, byPort] of Object.entries(component.config.transform.in ?? {})) {
          const { refs } = findVariables(byPort.out?.lambda);
          for (const ref of refs) if (!ancestors.has(ref.componentId)) expected.push(`flow.${id}.config.transform.in.${sourceId}.out.${ref.at} reads ${names.get(ref.componentId) ?? ref.componentId}`);
        }
      }
      const found = validateFlow(tangled, lookup)
        .filter((problem) => problem.code === 'variable.not_ancestor')
        .map((problem) => `${problem.path} reads ${/reads "([^"]+)"/.exec(problem.message)?.[1] ?? ''}`);
      expect(expected.length).toBeGreaterThan(50);
      expect(found).toEqual(expected);
    }
  });
});

describe('when the designer gave components UUIDs and labels', () => {
  const hookId = '50ce0a13-4c1e-4d0c-9a8e-3f5e2b7c9d10';
  const reqId = '7e44868b-2a4f-4f7e-8b8e-1c2d3e4f5a6b';
  function labelled(): FlowDescriptorInput {
    return {
      [hookId]: { type: WEBHOOK, label: 'Order arrives' },
      [reqId]: { type: REQUEST, label: 'Charge card', source: { in: { [hookId]: ['out'] } }, config: { properties: { method: 'GET' }, transform: { in: { [hookId]: { out: { type: 'json2new', lambda: { auth: { token: 't' } } } } } } } },
    };
  }

  it('names them by label in every message and keeps the id in componentId and path', () => {
    const problems = validateFlow(flow(labelled()), lookup);
    expect(problems).toEqual([
      {
        code: 'input.required',
        path: `flow.${reqId}.config.transform.in.${hookId}.out.url`,
        componentId: reqId,
        message: 'the mapping from "Order arrives.out" to "Charge card.in" gives no value to the required field "url"',
      },
    ]);
    expect(problems[0]?.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('falls back to the type\'s label when a label is empty', () => {
    const input = labelled();
    input[reqId] = { ...input[reqId], type: REQUEST, label: '  ' };
    expect(validateFlow(flow(input), lookup)[0]?.message).toContain('to "HTTP request.in"');
  });
});

describe('componentNames', () => {
  it('tells apart components that share a label, by type when the types differ, else by order', () => {
    const names = componentNames(
      {
        a: { type: 'weft.utils.transform.Set', label: 'Set' },
        b: { type: 'weft.utils.transform.Set', label: 'Set' },
        c: { type: 'weft.utils.http.Request', label: 'Save' },
        d: { type: 'weft.utils.debug.Log', label: 'Save' },
        e: { type: 'weft.utils.debug.Log', label: '' },
      },
      (type) => lookup(type)?.label,
    );
    expect(Object.fromEntries(names)).toEqual({ a: 'Set (1st)', b: 'Set (2nd)', c: 'Save (HTTP request)', d: 'Save (Log)', e: 'Log' });
  });
});
