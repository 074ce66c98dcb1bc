import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.ts';
import { readSession, writeSession } from './session.ts';

describe('studio routes', () => {
  it('round-trips every screen through the hash', () => {
    for (const route of [
      { screen: 'flows' }, { screen: 'designer', flowId: 'a/b' }, { screen: 'designer', flowId: 'f1', run: 'run-1' }, { screen: 'insights', flowId: 'f1' },
      { screen: 'insights', flowId: undefined }, { screen: 'insights', flowId: 'f1', view: 'runs' }, { screen: 'insights', flowId: undefined, view: 'runs' }, { screen: 'accounts' }, { screen: 'integrations' },
      { screen: 'tenant-insights', tenantId: 't-acme/1' },
    ] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
    expect(parseRoute('#/nonsense')).toEqual({ screen: 'flows' });
    expect(parseRoute('#/tenants/t-42/logs')).toEqual({ screen: 'tenant-insights', tenantId: 't-42' });
  });
});

describe('the studio session', () => {
  const memory = () => {
    const store = new Map<string, string>();
    return { store, storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) } };
  };

  it('forgets an expired or corrupt session', () => {
    const { store, storage } = memory();
    writeSession(storage, { expiresAt: 100, email: 'a@b.c' });
    expect(readSession(storage, 50)).toEqual({ expiresAt: 100, email: 'a@b.c' });
    expect(readSession(storage, 150)).toBeUndefined();
    store.set('weft.studio.session', '{');
    expect(readSession(storage)).toBeUndefined();
  });

  it('never stores a token, and removes one stored by an older Studio', () => {
    const { store, storage } = memory();
    writeSession(storage, { expiresAt: 100, email: 'a@b.c', token: 'secret' } as never);
    expect(store.get('weft.studio.session')).not.toContain('secret');
    store.set('weft.studio.session', JSON.stringify({ token: 'secret', expiresAt: 100, email: 'a@b.c' }));
    expect(readSession(storage, 50)).toBeUndefined();
    expect(store.has('weft.studio.session')).toBe(false);
  });
});
