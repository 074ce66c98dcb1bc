/** @module ConflictDialog: someone saved a newer version; the admin chooses: compare, take theirs, or save on top. */
import { Button, Dialog, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../../store/backoffice-store.ts';
import { useEditorStore } from './editor-store.ts';

export function ConflictDialog({ onOverwrite }: { onOverwrite: () => void }) {
  const t = useStrings();
  const conflict = useEditorStore((s) => s.conflict);
  const dismiss = useEditorStore((s) => s.dismissConflict);
  const takeTheirs = useEditorStore((s) => s.takeTheirs);
  const setPanel = useEditorStore((s) => s.setPanel);
  const setDiff = useEditorStore((s) => s.setDiff);
  const loadVersions = useEditorStore((s) => s.loadVersions);
  const self = useBackofficeStore((s) => s.session?.user);
  if (!conflict) return null;

  const compare = () => {
    setPanel('history');
    void loadVersions().then(() => setDiff({ from: conflict.version, to: 'draft' }));
    dismiss();
  };

  return (
    <Dialog
      role="alertdialog"
      title={t('editor.conflictTitle', { name: conflict.name })}
      onClose={dismiss}
      actions={
        <>
          <Button onClick={compare}>{t('editor.conflictShowDiff')}</Button>
          <Button onClick={takeTheirs}>{t('editor.conflictReload')}</Button>
          <Button variant="danger" onClick={onOverwrite}>{t('editor.conflictKeep')}</Button>
        </>
      }
    >
      <p>{t('editor.conflictBody', { version: conflict.version, by: conflict.updatedBy === self?.id ? self.email : conflict.updatedBy, time: new Date(conflict.updatedAt).toLocaleString() })}</p>
    </Dialog>
  );
}
