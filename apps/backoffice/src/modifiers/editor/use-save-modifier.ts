/** @module useSaveModifier: save the draft, then tell the admin, refresh the list and, after creating, open the new URL. */
import { useCallback } from 'react';
import { useBackofficeStore } from '../../store/backoffice-store.ts';
import type { Route } from '../../route.ts';
import { useEditorStoreApi } from './editor-store.ts';

export function useSaveModifier(go: (route: Route) => void): (options?: { overwrite?: boolean }) => Promise<void> {
  const store = useEditorStoreApi();
  const notify = useBackofficeStore((s) => s.notify);
  const loadModifiers = useBackofficeStore((s) => s.loadModifiers);
  return useCallback(async (options) => {
    const outcome = await store.getState().save(options);
    if (!outcome.saved) return;
    const { modifier, created } = outcome;
    notify(created
      ? { tone: 'success', key: 'notice.modifierCreated', params: { name: modifier.name } }
      : { tone: 'success', key: 'notice.modifierSaved', params: { version: modifier.version } });
    void loadModifiers();
    if (created) go({ page: 'modifier', name: modifier.name });
  }, [store, notify, loadModifiers, go]);
}
