import { describe, expect, it, vi } from 'vitest';
import type { AdminClient } from '../api/admin-client.ts';
import { createBackofficeStore } from './backoffice-store.ts';

const memory = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
};

describe('when an operator manages host keys', () => {
  it('holds a new key until dismissed, lists keys, and revokes one with a notice', async () => {
    const listed = { id: 'k1', name: 'Acme', scopes: ['provision' as const], createdAt: 1 };
    const revokeHostKey = vi.fn(async () => undefined);
    const admin = {
      listHostKeys: vi.fn(async () => ({ items: [listed] })),
      createHostKey: vi.fn(async () => ({ ...listed, key: 'wk_secret' })),
      revokeHostKey,
    } as unknown as AdminClient;
    const store = createBackofficeStore({ admin, storage: memory() });
    await store.getState().createHostKey('Acme', ['provision']);
    expect(store.getState().createdHostKey?.key).toBe('wk_secret');
    expect(store.getState().hostKeys).toEqual({ status: 'ready', data: [listed] });
    store.getState().dismissCreatedHostKey();
    expect(store.getState().createdHostKey).toBeUndefined();
    await store.getState().revokeHostKey(listed);
    expect(revokeHostKey).toHaveBeenCalledWith('k1');
    expect(store.getState().notice).toEqual({ tone: 'success', key: 'notice.hostKeyRevoked', params: { name: 'Acme' } });
  });

  it('says why when making a key fails', async () => {
    const admin = { createHostKey: vi.fn(async () => { throw new Error('boom'); }) } as unknown as AdminClient;
    const store = createBackofficeStore({ admin, storage: memory() });
    await store.getState().createHostKey('x', ['read']);
    expect(store.getState().notice?.tone).toBe('danger');
    expect(store.getState().createdHostKey).toBeUndefined();
  });
});
