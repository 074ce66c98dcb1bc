import { describe, expect, it, vi } from 'vitest';
import { descriptorJson, parseDescriptorJson, REUSE_PARSED_ABOVE } from './descriptor-json.ts';

/** A descriptor-like text of at least `chars` characters, told apart by `tag`. */
const bigText = (tag: string, chars = REUSE_PARSED_ABOVE) => JSON.stringify({ [tag]: { type: 'weft.utils.transform.Set', note: 'x'.repeat(chars) } });

describe('parseDescriptorJson', () => {
  it('parses a big text once while it is recent: the same text read again is the same object, its text known', () => {
    const text = bigText('a');
    const parse = vi.spyOn(JSON, 'parse');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const first = parseDescriptorJson(text);
      // Another string with the same characters (as a second read of the same row gives).
      const second = parseDescriptorJson(` ${text}`.slice(1));
      expect(second).toBe(first);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(descriptorJson(first)).toBe(text);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
      stringify.mockRestore();
    }
    expect(parseDescriptorJson(text)).toEqual(JSON.parse(text));
  });

  it('parses a small text each time, and forgets the least recently used big texts beyond its budget', () => {
    const small = JSON.stringify({ a: { type: 'weft.utils.transform.Set' } });
    expect(parseDescriptorJson(small)).not.toBe(parseDescriptorJson(small));
    expect(parseDescriptorJson(small)).toEqual(JSON.parse(small));

    const kept = bigText('kept');
    const dropped = bigText('dropped');
    const keptValue = parseDescriptorJson(kept);
    const droppedValue = parseDescriptorJson(dropped);
    // 8 MB of other big texts, `kept` read again half way: the budget (4 MB) drops `dropped`, not `kept`.
    for (let i = 0; i < 128; i++) {
      parseDescriptorJson(bigText(`other${i}`));
      if (i % 16 === 0) expect(parseDescriptorJson(kept)).toBe(keptValue);
    }
    expect(parseDescriptorJson(kept)).toBe(keptValue);
    const again = parseDescriptorJson(dropped);
    expect(again).not.toBe(droppedValue);
    expect(again).toEqual(droppedValue);
  });

  it('freezes a shared descriptor all the way down: a change in place throws instead of reaching the other readers', () => {
    const text = bigText('frozen');
    const shared = parseDescriptorJson(text) as Record<string, { type: string; note: string }>;
    expect(() => { shared.frozen!.type = 'weft.utils.http.Request'; }).toThrow(TypeError);
    expect(() => { delete (shared as Record<string, unknown>).frozen; }).toThrow(TypeError);
    expect((parseDescriptorJson(text) as typeof shared).frozen!.type).toBe('weft.utils.transform.Set');
  });
});
