/** @module Encoding modifiers: base64 (UTF-8 safe), URL components and HTML escaping. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { base64ToBytes, bytesToBase64 } from '../encoding/base64.ts';
import { decodeUtf8, encodeUtf8 } from '../encoding/utf8.ts';
import { toText } from './value-coercion.ts';

export const encodingModifiers: readonly ModifierDefinition[] = [
  {
    name: 'base64Encode',
    label: 'Base64 encode',
    category: 'encoding',
    description: 'Encodes text (as UTF-8) in base64.',
    args: [],
    examples: [{ input: 'kůň 🐴', args: [], output: 'a8WvxYgg8J+QtA==' }],
    run: (value) => bytesToBase64(encodeUtf8(toText(value))),
  },
  {
    name: 'base64Decode',
    label: 'Base64 decode',
    category: 'encoding',
    description: 'Decodes base64 (standard or URL-safe, padding optional) into UTF-8 text.',
    args: [],
    examples: [{ input: 'a8WvxYgg8J+QtA==', args: [], output: 'kůň 🐴' }],
    run: (value) => decodeUtf8(base64ToBytes(toText(value))),
  },
  {
    name: 'urlEncode',
    label: 'URL encode',
    category: 'encoding',
    description: 'Escapes text for use in a URL query value or path segment.',
    args: [],
    examples: [{ input: 'a b&c=ř', args: [], output: 'a%20b%26c%3D%C5%99' }],
    run: (value) => {
      try {
        return encodeURIComponent(toText(value));
      } catch {
        throw new Error('the text contains a broken unicode character and cannot be URL-encoded');
      }
    },
  },
  {
    name: 'urlDecode',
    label: 'URL decode',
    category: 'encoding',
    description: 'Turns %-escapes back into text; "+" is read as a space, as in form data.',
    args: [],
    examples: [{ input: 'a%20b+c%C5%99', args: [], output: 'a b cř' }],
    run: (value) => {
      try {
        return decodeURIComponent(toText(value).replace(/\+/g, ' '));
      } catch {
        throw new Error(`${JSON.stringify(toText(value))} is not valid URL-encoded text`);
      }
    },
  },
  {
    name: 'htmlEscape',
    label: 'HTML escape',
    category: 'encoding',
    description: 'Escapes &, <, >, " and \' so text can be put into HTML safely.',
    args: [],
    examples: [{ input: '<b>"Tom" & Jerry\'s</b>', args: [], output: '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;' }],
    run: (value) =>
      toText(value).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char),
  },
];
