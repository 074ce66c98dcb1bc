import { describe, expect, it } from 'vitest';
import { parseTemplate, type TemplatePart } from './index.ts';

function variables(parts: TemplatePart[]) {
  return parts.flatMap((part) => (part.kind === 'variable' ? [part.ref] : []));
}

describe('when a template has no placeholders', () => {
  it('is one text part, and an empty template has no parts', () => {
    expect(parseTemplate('plain {{ text }} }}}')).toEqual({ ok: true, value: [{ kind: 'text', text: 'plain {{ text }} }}}' }] });
    expect(parseTemplate('')).toEqual({ ok: true, value: [] });
  });
});

describe('when a template holds placeholders', () => {
  it('splits text and variables and records where each placeholder starts and ends', () => {
    const result = parseTemplate('Hi {{{$.a1.out.name}}}!');
    expect(result).toEqual({
      ok: true,
      value: [
        { kind: 'text', text: 'Hi ' },
        { kind: 'variable', ref: { componentId: 'a1', port: 'out', path: [{ kind: 'key', key: 'name' }], modifiers: [], raw: '$.a1.out.name', start: 3, end: 22 } },
        { kind: 'text', text: '!' },
      ],
    });
  });

  it('reads an empty path as the whole output', () => {
    const result = parseTemplate('{{{$.webhook-1.out_2}}}');
    expect(result.ok && variables(result.value)[0]).toMatchObject({ componentId: 'webhook-1', port: 'out_2', path: [] });
  });

  it('reads keys, indexes, negative indexes, wildcards and quoted keys', () => {
    const result = parseTemplate(`{{{$.a.out.body.items[0].tags[*].name['key with spaces']["x.y"][-1]}}}`);
    expect(result.ok && variables(result.value)[0]?.path).toEqual([
      { kind: 'key', key: 'body' },
      { kind: 'key', key: 'items' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'tags' },
      { kind: 'wildcard' },
      { kind: 'key', key: 'name' },
      { kind: 'key', key: 'key with spaces' },
      { kind: 'key', key: 'x.y' },
      { kind: 'index', index: -1 },
    ]);
  });

  it('reads a chain of modifiers with JSON arguments, allowing spaces around them', () => {
    const result = parseTemplate('{{{ $.a.out.name | trim | replace("}}}", "|") | default({"a": [1, {"b": null}]}) | padStart(3, "0") }}}');
    expect(result.ok && variables(result.value)[0]?.modifiers).toEqual([
      { name: 'trim', args: [] },
      { name: 'replace', args: ['}}}', '|'] },
      { name: 'default', args: [{ a: [1, { b: null }] }] },
      { name: 'padStart', args: [3, '0'] },
    ]);
  });

  it('reads several placeholders in one text', () => {
    const result = parseTemplate('{{{$.a.out.x}}}-{{{$.b.res}}}');
    expect(result.ok && variables(result.value).map((ref) => [ref.componentId, ref.start, ref.end])).toEqual([
      ['a', 0, 15],
      ['b', 16, 29],
    ]);
  });

  it('keeps unicode in text and quoted keys', () => {
    const result = parseTemplate(`🐴 {{{$.a.out['žluťoučký kůň']}}}`);
    expect(result.ok && variables(result.value)[0]?.path).toEqual([{ kind: 'key', key: 'žluťoučký kůň' }]);
  });
});

describe('when a placeholder is malformed', () => {
  it.each([
    ['{{{$.a.out', 0, 'not closed'],
    ['ab {{{a.out}}}', 6, 'starts with "$."'],
    ['{{{$a.out}}}', 4, 'after "$"'],
    ['{{{$..out}}}', 5, 'component id'],
    ['{{{$.a}}}', 6, 'output port'],
    ['{{{$.a.}}}', 7, 'output port'],
    ['{{{$.a.out..x}}}', 11, 'key after'],
    ['{{{$.a.out[x]}}}', 11, 'an index'],
    ['{{{$.a.out[0}}}', 12, 'not closed with "]"'],
    ["{{{$.a.out['x]}}}", 0, 'not closed'],
    ['{{{$.a.out | }}}', 13, 'modifier name'],
    ['{{{$.a.out | 1up}}}', 13, 'modifier name'],
    ['{{{$.a.out | default(n/a)}}}', 21, 'not JSON literals'],
    ['{{{$.a.out | default("x"}}}', 0, 'not closed'],
    ['{{{$.a.out name}}}', 11, 'unexpected "n"'],
  ])('%s fails at offset %i', (template, at, message) => {
    const result = parseTemplate(template);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('variable.malformed');
    expect(result.error.at).toBe(at);
    expect(result.error.message).toContain(message);
  });

  it('names the modifier whose arguments are broken', () => {
    const result = parseTemplate('{{{$.a.out | round(two)}}}');
    expect(result).toMatchObject({ ok: false, error: { code: 'variable.malformed', modifier: 'round' } });
  });
});
