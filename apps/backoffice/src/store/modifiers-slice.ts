/** @module Modifiers slice: the list of built-in and custom modifiers (the editor keeps its own per-page store). */
import type { ModifierInfo } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export interface ModifiersSlice {
  modifiers: Loadable<ModifierInfo[]>;
  loadModifiers: () => Promise<void>;
}

export const createModifiersSlice: SliceCreator<ModifiersSlice> = (set, get, { admin }) => ({
  modifiers: { status: 'idle' },

  loadModifiers: async () => {
    const previous = get().modifiers;
    set({ modifiers: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
    try {
      const { items } = await admin.listModifiers();
      set({ modifiers: { status: 'ready', data: items } });
    } catch (error) {
      set({ modifiers: { status: 'failed', error: describeError(error) } });
    }
  },
});
