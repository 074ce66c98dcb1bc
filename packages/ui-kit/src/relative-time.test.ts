import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.ts';

describe('relative time', () => {
  it('speaks in the largest whole unit', () => {
    expect(formatRelativeTime(0, 3 * 60e3, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime(0, 26 * 3600e3, 'en')).toBe('yesterday');
    expect(formatRelativeTime(0, 2 * 3600e3, 'cs')).toBe('před 2 hodinami');
  });
});
