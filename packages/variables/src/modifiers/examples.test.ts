import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtinModifiers, createModifierRegistry, evaluateTemplate } from '../index.ts';

/** Every documented example must hold when written as a placeholder, so the catalogue the designer shows never lies. */
describe('when a modifier is used as its documentation shows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-05-01T12:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const cases = builtinModifiers.flatMap((def) => def.examples.map((example) => ({ name: def.name, ...example })));

  it.each(cases)('$name($args) turns $input into $output', async ({ name, input, args, output }) => {
    const call = args.length === 0 ? name : `${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
    const result = await evaluateTemplate(`{{{$.a1.out | ${call}}}}`, { a1: { out: input } });
    if (name === 'uuid') {
      expect(result).toMatchObject({ ok: true, value: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
      return;
    }
    expect(result).toEqual({ ok: true, value: output });
  });
});

describe('the built-in catalogue', () => {
  it('has at least 45 modifiers with unique names, a description, typed args and an example each', () => {
    expect(builtinModifiers.length).toBeGreaterThanOrEqual(45);
    expect(new Set(builtinModifiers.map((def) => def.name)).size).toBe(builtinModifiers.length);
    for (const def of builtinModifiers) {
      expect(def.description.length, def.name).toBeGreaterThan(10);
      expect(def.examples.length, def.name).toBeGreaterThan(0);
      expect(def.label, def.name).not.toBe('');
    }
  });

  it('includes everything the designer promises', () => {
    const registry = createModifierRegistry();
    const promised = 'upper lower trim capitalize replace substring padStart split length default toNumber toString toBoolean round floor ceil abs add subtract multiply divide mod min max dateFormat dateAdd now toTimestamp get keys values pick omit merge join first last slice reverse sort unique flatten map filter sum count includes isEmpty equals ifElse not base64Encode base64Decode urlEncode urlDecode md5 sha256 jsonParse jsonStringify uuid';
    for (const name of promised.split(' ')) expect(registry.has(name), name).toBe(true);
  });
});
