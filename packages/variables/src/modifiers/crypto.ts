/** @module Crypto modifiers: digests of text (UTF-8) and random ids. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { md5Hex } from '../digest/md5.ts';
import { sha256Hex } from '../digest/sha256.ts';
import { encodeUtf8 } from '../encoding/utf8.ts';
import { toText } from './value-coercion.ts';

/** The part of WebCrypto we use; declared here because the package compiles without DOM types. */
interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: (array: Uint8Array) => Uint8Array;
}

export const cryptoModifiers: readonly ModifierDefinition[] = [
  {
    name: 'md5',
    label: 'MD5',
    category: 'crypto',
    description: 'The MD5 checksum of text as hex. For compatibility with other systems only: MD5 is not secure.',
    args: [],
    examples: [{ input: 'abc', args: [], output: '900150983cd24fb0d6963f7d28e17f72' }],
    run: (value) => md5Hex(encodeUtf8(toText(value))),
  },
  {
    name: 'sha256',
    label: 'SHA-256',
    category: 'crypto',
    description: 'The SHA-256 hash of text as hex.',
    args: [],
    examples: [{ input: 'abc', args: [], output: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' }],
    run: (value) => sha256Hex(encodeUtf8(toText(value))),
  },
  {
    name: 'uuid',
    label: 'Random UUID',
    category: 'crypto',
    description: 'A new random UUID (version 4). The value it is applied to is ignored.',
    args: [],
    examples: [{ input: null, args: [], output: '3b241101-e2bb-4255-8caf-4136c566a962' }],
    run: () => randomUuid(),
  },
];

function randomUuid(): string {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (source?.randomUUID) return source.randomUUID();
  const bytes = new Uint8Array(16);
  if (source?.getRandomValues) source.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
