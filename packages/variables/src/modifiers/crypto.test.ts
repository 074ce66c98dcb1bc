import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../index.ts';

async function apply(input: unknown, call: string): Promise<unknown> {
  const result = await evaluateTemplate(`{{{$.a.out | ${call}}}}`, { a: { out: input } });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

// Reference digests computed with OpenSSL (node:crypto) for the same UTF-8 bytes.
describe('when hashing text', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
    ['žluťoučký 🐴', '754f151e279e9573945b1e6a59b2cf64', 'ef415cda060b892740f9fa52d7f9a9b951e99a6dd894a7df9bd69dd686d48dc4'],
    ['a'.repeat(1000), 'cabe45dcc9ae5b66ba86600cca6b8ba8', '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
    ['a'.repeat(56), '3b0c8ac703f828b04c6c197006d17218', 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
  ])('%j has the standard MD5 and SHA-256', async (text, md5, sha256) => {
    expect(await apply(text, 'md5')).toBe(md5);
    expect(await apply(text, 'sha256')).toBe(sha256);
  });

  it('hashes at the padding boundary of one block', async () => {
    expect(await apply('a'.repeat(55), 'sha256')).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
  });

  it('hashes null as empty text and numbers as their text', async () => {
    expect(await apply(null, 'md5')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(await apply(42, 'sha256')).toBe(await apply('42', 'sha256'));
  });
});

describe('when asking for a random id', () => {
  it('gives a different version 4 UUID each time', async () => {
    const first = await apply(null, 'uuid');
    const second = await apply(null, 'uuid');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first).not.toBe(second);
  });
});
