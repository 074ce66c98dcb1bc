/** @module EditorHeader: title, unsaved marker, save and delete; reports the outcome and moves to the new URL after creating. */
import { useState } from 'react';
import { Badge, Button, ConfirmDialog, useStrings } from '@weft/ui-kit';
import { useAdminClient } from '../../api/admin-client-context.tsx';
import { useBackofficeStore } from '../../store/backoffice-store.ts';
import { describeError } from '../../store/loadable.ts';
import { routeHash, type Route } from '../../route.ts';
import { isDirty, useEditorStore } from './editor-store.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { useSaveModifier } from './use-save-modifier.ts';

export function EditorHeader({ go }: { go: (route: Route) => void }) {
  const t = useStrings();
  const admin = useAdminClient();
  const name = useEditorStore((s) => s.draft.name);
  const label = useEditorStore((s) => s.draft.label);
  const isNew = useEditorStore((s) => s.isNew);
  const version = useEditorStore((s) => s.base?.version);
  const dirty = useEditorStore(isDirty);
  const isSaving = useEditorStore((s) => s.isSaving);
  const saveError = useEditorStore((s) => s.saveError);
  const hasConflict = useEditorStore((s) => s.conflict !== undefined);
  const notify = useBackofficeStore((s) => s.notify);
  const loadModifiers = useBackofficeStore((s) => s.loadModifiers);
  const save = useSaveModifier(go);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);

  const remove = () => {
    setConfirmingDelete(false);
    admin.deleteModifier(name).then(
      () => {
        notify({ tone: 'success', key: 'notice.modifierDeleted', params: { name } });
        void loadModifiers();
        go({ page: 'modifiers' });
      },
      (error: unknown) => notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } }),
    );
  };

  return (
    <header className="bo-editor__header">
      <a href={routeHash({ page: 'modifiers' })}>{t('modifiers.back')}</a>
      <h1 className="bo-page__title">{isNew ? t('modifiers.new') : <><code>{name}</code> · {label}</>}</h1>
      {version !== undefined ? <Badge tone="success">{t('modifiers.version', { version })}</Badge> : null}
      {dirty ? <Badge tone="warning">{t('editor.unsaved')}</Badge> : null}
      <span className="bo-spacer" />
      {saveError ? <span className="bo-error" role="alert">{saveError}</span> : null}
      {!isNew ? <Button variant="ghost" onClick={() => setConfirmingDelete(true)}>{t('editor.delete')}</Button> : null}
      <Button variant="primary" disabled={isSaving || !dirty} onClick={() => void save()} title="Ctrl+S">
        {isSaving ? t('editor.saving') : isNew ? t('editor.create') : t('editor.save')}
      </Button>
      {isConfirmingDelete ? (
        <ConfirmDialog
          title={t('editor.deleteTitle', { name })}
          message={t('editor.deleteBody', { name })}
          confirmLabel={t('common.delete')}
          onConfirm={remove}
          onCancel={() => setConfirmingDelete(false)}
        />
      ) : null}
      {hasConflict ? <ConflictDialog onOverwrite={() => void save({ overwrite: true })} /> : null}
    </header>
  );
}
