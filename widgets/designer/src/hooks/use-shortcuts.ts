/** @module Shortcuts: the designer's keyboard commands, listed in the help panel (`?`). */
import { useCallback, type KeyboardEvent } from 'react';
import { isTypingEvent } from '@weft/ui-kit';
import { useDesignerStoreApi } from '../store/designer-store-context.tsx';
import type { DesignerStringKey } from '../strings/designer-strings.ts';
import { useCanvasActions } from './use-canvas-actions.ts';

/** Keys shown in the help panel, in the order shown; `mod` is Ctrl (⌘ on macOS). */
export const SHORTCUTS: readonly { keys: string; description: DesignerStringKey }[] = [
  { keys: 'Enter', description: 'designer.help.add' },
  { keys: 'Delete / Backspace', description: 'designer.help.delete' },
  { keys: 'mod+Z', description: 'designer.help.undo' },
  { keys: 'mod+Shift+Z / mod+Y', description: 'designer.help.redo' },
  { keys: 'mod+C', description: 'designer.help.copy' },
  { keys: 'mod+X', description: 'designer.help.cut' },
  { keys: 'mod+V', description: 'designer.help.paste' },
  { keys: 'mod+A', description: 'designer.help.selectAll' },
  { keys: 'C', description: 'designer.help.connect' },
  { keys: 'F', description: 'designer.help.fit' },
  { keys: 'L', description: 'designer.help.layout' },
  { keys: 'Arrows', description: 'designer.help.arrows' },
  { keys: 'Shift', description: 'designer.help.multi' },
  { keys: 'Escape', description: 'designer.help.escape' },
  { keys: '?', description: 'designer.help.help' },
];

/** Returns the root's onKeyDown; keys typed into fields (Monaco included) are left alone. */
export function useShortcuts(): (event: KeyboardEvent) => void {
  const store = useDesignerStoreApi();
  const actions = useCanvasActions();
  return useCallback((event: KeyboardEvent) => {
    if (isTypingEvent(event.nativeEvent)) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const state = store.getState();
    const run = (action: () => unknown) => {
      event.preventDefault();
      void action();
    };
    if (mod && key === 'z') return run(event.shiftKey ? actions.redo : actions.undo);
    if (mod && key === 'y') return run(actions.redo);
    if (mod && key === 'c') return run(actions.copy);
    if (mod && key === 'x') return run(actions.cut);
    if (mod && key === 'v') return run(actions.paste);
    if (mod && key === 'a') return run(actions.selectAll);
    if (mod || event.altKey) return;
    if (state.panel !== undefined && state.panel !== 'logs') {
      if (key === 'escape') run(() => state.openPanel(undefined));
      return;
    }
    switch (key) {
      case 'delete':
      case 'backspace':
        return run(actions.deleteSelection);
      case 'c':
        if (state.selectedIds.length === 1) run(() => state.openPanel('connect'));
        return;
      case 'f':
        return run(actions.fit);
      case 'l':
        return run(actions.arrange);
      case '?':
        return run(() => state.openPanel('help'));
      case 'escape':
        return run(() => state.select([]));
      default:
        return;
    }
  }, [actions, store]);
}
