import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


const contact = { name: 'Žofie', email: 'z@x.cz', tags: ['a', 'b'], 'home town': 'Brno' };

describe('when reading and reshaping objects', () => {
  it('gets fields by path, including indexes, wildcards and quoted keys', async () => {
    expect(await apply(contact, 'get("tags[1]")')).toBe('b');
    expect(await apply(contact, `get("['home town']")`)).toBe('Brno');
    expect(await apply([{ a: 1 }, { a: 2 }], 'get("[*].a")')).toEqual([1, 2]);
    expect(await apply(contact, 'get("missing.deeper") | default("-")')).toBe('-');
    expect(await apply(null, 'get("a")')).toBeUndefined();
  });

  it('lists keys, values and entries', async () => {
    expect(await apply(contact, 'keys')).toEqual(['name', 'email', 'tags', 'home town']);
    expect(await apply({ x: null }, 'values')).toEqual([null]);
    expect(await apply(null, 'keys')).toEqual([]);
    expect(await apply(undefined, 'entries')).toEqual([]);
  });

  it('picks and omits one field or several', async () => {
    expect(await apply(contact, 'pick("name")')).toEqual({ name: 'Žofie' });
    expect(await apply(contact, 'omit(["tags", "home town", "nope"])')).toEqual({ name: 'Žofie', email: 'z@x.cz' });
    expect(await apply(null, 'pick("a")')).toEqual({});
    expect(await evaluate(contact, 'pick([1])')).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
  });

  it('merges the top level, the other object winning', async () => {
    expect(await apply({ a: { x: 1 } }, 'merge({"a": {"y": 2}})')).toEqual({ a: { y: 2 } });
    expect(await apply(null, 'merge({"a": 1})')).toEqual({ a: 1 });
  });

  it('fails clearly when the value is not an object', async () => {
    for (const call of ['keys', 'values', 'pick("a")', 'omit("a")', 'merge({})']) {
      expect(await evaluate('text', call), call).toMatchObject({ ok: false, error: { code: 'modifier.failed', message: expect.stringContaining('expected an object') } });
      expect(await evaluate([1], call), call).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
    }
  });
});
