import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useHashRoute } from './use-hash-route.ts';

type Route = { page: 'home' } | { page: 'item'; id: string };
const parse = (hash: string): Route => {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  return page === 'items' && id ? { page: 'item', id } : { page: 'home' };
};
const format = (route: Route) => (route.page === 'item' ? `#/items/${route.id}` : '#/');

afterEach(() => {
  cleanup();
  location.hash = '';
});

describe('when an app follows its route in the hash', () => {
  it('starts on the route of the current hash', () => {
    location.hash = '#/items/7';
    const { result } = renderHook(() => useHashRoute(parse, format));
    expect(result.current[0]).toEqual({ page: 'item', id: '7' });
  });

  it('goes to another route by changing the hash, and follows the hash when the user changes it', async () => {
    const { result } = renderHook(() => useHashRoute(parse, format));
    expect(result.current[0]).toEqual({ page: 'home' });
    act(() => result.current[1]({ page: 'item', id: '42' }));
    expect(location.hash).toBe('#/items/42');
    await waitFor(() => expect(result.current[0]).toEqual({ page: 'item', id: '42' }));
    act(() => { location.hash = '#/'; });
    await waitFor(() => expect(result.current[0]).toEqual({ page: 'home' }));
  });
});
