/** @module Settings slice: the engine's system settings as last read or saved. */
import type { AdminSettings } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export interface SettingsSlice {
  settings: Loadable<AdminSettings>;
  isSavingSettings: boolean;
  loadSettings: () => Promise<void>;
  /** Resolves true when the server accepted them. */
  saveSettings: (settings: AdminSettings) => Promise<boolean>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, { admin }) => ({
  settings: { status: 'idle' },
  isSavingSettings: false,

  loadSettings: async () => {
    set({ settings: { status: 'loading' } });
    try {
      set({ settings: { status: 'ready', data: await admin.getSettings() } });
    } catch (error) {
      set({ settings: { status: 'failed', error: describeError(error) } });
    }
  },

  saveSettings: async (settings) => {
    set({ isSavingSettings: true });
    try {
      const saved = await admin.putSettings(settings);
      set({ settings: { status: 'ready', data: saved } });
      get().notify({ tone: 'success', key: 'notice.settingsSaved' });
      return true;
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
      return false;
    } finally {
      set({ isSavingSettings: false });
    }
  },
});
