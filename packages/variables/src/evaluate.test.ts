import { describe, expect, it } from 'vitest';
import { createModifierRegistry, evaluateLambda, evaluateLambdaSync, evaluateTemplate, type Scope } from './index.ts';

const scope: Scope = {
  a1: {
    out: {
      name: '  Ann  ',
      age: 42,
      vip: true,
      nothing: null,
      address: { city: 'Brno' },
      items: [
        { id: 'x', price: 10 },
        { id: 'y', price: 5 },
      ],
    },
  },
  b2: { res: 'žluťoučký 🐴' },
};

describe('when a placeholder is the whole value', () => {
  it.each([
    ['{{{$.a1.out.age}}}', 42],
    ['{{{$.a1.out.vip}}}', true],
    ['{{{$.a1.out.nothing}}}', null],
    ['{{{$.a1.out.address}}}', { city: 'Brno' }],
    ['{{{$.a1.out.items[*].id}}}', ['x', 'y']],
    ['{{{$.a1.out.items[*].price | sum}}}', 15],
    ['{{{$.a1.out.missing}}}', undefined],
  ])('%s keeps its type', async (template, expected) => {
    expect(await evaluateTemplate(template, scope)).toEqual({ ok: true, value: expected });
  });

  it('gives the whole output for an empty path', async () => {
    expect(await evaluateTemplate('{{{$.b2.res}}}', scope)).toEqual({ ok: true, value: 'žluťoučký 🐴' });
  });
});

describe('when a placeholder sits inside longer text', () => {
  it('stringifies numbers, booleans, objects and lists, and leaves null and missing values empty', async () => {
    const result = await evaluateTemplate(
      'age={{{$.a1.out.age}}} vip={{{$.a1.out.vip}}} addr={{{$.a1.out.address}}} ids={{{$.a1.out.items[*].id}}} n=[{{{$.a1.out.nothing}}}] m=[{{{$.zz.out.x}}}]',
      scope,
    );
    expect(result).toEqual({ ok: true, value: 'age=42 vip=true addr={"city":"Brno"} ids=["x","y"] n=[] m=[]' });
  });

  it('treats whitespace around a placeholder as text', async () => {
    expect(await evaluateTemplate(' {{{$.a1.out.age}}}', scope)).toEqual({ ok: true, value: ' 42' });
  });
});

describe('when modifiers are chained', () => {
  it('applies them in order', async () => {
    expect(await evaluateTemplate('{{{$.a1.out.name | trim | upper}}}!', scope)).toEqual({ ok: true, value: 'ANN!' });
  });

  it('lets default fill in a missing path', async () => {
    expect(await evaluateTemplate('{{{$.a1.out.phone | trim | default("n/a")}}}', scope)).toEqual({ ok: true, value: 'n/a' });
    expect(await evaluateTemplate('{{{$.nobody.out.phone | default(0)}}}', scope)).toEqual({ ok: true, value: 0 });
  });

  it('reports an unknown modifier with its name and the placeholder offset', async () => {
    expect(await evaluateTemplate('x {{{$.a1.out.age | shout}}}', scope)).toEqual({
      ok: false,
      error: { code: 'modifier.unknown', message: 'there is no modifier called "shout"', at: 2, modifier: 'shout' },
    });
  });

  it('reports a modifier that throws as modifier.failed with a clear message', async () => {
    const result = await evaluateTemplate('{{{$.a1.out.name | add(1)}}}', scope);
    expect(result).toMatchObject({ ok: false, error: { code: 'modifier.failed', modifier: 'add' } });
    expect(!result.ok && result.error.message).toContain('expected the value to be a number, got the text "  Ann  "');
  });

  it('reports missing, extra and wrongly typed arguments as modifier.bad_args', async () => {
    for (const call of ['replace', 'trim(1)', 'round("2")', 'merge([1])']) {
      const result = await evaluateTemplate(`{{{$.a1.out.age | ${call}}}}`, scope);
      expect(result, call).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
    }
  });

  it('awaits an asynchronous custom modifier', async () => {
    const registry = createModifierRegistry();
    registry.register({
      name: 'later',
      label: 'Later',
      category: 'custom',
      description: 'Resolves asynchronously.',
      args: [],
      examples: [{ input: 1, args: [], output: 2 }],
      run: async (value) => (value as number) + 1,
    });
    expect(await evaluateTemplate('{{{$.a1.out.age | later}}}', scope, registry)).toEqual({ ok: true, value: 43 });
  });
});

describe('when a lambda is evaluated', () => {
  it('evaluates every string in nested objects and lists and keeps other values', async () => {
    const result = await evaluateLambda(
      { to: '{{{$.a1.out.name | trim}}}', body: { total: '{{{$.a1.out.items[*].price | sum}}}', lines: ['{{{$.a1.out.items[0].id}}}', 3, null] }, fixed: true },
      scope,
    );
    expect(result).toEqual({ ok: true, value: { to: 'Ann', body: { total: 15, lines: ['x', 3, null] }, fixed: true } });
  });

  it('says where in the lambda an error happened', async () => {
    const result = await evaluateLambda({ body: { items: ['ok', '{{{$.a1.out | nope}}}'] } }, scope);
    expect(result).toEqual({ ok: false, error: { code: 'modifier.unknown', message: 'there is no modifier called "nope"', modifier: 'nope', at: 'body.items.1', offset: 0 } });
  });

  it('reports a malformed placeholder with its lambda path', async () => {
    expect(await evaluateLambda({ a: 'x {{{$.a1' }, scope)).toMatchObject({ ok: false, error: { code: 'variable.malformed', at: 'a', offset: 2 } });
  });
});

describe('when a lambda is evaluated without awaiting (evaluateLambdaSync)', () => {
  const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
  it.each([
    ['values and placeholders', { to: '{{{$.a1.out.name | trim}}}', body: { total: '{{{$.a1.out.items[*].price | sum}}}', lines: ['{{{$.a1.out.items[0].id}}}', 3, null] }, fixed: true }],
    ['text around placeholders', { line: 'Hi {{{$.a1.out.name | trim | upper}}}, {{{$.a1.out.age}}} / {{{$.a1.out.address}}} / {{{$.a1.out.nothing}}}.' }],
    ['a whole lambda that is one placeholder', '{{{$.a1.out}}}'],
    ['a missing output', { n: '{{{$.nobody.out.x | default(0)}}}' }],
    ['an unknown modifier', { body: { items: ['ok', '{{{$.a1.out | nope}}}'] } }],
    ['wrong arguments', ['{{{$.a1.out.age | round("2")}}}']],
    ['a modifier that throws', { a: { b: 'x {{{$.a1.out.name | add(1)}}}' } }],
    ['a malformed placeholder', { a: 'x {{{$.a1' }],
    ['a lambda nested too deeply', deep(40)],
    ['keys that look like indexes, in their order', { 2: '{{{$.a1.out.age}}}', b: 1, 1: 'y' }],
  ])('gives what evaluateLambda gives: %s', async (_, lambda) => {
    expect(evaluateLambdaSync(lambda, scope)).toEqual(await evaluateLambda(lambda, scope));
  });

  it('stops before a custom modifier, unrun, so the caller evaluates the lambda with evaluateLambda', async () => {
    const registry = createModifierRegistry();
    let runs = 0;
    registry.register({
      name: 'later', label: 'Later', category: 'custom', description: 'Resolves asynchronously.', args: [],
      examples: [{ input: 1, args: [], output: 2 }],
      run: async (value) => {
        runs += 1;
        return (value as number) + 1;
      },
    });
    const lambda = { a: '{{{$.a1.out.age | upper}}}', b: ['{{{$.a1.out.age | later}}}'] };
    expect(evaluateLambdaSync(lambda, scope, registry)).toBeUndefined();
    expect(runs).toBe(0);
    expect(await evaluateLambda(lambda, scope, registry)).toEqual({ ok: true, value: { a: '42', b: [43] } });
    // Built-ins of that registry still evaluate without awaiting.
    expect(evaluateLambdaSync({ a: '{{{$.a1.out.name | trim}}}' }, scope, registry)).toEqual({ ok: true, value: { a: 'Ann' } });
  });
});

describe('when the same template is evaluated again', () => {
  it('reads the new scope each time and reports a malformed template each time', async () => {
    const template = 'Hi {{{$.a.out.name | upper}}}';
    expect(await evaluateTemplate(template, { a: { out: { name: 'ada' } } })).toEqual({ ok: true, value: 'Hi ADA' });
    expect(await evaluateTemplate(template, { a: { out: { name: 'bob' } } })).toEqual({ ok: true, value: 'Hi BOB' });
    for (let i = 0; i < 2; i++) {
      const broken = await evaluateTemplate('{{{$.a.out', {});
      expect(broken.ok).toBe(false);
    }
  });
});
