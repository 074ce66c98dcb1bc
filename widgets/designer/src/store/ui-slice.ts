/** @module UI slice: which panel is open and what the aria-live region last announced. */
import type { DesignerSlice } from './designer-state.ts';

export type Panel = 'help' | 'connect' | 'test-run' | 'logs' | 'history' | 'runs' | 'template' | undefined;

/** How a component of the draft differs from the version the history panel compares it with. */
export type DiffMark = 'added' | 'changed';

/** Inspector widths a person may choose, in CSS pixels. */
export const INSPECTOR_WIDTH = { min: 280, default: 360, max: 900 } as const;
const WIDTH_KEY = 'weft.designer.inspectorWidth';

export function clampInspectorWidth(width: number): number {
  return Math.round(Math.min(INSPECTOR_WIDTH.max, Math.max(INSPECTOR_WIDTH.min, width)));
}

/** The width this browser remembers; storage may be missing or refused (sandboxed frames). */
function rememberedWidth(): number {
  try {
    const stored = Number(globalThis.localStorage?.getItem(WIDTH_KEY));
    return Number.isFinite(stored) && stored > 0 ? clampInspectorWidth(stored) : INSPECTOR_WIDTH.default;
  } catch {
    return INSPECTOR_WIDTH.default;
  }
}

export interface UiSlice {
  panel: Panel;
  inspectorWidth: number;
  /** Resize the inspector (clamped) and remember the width in this browser. */
  setInspectorWidth: (width: number) => void;
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
  inspectorWidth: rememberedWidth(),
  setInspectorWidth(width) {
    const inspectorWidth = clampInspectorWidth(width);
    set({ inspectorWidth });
    try {
      globalThis.localStorage?.setItem(WIDTH_KEY, String(inspectorWidth));
    } catch {
      // Not remembered; the width still applies until the designer closes.
    }
  },
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
