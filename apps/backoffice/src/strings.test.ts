import { describe, expect, it } from 'vitest';
import { createTranslate, missingTranslations, placeholderMismatches } from '@weft/ui-kit';
import { catalogues } from './strings.ts';

/** The Backoffice's source, read as text by Vite at test time (tests left out). */
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });

/** Every `t('key')` with a literal key (keys built at run time, like `audit.col.${column}`, are left out). */
const literalKeys = () => [...new Set(Object.values(sources).flatMap((text) => [...text.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1]!)))];

describe('the Backoffice strings', () => {
  it('has Czech for every English key', () => {
    expect(missingTranslations(catalogues, 'cs')).toEqual([]);
    expect(Object.keys(catalogues.cs ?? {}).length).toBeGreaterThan(250);
  });

  it('keeps every placeholder of the English text in the Czech', () => {
    expect(placeholderMismatches(catalogues)).toEqual([]);
  });

  it('has English for every key a page asks for by name', () => {
    const keys = literalKeys();
    expect(keys.length).toBeGreaterThan(100);
    const english = catalogues.en ?? {};
    expect(keys.filter((key) => !(key in english) && !key.startsWith('common.'))).toEqual([]);
  });

  it('speaks Czech on every page when the locale is cs', () => {
    const cs = createTranslate({ locale: 'cs', catalogues });
    expect(['nav.modifiers', 'nav.messages', 'nav.users', 'nav.tenants', 'nav.settings', 'nav.hostKeys', 'nav.connectors', 'nav.audit'].map((key) => cs(key)))
      .toEqual(['Modifikátory', 'Nezpracované zprávy', 'Uživatelé', 'Tenanti', 'Nastavení', 'Klíče hostitele', 'Konektory', 'Auditní záznam']);
    expect(cs('users.disableTitle', { email: 'ann@acme.test' })).toBe('Zablokovat ann@acme.test?');
  });
});
