/** @module HistoryPanel: pick two saved versions (or the unsaved draft) and see their source side by side in Monaco's DiffEditor. */
import { useEffect, useMemo, useRef } from 'react';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { monaco } from '../../monaco/monaco-setup.ts';
import { useBackofficeStore } from '../../store/backoffice-store.ts';
import { EmptyState, ErrorState, Select, Spinner, useStrings } from '@weft/ui-kit';
import { useEditorStore, type DiffSide } from './editor-store.ts';

const DRAFT = 'draft';
const MODEL_DIR = '/history/';

/**
 * @monaco-editor/react disposes the diff's models before the diff editor on unmount, which Monaco
 * reports as an error. So the models are kept (`keepCurrent*Model`) and released here, editor first.
 */
function useDiffEditorRelease(): DiffOnMount {
  const editorRef = useRef<Parameters<DiffOnMount>[0] | undefined>(undefined);
  useEffect(() => () => {
    editorRef.current?.setModel(null);
    for (const model of monaco.editor.getModels()) if (model.uri.path.startsWith(MODEL_DIR)) model.dispose();
  }, []);
  return (editor) => {
    editorRef.current = editor;
  };
}

export function HistoryPanel() {
  const t = useStrings();
  const versions = useEditorStore((s) => s.versions);
  const loadVersions = useEditorStore((s) => s.loadVersions);
  const diff = useEditorStore((s) => s.diff);
  const setDiff = useEditorStore((s) => s.setDiff);
  const draftSource = useEditorStore((s) => s.draft.source);
  const self = useBackofficeStore((s) => s.session?.user);
  const onMount = useDiffEditorRelease();

  useEffect(() => {
    if (versions.status === 'idle') void loadVersions();
  }, [versions.status, loadVersions]);

  const items = useMemo(() => (versions.status === 'idle' ? undefined : versions.data), [versions]);
  const options = useMemo(() => [
    ...(items ?? []).map((v) => ({
      value: String(v.version),
      label: t('history.version', { version: v.version, time: new Date(v.updatedAt).toLocaleString(), by: v.updatedBy === self?.id ? self.email : `${v.updatedBy.slice(0, 8)}…` }),
    })),
    { value: DRAFT, label: t('history.draft') },
  ], [items, t, self]);

  if (versions.status === 'failed') return <ErrorState error={versions.error} onRetry={() => void loadVersions()} />;
  if (!items) return <Spinner />;
  if (items.length === 0) return <EmptyState title={t('history.empty')} />;

  const sourceOf = (side: DiffSide) => (side === DRAFT ? draftSource : items.find((v) => v.version === side)?.source ?? '');
  const sideOf = (value: string): DiffSide => (value === DRAFT ? DRAFT : Number(value));

  return (
    <div className="bo-history">
      <div className="bo-row">
        <Select label={t('history.from')} value={String(diff.from)} options={options} onChange={(value) => setDiff({ from: sideOf(value) })} />
        <span aria-hidden="true">→</span>
        <Select label={t('history.to')} value={String(diff.to)} options={options} onChange={(value) => setDiff({ to: sideOf(value) })} />
        {items.length === 1 ? <span className="bo-muted">{t('history.onlyOne')}</span> : null}
      </div>
      <div className="bo-history__diff">
        <DiffEditor
          language="javascript"
          original={sourceOf(diff.from)}
          modified={sourceOf(diff.to)}
          originalModelPath={`${MODEL_DIR}${String(diff.from)}-original.js`}
          modifiedModelPath={`${MODEL_DIR}${String(diff.to)}-modified.js`}
          keepCurrentOriginalModel
          keepCurrentModifiedModel
          onMount={onMount}
          loading={<Spinner />}
          options={{ readOnly: true, originalEditable: false, renderSideBySide: true, minimap: { enabled: false }, scrollBeyondLastLine: false, automaticLayout: true, fontSize: 13 }}
        />
      </div>
    </div>
  );
}
