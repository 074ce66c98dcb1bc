import { createTranslate, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { flowManagerStrings } from './strings.ts';

describe('flow manager strings', () => {
  it('translates every English key into Czech, keeping its placeholders', () => {
    const czech = Object.keys(flowManagerStrings.cs ?? {});
    expect(Object.keys(flowManagerStrings.en ?? {}).filter((key) => !key.endsWith('.one') && !czech.includes(key))).toEqual([]);
    expect(placeholderMismatches(flowManagerStrings)).toEqual([]);
  });
  it('says "1 flow", not "1 flows"', () => {
    const t = createTranslate({ catalogues: flowManagerStrings });
    expect([1, 2].map((count) => t('flowManager.count', { count }))).toEqual(['1 flow', '2 flows']);
  });
});
