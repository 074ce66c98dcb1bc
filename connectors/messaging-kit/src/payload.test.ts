import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, readFormatOf, writeFormatOf } from './payload.ts';

describe('message payloads', () => {
  it('round-trip JSON, text and base64', () => {
    expect(decodePayload(encodePayload({ id: 7, tags: ['a'] }, 'json'), 'json')).toEqual({ ok: true, value: { id: 7, tags: ['a'] } });
    expect(decodePayload(encodePayload('héllo', 'text'), 'text')).toEqual({ ok: true, value: 'héllo' });
    expect(decodePayload(encodePayload('AAEC/w==', 'base64'), 'base64')).toEqual({ ok: true, value: 'AAEC/w==' });
  });

  it('read a body that is not JSON as text in auto, and refuse it in json with a reason', () => {
    const bytes = encodePayload('plain words', 'text');
    expect(decodePayload(bytes, 'auto')).toEqual({ ok: true, value: 'plain words' });
    const refused = decodePayload(bytes, 'json');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toContain('not JSON');
  });

  it('refuses to send as base64 what is not base64 text', () => {
    expect(() => encodePayload('not base64!', 'base64')).toThrow('base64 text');
    expect(() => encodePayload({ a: 1 }, 'base64')).toThrow('base64 text');
  });

  it('reads the format properties, with their defaults, and refuses any other value in words', () => {
    expect(readFormatOf(undefined)).toBe('auto');
    expect(readFormatOf('base64')).toBe('base64');
    expect(writeFormatOf(undefined)).toBe('json');
    expect(writeFormatOf('text')).toBe('text');
    expect(() => readFormatOf('xml')).toThrow('"Read as" must be auto, json, text or base64, not "xml".');
    expect(() => writeFormatOf('auto')).toThrow('"Send as" must be json, text or base64, not "auto".');
    class CancelError extends Error {}
    expect(() => writeFormatOf(7, (message) => new CancelError(message))).toThrow(CancelError);
  });
});
