import { describe, expect, it } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


describe('when encoding text as base64', () => {
  it('encodes UTF-8 and round-trips unicode', async () => {
    expect(await apply('žluťoučký 🐴', 'base64Encode')).toBe('xb5sdcWlb3XEjWvDvSDwn5C0');
    expect(await apply('žluťoučký 🐴', 'base64Encode | base64Decode')).toBe('žluťoučký 🐴');
    expect(await apply('a', 'base64Encode')).toBe('YQ==');
    expect(await apply('ab', 'base64Encode')).toBe('YWI=');
  });

  it('decodes URL-safe and unpadded base64', async () => {
    expect(await apply('8J-QtA', 'base64Decode')).toBe('🐴');
    expect(await apply('YWI', 'base64Decode')).toBe('ab');
  });

  it('treats null as empty text and refuses text that is not base64', async () => {
    expect(await apply(null, 'base64Encode')).toBe('');
    expect(await apply(undefined, 'base64Decode')).toBe('');
    expect(await apply(42, 'base64Encode')).toBe('NDI=');
    expect(await evaluate('no way!', 'base64Decode')).toMatchObject({ ok: false, error: { code: 'modifier.failed', message: 'base64Decode: the text is not valid base64' } });
  });

  it('replaces bytes that are not UTF-8 rather than failing', async () => {
    expect(await apply('/w==', 'base64Decode')).toBe('\ufffd');
  });
});

describe('when encoding text for URLs and HTML', () => {
  it('round-trips unicode and reserved characters', async () => {
    expect(await apply('žluť ?&=/🐴', 'urlEncode')).toBe('%C5%BElu%C5%A5%20%3F%26%3D%2F%F0%9F%90%B4');
    expect(await apply('žluť ?&=/🐴', 'urlEncode | urlDecode')).toBe('žluť ?&=/🐴');
    expect(await apply(null, 'urlEncode')).toBe('');
  });

  it('refuses broken escapes', async () => {
    expect(await evaluate('%E0%A4%A', 'urlDecode')).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
  });

  it('escapes HTML and leaves other text alone', async () => {
    expect(await apply('žluť', 'htmlEscape')).toBe('žluť');
    expect(await apply(null, 'htmlEscape')).toBe('');
  });
});
