import { describe, expect, it } from 'vitest';
import { commonStrings, createTranslate, missingTranslations, placeholderMismatches } from './strings.ts';

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
  it('picks the plural form of the locale for a numeric count, the plain key being "other"', () => {
    const plural = {
      en: { 'x.records': '{count} records', 'x.records.one': '{count} record' },
      cs: { 'x.records': '{count} záznamů', 'x.records.one': '{count} záznam', 'x.records.few': '{count} záznamy' },
    };
    const en = createTranslate({ catalogues: plural });
    expect([0, 1, 2, 5].map((count) => en('x.records', { count }))).toEqual(['0 records', '1 record', '2 records', '5 records']);
    const cs = createTranslate({ locale: 'cs', catalogues: plural });
    expect([1, 3, 5, 1.5].map((count) => cs('x.records', { count }))).toEqual(['1 záznam', '3 záznamy', '5 záznamů', '1.5 záznamů']);
  });
  it('keeps a host override of the plain key over a plural form further down', () => {
    const t = createTranslate({ catalogues: { en: { 'x.n': '{count} things', 'x.n.one': 'one thing' } }, overrides: { 'x.n': '{count} items' } });
    expect(t('x.n', { count: 1 })).toBe('1 items');
    expect(t('x.n', { count: '1' })).toBe('1 items');
  });
  it('finds translations that lose, add or misspell a placeholder', () => {
    expect(placeholderMismatches(commonStrings)).toEqual([]);
    const found = placeholderMismatches({
      en: { a: 'Page {page} of {pages}', b: '{count} rows', c: 'ok' },
      cs: { a: 'Strana {page} z {pagez}', b: 'Řádky', 'b.one': 'jeden řádek', 'b.few': '{count} řádky', c: 'ok {name}', d: 'navíc' },
    });
    expect(found).toEqual(['cs:a', 'cs:b', 'cs:c', 'cs:d has no English text']);
  });
  it('lists the English keys a locale lacks, plural forms apart', () => {
    expect(missingTranslations(commonStrings, 'cs')).toEqual([]);
    expect(missingTranslations({ en: { a: 'A', 'a.one': 'one A', b: 'B' }, cs: { a: 'Á' } }, 'cs')).toEqual(['b']);
  });
});
