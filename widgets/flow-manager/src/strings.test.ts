import { createTranslate, missingTranslations, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { flowManagerStrings } from './strings.ts';

describe('flow manager strings', () => {
  it('translates every English key into Czech, keeping its placeholders', () => {
    expect(missingTranslations(flowManagerStrings, 'cs')).toEqual([]);
    expect(placeholderMismatches(flowManagerStrings)).toEqual([]);
  });
  it('says "1 flow", not "1 flows"', () => {
    const t = createTranslate({ catalogues: flowManagerStrings });
    expect([1, 2].map((count) => t('flowManager.count', { count }))).toEqual(['1 flow', '2 flows']);
  });
});
