import { describe, expect, it } from 'vitest';
import { storedSession } from './stored-session.ts';

interface Session { token: string; expiresAt: number }
const isSession = (value: unknown): value is Session =>
  typeof value === 'object' && value !== null && typeof (value as Session).token === 'string' && typeof (value as Session).expiresAt === 'number';

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

describe('a stored session', () => {
  const stored = storedSession<Session>('test.session', isSession);

  it('reads back what was written until it expires, then forgets it', () => {
    const storage = memoryStorage();
    stored.write(storage, { token: 't', expiresAt: 100 });
    expect(stored.read(storage, 50)).toEqual({ token: 't', expiresAt: 100 });
    expect(stored.read(storage, 150)).toBeUndefined();
    expect(storage.items.has('test.session')).toBe(false);
  });

  it('drops a corrupt or foreign entry', () => {
    const storage = memoryStorage();
    storage.setItem('test.session', '{not json');
    expect(stored.read(storage)).toBeUndefined();
    storage.setItem('test.session', JSON.stringify({ token: 1 }));
    expect(stored.read(storage)).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('removes the key when written with nothing (sign-out)', () => {
    const storage = memoryStorage();
    stored.write(storage, { token: 't', expiresAt: Date.now() + 1000 });
    stored.write(storage, undefined);
    expect(storage.items.size).toBe(0);
  });
});
