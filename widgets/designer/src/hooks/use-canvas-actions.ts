/** @module Canvas actions: the commands toolbar, palette and shortcuts share (add, fit, arrange, clipboard). */
import { useCallback, useMemo } from 'react';
import { useReactFlow, useStoreApi as useFlowStoreApi } from '@xyflow/react';
import type { FlowDescriptor } from '@weft/flow';
import { computeLayout } from '../layout/auto-layout.ts';
import { useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { parseClipboard, serializeClipboard } from '../sync/clipboard-format.ts';
import { useT } from './use-designer-services.ts';

export interface CanvasActions {
  addAtCenter: (type: string) => void;
  fit: () => void;
  arrange: () => Promise<void>;
  undo: () => void;
  redo: () => void;
  deleteSelection: () => void;
  copy: () => Promise<void>;
  cut: () => Promise<void>;
  paste: () => Promise<void>;
  selectAll: () => void;
}

export function useCanvasActions(): CanvasActions {
  const store = useDesignerStoreApi();
  const flow = useReactFlow();
  const flowStore = useFlowStoreApi();
  const t = useT();
  const announce = useCallback((message: string) => store.getState().announce(message), [store]);

  const writeClipboard = useCallback(async (fragment: FlowDescriptor | undefined) => {
    if (!fragment) return;
    announce(t('designer.announce.copied', { count: Object.keys(fragment).length }));
    try {
      await globalThis.navigator?.clipboard?.writeText(serializeClipboard(fragment));
    } catch {
      // The system clipboard may be denied (no focus, permissions); the store's clipboard still works here.
    }
  }, [announce, t]);

  return useMemo<CanvasActions>(() => ({
    addAtCenter(type) {
      const { width, height, transform: [x, y, zoom] } = flowStore.getState();
      const position = { x: (width / 2 - x) / zoom - 100, y: (height / 2 - y) / zoom - 40 };
      // Components added one after another at the centre step to the right, so none hides another.
      const isTaken = () => store.getState().nodes.some((node) => Math.abs(node.position.x - position.x) < 40 && Math.abs(node.position.y - position.y) < 40);
      for (let step = 0; step < 50 && isTaken(); step += 1) {
        position.x += 240;
        position.y += 30;
      }
      const id = store.getState().addComponent(type, position);
      if (id) announce(t('designer.announce.added', { label: store.getState().manifests[type]?.label ?? type }));
    },
    fit() {
      void flow.fitView({ padding: 0.15, duration: 200 });
    },
    async arrange() {
      const { nodes, edges } = store.getState();
      const positions = await computeLayout(nodes, edges);
      store.getState().moveComponents(positions);
      announce(t('designer.announce.layout', { count: nodes.length }));
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 200 }));
    },
    undo() {
      if (store.getState().undo()) announce(t('designer.announce.undo'));
    },
    redo() {
      if (store.getState().redo()) announce(t('designer.announce.redo'));
    },
    deleteSelection() {
      const count = store.getState().selectedIds.length;
      store.getState().removeSelection();
      if (count > 0) announce(t('designer.announce.deleted', { count }));
    },
    async copy() {
      await writeClipboard(store.getState().copySelection());
    },
    async cut() {
      await writeClipboard(store.getState().cutSelection());
    },
    async paste() {
      let fragment: FlowDescriptor | undefined;
      try {
        const text = await globalThis.navigator?.clipboard?.readText();
        if (text) fragment = parseClipboard(text);
      } catch {
        // Reading the system clipboard needs permission; fall back to what was copied in this designer.
      }
      const ids = store.getState().paste(fragment);
      if (ids.length > 0) announce(t('designer.announce.pasted', { count: ids.length }));
    },
    selectAll() {
      const ids = store.getState().nodes.map((node) => node.id);
      store.getState().select(ids);
      announce(t('designer.announce.selected', { count: ids.length }));
    },
  }), [announce, flow, flowStore, store, t, writeClipboard]);
}
