import { describe, expect, it } from 'vitest';
import { formatTimestamp, summarize } from './format.ts';

describe('log formatting', () => {
  it('prints fixed-width local timestamps with milliseconds', () => {
    expect(formatTimestamp(new Date(2026, 0, 2, 3, 4, 5, 6).getTime())).toBe('2026-01-02 03:04:05.006');
  });
  it('summarizes errors first, then payloads, cut to length', () => {
    expect(summarize({ payload: { a: 1 }, error: { code: 'http.timeout', message: 'took too long' } })).toBe('http.timeout: took too long');
    expect(summarize({ payload: { text: 'x'.repeat(300) } }, 20)).toHaveLength(20);
    expect(summarize({ payload: undefined })).toBe('');
  });
  it('summarizes a context.log line as its level and text, then its data', () => {
    expect(summarize({ direction: 'log', payload: { level: 'warn', message: 'slow upstream', data: { ms: 900 } } })).toBe('warn: slow upstream {"ms":900}');
    expect(summarize({ direction: 'log', payload: { level: 'info', message: 'looking it up' } })).toBe('info: looking it up');
    // A line whose payload was cut to a string preview shows the preview.
    expect(summarize({ direction: 'log', payload: '{"level":"info","message":"xx…' })).toBe('{"level":"info","message":"xx…');
  });
});
