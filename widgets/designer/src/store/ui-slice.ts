/** @module UI slice: which panel is open and what the aria-live region last announced. */
import type { DesignerSlice } from './designer-state.ts';

export type Panel = 'help' | 'connect' | 'test-run' | 'logs' | 'history' | 'runs' | undefined;

/** How a component of the draft differs from the version the history panel compares it with. */
export type DiffMark = 'added' | 'changed';

export interface UiSlice {
  panel: Panel;
  announcement: string;
  inspectorTab: 'settings' | 'run-data';
  /** Components the history panel marks on the canvas, by id. */
  diffMarks: Record<string, DiffMark>;
  setDiffMarks: (marks: Record<string, DiffMark>) => void;
  openPanel: (panel: Panel) => void;
  announce: (message: string) => void;
  setInspectorTab: (tab: UiSlice['inspectorTab']) => void;
}

export const createUiSlice: DesignerSlice<UiSlice> = (set) => ({
  panel: undefined,
  announcement: '',
  inspectorTab: 'settings',
  diffMarks: {},
  setDiffMarks(diffMarks) {
    set({ diffMarks });
  },
  openPanel(panel) {
    // The history panel's marks go with it.
    set(panel === 'history' ? { panel } : { panel, diffMarks: {} });
  },
  announce(message) {
    set({ announcement: message });
  },
  setInspectorTab(inspectorTab) {
    set({ inspectorTab });
  },
});
