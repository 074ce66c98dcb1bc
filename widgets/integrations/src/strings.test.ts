import { missingTranslations, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { integrationsStrings } from './strings.ts';

describe('integrations strings', () => {
  it('translates every English key into Czech, keeping its placeholders', () => {
    expect(missingTranslations(integrationsStrings, 'cs')).toEqual([]);
    expect(placeholderMismatches(integrationsStrings)).toEqual([]);
  });
});
