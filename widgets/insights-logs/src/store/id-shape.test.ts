import { describe, expect, it } from 'vitest';
import { looksLikeRunId, messageIdOf } from './id-shape.ts';

describe('looksLikeRunId', () => {
  it('takes correlation ids and message ids, pasted with spaces around', () => {
    expect(looksLikeRunId(' 3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n')).toBe(true);
    expect(looksLikeRunId('Xk3v9QpL2mN8rT4wY6zA1bC0')).toBe(true);
    expect(looksLikeRunId('Xk3v9QpL2mN8rT4wY6zA1bC0~2')).toBe(true);
  });

  it('leaves words and sentences to the full-text search', () => {
    expect(looksLikeRunId('timeout')).toBe(false);
    expect(looksLikeRunId('abcdefghijklmnopqrstuvwx')).toBe(false);
    expect(looksLikeRunId('order 3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')).toBe(false);
  });

  it('names the message a retried copy was parked for', () => {
    expect(messageIdOf('Xk3v9QpL2mN8rT4wY6zA1bC0~2')).toBe('Xk3v9QpL2mN8rT4wY6zA1bC0');
  });
});
