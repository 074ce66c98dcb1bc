import { describe, expect, it } from 'vitest';
import { createTranslate } from './strings.ts';

const catalogues = { en: { 'flowManager.empty': 'No flows yet, {name}' }, cs: { 'flowManager.empty': 'Zatím žádné toky, {name}' } };

describe('strings', () => {
  it('interpolates {name} in the chosen locale', () => {
    expect(createTranslate({ locale: 'cs', catalogues })('flowManager.empty', { name: 'Ada' })).toBe('Zatím žádné toky, Ada');
  });
  it('lets the host override single strings and falls back to English, then to the key', () => {
    const t = createTranslate({ locale: 'de', catalogues, overrides: { 'common.cancel': 'Abbrechen' } });
    expect(t('common.cancel')).toBe('Abbrechen');
    expect(t('flowManager.empty', { name: 'Ada' })).toBe('No flows yet, Ada');
    expect(t('nope.missing')).toBe('nope.missing');
  });
  it('leaves unknown placeholders visible', () => {
    expect(createTranslate({ catalogues })('flowManager.empty')).toBe('No flows yet, {name}');
  });
});
