import { describe, expect, it } from 'vitest';
import { chooseLocale } from './locale.ts';

describe('the Backoffice locale', () => {
  it('follows ?lang= in the address first', () => {
    expect(chooseLocale('?lang=cs', ['en-US'])).toBe('cs');
    expect(chooseLocale('?lang=EN', ['cs-CZ'])).toBe('en');
  });

  it('else takes the browser\'s first language it has, else English', () => {
    expect(chooseLocale('', ['cs-CZ', 'en'])).toBe('cs');
    expect(chooseLocale('', ['de-DE', 'cs'])).toBe('cs');
    expect(chooseLocale('?lang=fr', ['de-DE', 'fr'])).toBe('en');
    expect(chooseLocale('', [])).toBe('en');
  });
});
