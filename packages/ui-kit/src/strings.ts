/**
 * @module Strings: the catalogue of user-visible text (English default, Czech), with `{name}`
 * interpolation and plural forms: when `params.count` is a number, `key.<category>` (the locale's
 * `Intl.PluralRules` category: zero, one, two, few, many) wins over `key`, which is the `other` form.
 * English needs `x.one` beside `x`; Czech `x.one`, `x.few` and `x` (5 and more, and fractions).
 */

export type Locale = 'en' | 'cs' | (string & {});
export type StringCatalogue = Record<string, string>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Per-locale catalogues; a widget passes its own and they are merged over the kit's common ones. */
export type Catalogues = Partial<Record<Locale, StringCatalogue>>;

export const commonStrings: Record<'en' | 'cs', StringCatalogue> = {
  en: {
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.cancel': 'Cancel',
    'common.confirm': 'Confirm',
    'common.close': 'Close',
    'common.save': 'Save',
    'common.delete': 'Delete',
    'common.error': 'Something went wrong',
    'common.copy': 'Copy',
    'common.copied': 'Copied',
    'common.previous': 'Previous',
    'common.next': 'Next',
    'common.pageOf': 'Page {page} of {pages}',
  },
  cs: {
    'common.loading': 'Načítání…',
    'common.retry': 'Zkusit znovu',
    'common.cancel': 'Zrušit',
    'common.confirm': 'Potvrdit',
    'common.close': 'Zavřít',
    'common.save': 'Uložit',
    'common.delete': 'Smazat',
    'common.error': 'Něco se pokazilo',
    'common.copy': 'Kopírovat',
    'common.copied': 'Zkopírováno',
    'common.previous': 'Předchozí',
    'common.next': 'Další',
    'common.pageOf': 'Strana {page} z {pages}',
  },
};

/**
 * Builds `t` for one locale: host overrides, then the widget's catalogue in the locale, then the
 * common one, then English; a missing key shows itself so it is noticed, not hidden.
 */
export function createTranslate(options: { locale?: Locale | undefined; catalogues?: Catalogues | undefined; overrides?: StringCatalogue | undefined }): Translate {
  const locale = options.locale ?? 'en';
  const base = locale.split('-')[0] ?? 'en';
  const layers: StringCatalogue[] = [
    options.overrides ?? {},
    options.catalogues?.[locale] ?? {},
    options.catalogues?.[base] ?? {},
    commonStrings[base as 'en' | 'cs'] ?? {},
    options.catalogues?.en ?? {},
    commonStrings.en,
  ];
  const plurals = pluralRules(locale);
  return (key, params) => {
    const count = params?.['count'];
    const category = typeof count === 'number' && plurals ? plurals.select(count) : 'other';
    // A plural form of the key in a layer beats the plain key of that layer, never a nearer layer's.
    const forms = category === 'other' ? [key] : [`${key}.${category}`, key];
    let text = key;
    search: for (const layer of layers) {
      for (const form of forms) {
        const found = layer[form];
        if (found !== undefined) {
          text = found;
          break search;
        }
      }
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

function pluralRules(locale: string): Intl.PluralRules | undefined {
  try {
    return new Intl.PluralRules(locale);
  } catch {
    // A locale tag Intl does not accept: plain keys only.
    return undefined;
  }
}

/**
 * Keys of a translation whose `{placeholders}` differ from the English text's (a plural form is
 * compared with its plain key's English text, and may drop `{count}` as "1 problem" does): for
 * tests, so that a translation never loses or misspells a value the code passes in.
 */
export function placeholderMismatches(catalogues: Catalogues): string[] {
  const english = catalogues.en ?? {};
  const names = (text: string, plural: boolean) =>
    [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => !plural || name !== 'count').sort().join(',');
  const mismatches: string[] = [];
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const [key, text] of Object.entries(catalogue ?? {})) {
      const plain = key.replace(/\.(zero|one|two|few|many)$/, '');
      const source = english[key] ?? english[plain];
      if (source === undefined) mismatches.push(`${locale}:${key} has no English text`);
      else if (names(source, plain !== key) !== names(text, plain !== key)) mismatches.push(`${locale}:${key}`);
    }
  }
  return mismatches;
}

/**
 * English keys a locale lacks, for tests; plural forms (`x.one`, …) are not required, since a
 * language may not have them or may say it in one form.
 */
export function missingTranslations(catalogues: Catalogues, locale: Locale): string[] {
  const translated = catalogues[locale] ?? {};
  return Object.keys(catalogues.en ?? {}).filter((key) => !/\.(zero|one|two|few|many)$/.test(key) && !(key in translated));
}
