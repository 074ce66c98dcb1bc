import { describe, expect, it, vi } from 'vitest';
import { ApiError, type AdminUser } from '@weft/api-client';
import type { AdminClient } from '../api/admin-client.ts';
import { createBackofficeStore } from './backoffice-store.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

/** A client whose every method fails unless the test gives it. */
function fakeAdmin(methods: Partial<AdminClient>): AdminClient {
  return new Proxy(methods, {
    get: (target, key: string) => target[key as keyof AdminClient] ?? (() => Promise.reject(new Error(`unexpected ${key}`))),
  }) as AdminClient;
}

const ada: AdminUser = { id: 'u1', email: 'ada@example.com', role: 'user', createdAt: 1, disabled: false };
const admin = { id: 'a1', email: 'admin@example.com', role: 'admin' as const, createdAt: 1 };
const message = { id: 'm1', userId: 'u1', flowId: 'f1', componentId: 'c1', componentType: 'weft.http', message: { body: 1 }, error: { code: 'x', message: 'x' }, attempts: 3, createdAt: 1, updatedAt: 1 };

describe('when the admin logs in', () => {
  it('keeps who is signed in (never a token) in session storage and restores it in a new store', async () => {
    const storage = memoryStorage();
    const store = createBackofficeStore({ storage, admin: fakeAdmin({ login: async () => ({ expiresAt: Date.now() + 60_000, user: admin }) }) });
    await store.getState().logIn({ email: 'admin@example.com', password: 'secret-pass' });
    expect(store.getState().session?.user.role).toBe('admin');
    const again = createBackofficeStore({ storage, admin: fakeAdmin({}) });
    expect(again.getState().session?.user.email).toBe('admin@example.com');
    expect([...storage.map.values()].join()).not.toContain('token');
  });

  it('forgets a token an older Backoffice stored', () => {
    const storage = memoryStorage();
    storage.setItem('weft.backoffice.session', JSON.stringify({ token: 't', expiresAt: Date.now() + 60_000, user: admin }));
    expect(createBackofficeStore({ storage, admin: fakeAdmin({}) }).getState().session).toBeUndefined();
    expect(storage.map.size).toBe(0);
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const storage = memoryStorage();
    const store = createBackofficeStore({ storage, admin: fakeAdmin({ login: async () => ({ expiresAt: Date.now() + 60_000, user: admin }) }) });
    await store.getState().logIn({ email: 'admin@example.com', password: 'secret-pass' });
    await store.getState().logOut();
    expect(store.getState().session).toBeUndefined();
    expect(storage.map.size).toBe(0);
  });

  it('drops a revoked token when the user is re-read', async () => {
    const storage = memoryStorage();
    storage.setItem('weft.backoffice.session', JSON.stringify({ expiresAt: Date.now() + 60_000, user: admin }));
    const store = createBackofficeStore({ storage, admin: fakeAdmin({ getUser: () => Promise.reject(new ApiError({ status: 401, code: 'auth.required', message: 'no' })) }) });
    await store.getState().refreshUser();
    expect(store.getState().session).toBeUndefined();
  });
});

describe('when an admin disables a user', () => {
  it('shows the account as disabled and says so', async () => {
    const setUserDisabled = vi.fn(async () => undefined);
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({ listUsers: async () => ({ items: [ada], total: 1, limit: 25, offset: 0 }), setUserDisabled }) });
    await store.getState().loadUsers(0);
    await store.getState().setUserDisabled('u1', true);
    expect(setUserDisabled).toHaveBeenCalledWith('u1', true);
    const users = store.getState().users;
    expect(users.status === 'ready' && users.data.items[0]?.disabled).toBe(true);
    expect(store.getState().notice).toEqual({ tone: 'success', key: 'notice.userDisabled' });
    expect(store.getState().busyUserId).toBeUndefined();
  });

  it('reports a failure instead of pretending', async () => {
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({ revokeUserTokens: () => Promise.reject(new ApiError({ status: 500, code: 'x', message: 'Store down' })) }) });
    await store.getState().revokeTokens('u1');
    expect(store.getState().notice).toEqual({ tone: 'danger', key: 'notice.failed', params: { message: 'Store down' } });
  });
});

describe('when an admin works through unprocessed messages', () => {
  it('filters by user and flow, trimming what was typed', async () => {
    const listUnprocessed = vi.fn(async () => ({ items: [message], total: 1 }));
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({ listUnprocessed }) });
    store.getState().setMessageFilter({ userId: ' u1 ' });
    await store.getState().loadMessages();
    expect(listUnprocessed).toHaveBeenCalledWith({ userId: 'u1', flowId: undefined, offset: 0, limit: 50 });
  });

  it('removes a retried message from the list and the inspector', async () => {
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({
      listUnprocessed: async () => ({ items: [message], total: 1 }),
      getUnprocessed: async () => message,
      retryUnprocessed: async () => ({ retried: true as const, messageId: 'n1' }),
    }) });
    await store.getState().loadMessages();
    await store.getState().selectMessage('m1');
    await store.getState().retryMessage('m1');
    const messages = store.getState().messages;
    expect(messages.status === 'ready' && messages.data.items).toEqual([]);
    expect(store.getState().selectedMessage.status).toBe('idle');
    expect(store.getState().notice?.key).toBe('notice.messageRetried');
  });

  it('keeps the edited content after saving it', async () => {
    const editUnprocessed = vi.fn(async () => undefined);
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({ getUnprocessed: async () => message, editUnprocessed }) });
    await store.getState().selectMessage('m1');
    expect(await store.getState().saveMessage('m1', { body: 2 })).toBe(true);
    expect(editUnprocessed).toHaveBeenCalledWith('m1', { message: { body: 2 } });
    const selected = store.getState().selectedMessage;
    expect(selected.status === 'ready' && selected.data.message).toEqual({ body: 2 });
  });
});

describe('when an admin saves settings', () => {
  it('keeps what the server answered', async () => {
    const settings = { retry: { baseMs: 100, maxMs: 1000, maxAttempts: 5 }, sandbox: { timeoutMs: 500, memoryBytes: 16 << 20, maxOutputBytes: 1 << 20 }, logs: { payloadLimitBytes: 4096, retentionDays: 7 } };
    const store = createBackofficeStore({ storage: memoryStorage(), admin: fakeAdmin({ putSettings: async (s) => s }) });
    expect(await store.getState().saveSettings(settings)).toBe(true);
    expect(store.getState().settings).toEqual({ status: 'ready', data: settings });
    expect(store.getState().isSavingSettings).toBe(false);
  });
});
