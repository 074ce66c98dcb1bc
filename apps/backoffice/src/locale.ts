/**
 * @module Backoffice locale: the language of every page. `?lang=cs` (or `en`) in the address wins,
 * so an operator can switch without changing the browser; else the browser's first language the
 * Backoffice has (as the Studio reads `navigator.language`); else English.
 */

export const BACKOFFICE_LOCALES = ['en', 'cs'] as const;
export type BackofficeLocale = (typeof BACKOFFICE_LOCALES)[number];

const supported = (tag: string | null | undefined): BackofficeLocale | undefined => {
  const base = tag?.trim().toLowerCase().split('-')[0];
  return BACKOFFICE_LOCALES.find((locale) => locale === base);
};

/** `search` is `location.search`; `languages` the browser's, most preferred first. */
export function chooseLocale(search: string, languages: readonly string[]): BackofficeLocale {
  const asked = supported(new URLSearchParams(search).get('lang'));
  return asked ?? languages.map(supported).find((locale) => locale !== undefined) ?? 'en';
}

/** The page's locale, read once when the Backoffice starts (outside a browser: English). */
export function pageLocale(): BackofficeLocale {
  if (typeof location === 'undefined' || typeof navigator === 'undefined') return 'en';
  return chooseLocale(location.search, navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}
