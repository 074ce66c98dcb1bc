/** @module Strings: the catalogue of user-visible text (English default, Czech), with `{name}` interpolation. */

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
  return (key, params) => {
    let text = key;
    for (const layer of layers) {
      const found = layer[key];
      if (found !== undefined) {
        text = found;
        break;
      }
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
