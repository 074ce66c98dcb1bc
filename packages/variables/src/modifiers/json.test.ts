import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


describe('when reading and writing JSON', () => {
  it('parses JSON text and passes values that are already parsed', async () => {
    expect(await apply('{"name":"žluť 🐴","n":[1,null]}', 'jsonParse')).toEqual({ name: 'žluť 🐴', n: [1, null] });
    expect(await apply('"x"', 'jsonParse')).toBe('x');
    expect(await apply({ a: 1 }, 'jsonParse')).toEqual({ a: 1 });
    expect(await apply('  ', 'jsonParse | default("none")')).toBe('none');
    expect(await apply(null, 'jsonParse')).toBeNull();
  });

  it('fails clearly on broken JSON', async () => {
    const result = await evaluate('{"a":', 'jsonParse');
    expect(result).toMatchObject({ ok: false, error: { code: 'modifier.failed', message: expect.stringContaining('jsonParse: the text "{\\"a\\":" is not valid JSON') } });
  });

  it('writes JSON, keeping unicode and leaving a missing value missing', async () => {
    expect(await apply({ t: 'žluť 🐴' }, 'jsonStringify')).toBe('{"t":"žluť 🐴"}');
    expect(await apply(null, 'jsonStringify')).toBe('null');
    expect(await apply(undefined, 'jsonStringify')).toBeUndefined();
    expect(await apply([1, 2], 'jsonStringify | jsonParse')).toEqual([1, 2]);
  });
});
