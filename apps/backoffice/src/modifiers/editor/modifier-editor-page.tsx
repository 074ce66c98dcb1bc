/**
 * @module ModifierEditorPage: create or edit a custom modifier: details, Monaco code editor, test run
 * and save history. Lazily loaded (default export) because it pulls in Monaco.
 */
import '../../monaco/monaco-setup.ts';
import { useEffect, useState } from 'react';
import { ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import { useAdminClient } from '../../api/admin-client-context.tsx';
import type { Route } from '../../route.ts';
import { EditorStoreProvider, createEditorStore, useEditorStore } from './editor-store.ts';
import { EditorHeader } from './editor-header.tsx';
import { ModifierFields } from './modifier-fields.tsx';
import { CodeEditor } from './code-editor.tsx';
import { EditorPanels } from './editor-panels.tsx';
import { useSaveModifier } from './use-save-modifier.ts';

export interface ModifierEditorPageProps {
  /** undefined creates a new modifier. */
  name: string | undefined;
  go: (route: Route) => void;
}

export default function ModifierEditorPage({ name, go }: ModifierEditorPageProps) {
  const admin = useAdminClient();
  const [create] = useState(() => () => createEditorStore(admin, name));
  return (
    <EditorStoreProvider create={create}>
      <ModifierEditor name={name} go={go} />
    </EditorStoreProvider>
  );
}

function ModifierEditor({ name, go }: ModifierEditorPageProps) {
  const t = useStrings();
  const load = useEditorStore((s) => s.load);
  const loadModifier = useEditorStore((s) => s.loadModifier);
  const save = useSaveModifier(go);
  const panel = useEditorStore((s) => s.panel);

  useEffect(() => {
    if (name !== undefined) void loadModifier(name);
  }, [name, loadModifier]);

  if (load.status === 'failed') return <ErrorState error={load.error} onRetry={() => name !== undefined && void loadModifier(name)} />;
  if (load.status === 'loading' && !load.data) return <Spinner />;

  return (
    <section className="bo-editor" data-panel={panel} aria-label={name ?? t('modifiers.new')}>
      <EditorHeader go={go} />
      <div className="bo-editor__body">
        <ModifierFields />
        <CodeEditor onSave={() => void save()} />
      </div>
      <EditorPanels />
    </section>
  );
}
