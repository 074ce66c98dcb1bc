import { createTranslate, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { designerCatalogues } from './designer-strings.ts';

describe('designer strings', () => {
  it('keeps every placeholder of the English text in each translation', () => {
    expect(placeholderMismatches(designerCatalogues)).toEqual([]);
  });
  it('counts components in the plural form of the locale', () => {
    const en = createTranslate({ catalogues: designerCatalogues });
    expect([1, 3].map((count) => en('designer.announce.deleted', { count }))).toEqual(['Deleted 1 component', 'Deleted 3 components']);
    const cs = createTranslate({ locale: 'cs', catalogues: designerCatalogues });
    expect([1, 3, 5].map((count) => cs('designer.announce.deleted', { count }))).toEqual([
      'Smazána 1 komponenta',
      'Smazány 3 komponenty',
      'Smazáno 5 komponent',
    ]);
  });
});
