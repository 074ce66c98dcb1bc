import { describe, expect, it } from 'vitest';
import { evaluateLambda, evaluateTemplate, findVariables, MAX_ARGUMENT_DEPTH, MAX_LAMBDA_DEPTH, MAX_PATH_STEPS, parseTemplate } from './index.ts';

/** `[[[…]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

const DEEP = 200_000;

describe('when a lambda nests too deep', () => {
  it('reports variable.too_deep where it goes too deep, instead of overflowing the stack', async () => {
    const lambda = { ok: '{{{$.a.out}}}', x: nested(DEEP) };
    const found = findVariables(lambda);
    expect(found.refs.map((ref) => ref.at)).toEqual(['ok']);
    expect(found.errors).toEqual([{ code: 'variable.too_deep', message: `the mapping nests arrays and objects more than ${MAX_LAMBDA_DEPTH} levels deep`, at: `x${'.0'.repeat(MAX_LAMBDA_DEPTH - 1)}` }]);
    expect(await evaluateLambda(lambda, { a: { out: 1 } })).toMatchObject({ ok: false, error: { code: 'variable.too_deep', at: `x${'.0'.repeat(MAX_LAMBDA_DEPTH - 1)}` } });
  });

  it('still walks a lambda exactly as deep as the limit', async () => {
    const lambda = { x: nested(MAX_LAMBDA_DEPTH - 1) };
    expect(findVariables(lambda).errors).toEqual([]);
    expect(await evaluateLambda(lambda, {})).toEqual({ ok: true, value: lambda });
  });
});

describe('when a template nests too deep', () => {
  it('refuses modifier arguments nested deeper than the limit', () => {
    const deepArgs = `{{{$.a.out | default(${'['.repeat(DEEP)}${']'.repeat(DEEP)})}}}`;
    expect(parseTemplate(deepArgs)).toMatchObject({ ok: false, error: { code: 'variable.too_deep', modifier: 'default', message: expect.stringContaining(`${MAX_ARGUMENT_DEPTH} levels`) } });
    const fine = `{{{$.a.out | default(${'['.repeat(MAX_ARGUMENT_DEPTH)}${']'.repeat(MAX_ARGUMENT_DEPTH)})}}}`;
    expect(parseTemplate(fine).ok).toBe(true);
  });

  it('refuses a path with more steps than the limit, such as 100,000 wildcards', async () => {
    const template = `{{{$.a.out${'[*]'.repeat(100_000)}}}}`;
    expect(parseTemplate(template)).toMatchObject({ ok: false, error: { code: 'variable.too_deep', message: `the path has more than ${MAX_PATH_STEPS} steps` } });
    expect(await evaluateTemplate(`{{{$.a.out | get("${'[*]'.repeat(100_000)}")}}}`, { a: { out: [] } })).toMatchObject({ ok: false });
  });
});

describe('when a value met while evaluating nests too deep', () => {
  const scope = { a: { out: { text: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}` } } };

  it('a modifier that stringifies it fails with variable.too_deep, not a RangeError', async () => {
    const result = await evaluateTemplate('{{{$.a.out.text | jsonParse | jsonStringify}}}', scope);
    expect(result).toEqual({ ok: false, error: { code: 'variable.too_deep', message: 'jsonStringify: the value is nested too deeply to work on', at: 0, modifier: 'jsonStringify' } });
  });

  it('writing it into text fails with variable.too_deep, not a RangeError', async () => {
    const result = await evaluateTemplate('x {{{$.a.out.text | jsonParse}}}', scope);
    expect(result).toMatchObject({ ok: false, error: { code: 'variable.too_deep', at: 2 } });
  });
});
