/** @module IntegrationDialogs: the wizard (add or edit) in a dialog, and the removal confirmation. */
import { useRef } from 'react';
import { ConfirmDialog, Dialog, useStrings, useWidgetRoot } from '@weft/ui-kit';
import { useIntegrationsStore } from '../hooks/use-integrations-store.ts';
import { WizardStoreProvider } from '../hooks/use-wizard-store.ts';
import { createWizardStore, type WizardTarget } from '../store/wizard-store.ts';
import { errorDetail } from '../integration-events.ts';
import { WizardForm } from '../wizard/wizard-form.tsx';

function WizardDialog({ title, target, askAgain }: { title: string; target: WizardTarget; askAgain?: string[] | undefined }) {
  const root = useWidgetRoot();
  const rootRef = useRef(root);
  rootRef.current = root;
  const openDialog = useIntegrationsStore((s) => s.openDialog);
  const wizardDone = useIntegrationsStore((s) => s.wizardDone);
  const create = () => createWizardStore({
    api: () => rootRef.current.api, target, t: (key, params) => rootRef.current.t(key, params), ...(askAgain ? { askAgain } : {}),
    onError: (error) => rootRef.current.emitter.emit('integration:error', errorDetail(error, target)),
  });
  return (
    <Dialog title={title} onClose={() => openDialog(null)}>
      <WizardStoreProvider create={create}>
        <WizardForm onDone={wizardDone} onCancel={() => openDialog(null)} />
      </WizardStoreProvider>
    </Dialog>
  );
}

export function IntegrationDialogs() {
  const t = useStrings();
  const dialog = useIntegrationsStore((s) => s.dialog);
  const openDialog = useIntegrationsStore((s) => s.openDialog);
  const remove = useIntegrationsStore((s) => s.remove);
  const isRemoving = useIntegrationsStore((s) => (dialog?.kind === 'remove' ? s.pending[dialog.integration.flowId] === 'remove' : false));
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add':
      return <WizardDialog key={`add:${dialog.template.id}`} title={t('integrations.addTitle', { name: dialog.template.name })} target={{ templateId: dialog.template.id }} />;
    case 'edit':
      return <WizardDialog key={`edit:${dialog.integration.flowId}`} title={t('integrations.editTitle', { name: dialog.integration.name })} target={{ flowId: dialog.integration.flowId }} askAgain={dialog.askAgain} />;
    case 'remove':
      return (
        <ConfirmDialog
          title={t('integrations.removeTitle', { name: dialog.integration.name })}
          message={t('integrations.removeMessage')}
          confirmLabel={t('integrations.remove')}
          isBusy={isRemoving}
          onConfirm={() => void remove(dialog.integration)}
          onCancel={() => openDialog(null)}
        />
      );
  }
}
