import { missingTranslations, placeholderMismatches } from '@weft/ui-kit';
import { describe, expect, it } from 'vitest';
import { accountsStrings } from './strings.ts';

describe('accounts strings', () => {
  it('translates every English key into Czech, keeping its placeholders', () => {
    expect(missingTranslations(accountsStrings, 'cs')).toEqual([]);
    expect(placeholderMismatches(accountsStrings)).toEqual([]);
  });
});
