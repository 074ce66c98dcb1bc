import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../index.ts';

async function apply(input: unknown, call: string): Promise<unknown> {
  const result = await evaluateTemplate(`{{{$.a.out | ${call}}}}`, { a: { out: input } });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('when text modifiers meet unicode', () => {
  const horse = 'žluťoučký 🐴';
  it('changes case, capitalizes and counts characters rather than UTF-16 units', async () => {
    expect(await apply(horse, 'upper')).toBe('ŽLUŤOUČKÝ 🐴');
    expect(await apply('ŽLUŤ', 'lower')).toBe('žluť');
    expect(await apply('ňuf', 'capitalize')).toBe('Ňuf');
    expect(await apply('ŽLUŤOUČKÝ kůň', 'titleCase')).toBe('Žluťoučký Kůň');
    expect(await apply(horse, 'length')).toBe(11);
    expect(await apply(horse, 'substring(10)')).toBe('🐴');
    expect(await apply(horse, 'truncate(4)')).toBe('žlu…');
    expect(await apply('🐴', 'padStart(3, "ž")')).toBe('žž🐴');
    expect(await apply('🐴🐴', 'split("")')).toEqual(['🐴', '🐴']);
    expect(await apply(horse, 'slugify')).toBe('zlutoucky');
  });
});

describe('when text modifiers get something that is not text', () => {
  it('stringifies numbers and booleans', async () => {
    expect(await apply(12.5, 'upper')).toBe('12.5');
    expect(await apply(true, 'capitalize')).toBe('True');
    expect(await apply(7, 'padStart(3, "0")')).toBe('007');
    expect(await apply(12345, 'length')).toBe(5);
    expect(await apply({ a: 1 }, 'toString')).toBe('{"a":1}');
  });

  it('treats null and missing values as empty text', async () => {
    for (const empty of [null, undefined]) {
      expect(await apply(empty, 'upper')).toBe('');
      expect(await apply(empty, 'trim')).toBe('');
      expect(await apply(empty, 'capitalize')).toBe('');
      expect(await apply(empty, 'length')).toBe(0);
      expect(await apply(empty, 'split(",")')).toEqual([]);
      expect(await apply(empty, 'toString')).toBe('');
      expect(await apply(empty, 'startsWith("a")')).toBe(false);
    }
  });
});

describe('when text modifiers hit edge cases', () => {
  it('replaces every occurrence, and nothing for an empty search', async () => {
    expect(await apply('a.b.c', 'replace(".")')).toBe('abc');
    expect(await apply('aaa', 'replace("", "x")')).toBe('aaa');
    expect(await apply('$1 $&', 'replace("$", "USD")')).toBe('USD1 USD&');
  });

  it('does not cut text that is already short enough', async () => {
    expect(await apply('abc', 'truncate(3)')).toBe('abc');
    expect(await apply('abcdef', 'truncate(4, "...")')).toBe('a...');
    expect(await apply('abcdef', 'padEnd(2)')).toBe('abcdef');
  });

  it('splits at a comma unless told otherwise and counts object keys', async () => {
    expect(await apply('a,b', 'split')).toEqual(['a', 'b']);
    expect(await apply({ a: 1, b: 2 }, 'length')).toBe(2);
    expect(await apply('x', 'endsWith("y")')).toBe(false);
    expect(await apply('  --  ', 'slugify')).toBe('');
  });
});
