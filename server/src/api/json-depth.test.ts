import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-depth.ts';

/** The scan as it was first written, a character at a time: the answer the faster scan must give. */
function oneCharAtATime(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i += 1;
      else if (ch === 34) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 91 || ch === 123) {
      depth += 1;
      if (depth > max) return true;
    } else if (ch === 93 || ch === 125) {
      depth -= 1;
    }
  }
  return false;
}

describe('the depth of a JSON text', () => {
  it('does not count brackets in strings, escaped quotes and backslashes included', () => {
    expect(jsonDepthExceeds(String.raw`{"a":"[[[[\"[[[[","b":[1]}`, 2)).toBe(false);
    expect(jsonDepthExceeds(String.raw`{"a":"x\\","b":[[1]]}`, 2)).toBe(true);
    expect(jsonDepthExceeds(String.raw`{"a":"x\\\"[[[","b":[1]}`, 2)).toBe(false);
    // A string that never ends: nothing after its quote counts.
    expect(jsonDepthExceeds(`{"a":"[[[[[[[[[[`, 2)).toBe(false);
    expect(jsonDepthExceeds(`[[[{"a":1}]]]`, 3)).toBe(true);
  });

  it('answers as a scan of one character at a time does, for any text', () => {
    // Texts made of the characters that matter, with a fixed seed: the same cases on every run.
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['[', ']', '{', '}', '"', '\\', 'a', ',', ':', '"', '\\'];
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(random() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const max = Math.floor(random() * 5);
      expect(jsonDepthExceeds(text, max), `${JSON.stringify(text)} past ${max}`).toBe(oneCharAtATime(text, max));
    }
  });
});
