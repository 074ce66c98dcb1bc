/** @module Notice slice: the one status line announced after an action (saved, retried, failed…). */
import type { SliceCreator } from './backoffice-store.ts';

export interface Notice {
  tone: 'success' | 'danger';
  /** A key of the string catalogue, so the words stay translatable. */
  key: string;
  params?: Record<string, string | number>;
}

export interface NoticeSlice {
  notice: Notice | undefined;
  notify: (notice: Notice | undefined) => void;
}

export const createNoticeSlice: SliceCreator<NoticeSlice> = (set) => ({
  notice: undefined,
  notify: (notice) => set({ notice }),
});
