/** @module Store context: one zustand store per widget instance, read through a hook that throws outside its provider. */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';

/**
 * `createStoreContext<State>('FlowManager')` gives a Provider that creates the store once per
 * mounted instance (two widgets on one page never share state) and a `useStore(selector)` hook.
 */
export function createStoreContext<S>(name: string) {
  const Context = createContext<StoreApi<S> | null>(null);

  function Provider({ create, children }: { create: () => StoreApi<S>; children: ReactNode }) {
    const [store] = useState(create);
    return <Context.Provider value={store}>{children}</Context.Provider>;
  }

  function useStoreApi(): StoreApi<S> {
    const store = useContext(Context);
    if (!store) throw new Error(`use${name}Store must be used inside <${name}>`);
    return store;
  }

  function useBoundStore<T>(selector: (state: S) => T): T {
    return useStore(useStoreApi(), selector);
  }

  return { Provider, useStore: useBoundStore, useStoreApi };
}
