import { createTranslate, missingTranslations, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { insightsStrings } from './strings.ts';

describe('insights strings', () => {
  it('translates every English key into Czech, keeping its placeholders', () => {
    expect(missingTranslations(insightsStrings, 'cs')).toEqual([]);
    expect(placeholderMismatches(insightsStrings)).toEqual([]);
  });
  it('counts records in the plural form of the locale', () => {
    const en = createTranslate({ catalogues: insightsStrings });
    expect([1, 2].map((count) => en('insights.records', { count }))).toEqual(['1 record', '2 records']);
    const cs = createTranslate({ locale: 'cs', catalogues: insightsStrings });
    expect([1, 3, 5].map((count) => cs('insights.correlationTitle', { id: 'c1', count }))).toEqual([
      'Korelace c1: 1 záznam',
      'Korelace c1: 3 záznamy, od nejstaršího',
      'Korelace c1: 5 záznamů, od nejstaršího',
    ]);
  });
});
