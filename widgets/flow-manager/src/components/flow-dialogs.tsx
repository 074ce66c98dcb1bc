/** @module FlowDialogs: create, rename, delete-confirmation and webhook-URL dialogs, driven by the store's `dialog`. */
import { useState, type FormEvent } from 'react';
import { Button, ConfirmDialog, Dialog, TextInput, useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';
import { WebhooksDialog } from './webhooks-dialog.tsx';

function NameDialog({ title, initialName, submitLabel, onSubmit }: { title: string; initialName: string; submitLabel: string; onSubmit: (name: string) => void }) {
  const t = useStrings();
  const openDialog = useFlowManagerStore((s) => s.openDialog);
  const isBusy = useFlowManagerStore((s) => Object.keys(s.pending).length > 0);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('flowManager.nameRequired'));
    onSubmit(name.trim());
  };
  return (
    <Dialog title={title} onClose={() => openDialog(null)} initialFocus="input">
      <form onSubmit={submit}>
        <TextInput label={t('flowManager.name')} value={name} error={error} maxLength={200} onChange={(value) => { setName(value); setError(undefined); }} />
        <div className="weft-dialog__actions">
          <Button onClick={() => openDialog(null)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={isBusy}>{submitLabel}</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function FlowDialogs() {
  const t = useStrings();
  const dialog = useFlowManagerStore((s) => s.dialog);
  const create = useFlowManagerStore((s) => s.create);
  const rename = useFlowManagerStore((s) => s.rename);
  const remove = useFlowManagerStore((s) => s.remove);
  const openDialog = useFlowManagerStore((s) => s.openDialog);
  const isRemoving = useFlowManagerStore((s) => (dialog?.kind === 'remove' ? s.pending[dialog.flow.flowId] === 'remove' : false));

  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'create':
      return <NameDialog title={t('flowManager.createTitle')} initialName="" submitLabel={t('flowManager.create')} onSubmit={(name) => void create(name)} />;
    case 'rename':
      return <NameDialog title={t('flowManager.renameTitle', { name: dialog.flow.name })} initialName={dialog.flow.name} submitLabel={t('common.save')} onSubmit={(name) => void rename(dialog.flow, name)} />;
    case 'remove':
      return (
        <ConfirmDialog
          title={t('flowManager.deleteTitle', { name: dialog.flow.name })}
          message={t('flowManager.deleteMessage')}
          confirmLabel={t('flowManager.delete')}
          isBusy={isRemoving}
          onConfirm={() => void remove(dialog.flow)}
          onCancel={() => openDialog(null)}
        />
      );
    case 'webhooks':
      return <WebhooksDialog flow={dialog.flow} />;
  }
}
