/** @module UI slice: which panel is open and what the aria-live region last announced. */
import type { DesignerSlice } from './designer-state.ts';

export type Panel = 'help' | 'connect' | 'test-run' | 'logs' | 'runs' | undefined;

export interface UiSlice {
  panel: Panel;
  announcement: string;
  inspectorTab: 'settings' | 'run-data';
  openPanel: (panel: Panel) => void;
  announce: (message: string) => void;
  setInspectorTab: (tab: UiSlice['inspectorTab']) => void;
}

export const createUiSlice: DesignerSlice<UiSlice> = (set) => ({
  panel: undefined,
  announcement: '',
  inspectorTab: 'settings',
  openPanel(panel) {
    set({ panel });
  },
  announce(message) {
    set({ announcement: message });
  },
  setInspectorTab(inspectorTab) {
    set({ inspectorTab });
  },
});
