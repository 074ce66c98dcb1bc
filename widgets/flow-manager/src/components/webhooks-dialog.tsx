/** @module WebhooksDialog: where each webhook component of a flow answers, by label, each with a copy button. */
import { useId } from 'react';
import { Button, CopyButton, Dialog, Spinner, useStrings } from '@weft/ui-kit';
import type { FlowSummary } from '@weft/api-client';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';

export function WebhooksDialog({ flow }: { flow: FlowSummary }) {
  const t = useStrings();
  const hintId = useId();
  const webhooks = useFlowManagerStore((s) => s.webhooks);
  const openDialog = useFlowManagerStore((s) => s.openDialog);
  const close = () => openDialog(null);

  return (
    <Dialog title={t('flowManager.webhooksTitle', { name: flow.name })} onClose={close}>
      {webhooks.status === 'loading' && <Spinner label={t('flowManager.webhooksLoading')} />}
      {webhooks.status === 'error' && <p role="alert">{t('flowManager.webhooksFailed', { message: webhooks.message })}</p>}
      {webhooks.status === 'ready' && (webhooks.items.length === 0 ? <p>{t('flowManager.webhooksNone')}</p> : (
        <>
          <ul className="weft-fm__webhooks">
            {webhooks.items.map((hook) => (
              <li key={hook.componentId}>
                <span className="weft-fm__webhook-label">{hook.label}</span>
                <textarea className="weft-fm__webhook-url" readOnly rows={2} value={hook.url} aria-label={t('flowManager.webhookUrlOf', { label: hook.label })} aria-describedby={hintId} onFocus={(event) => event.currentTarget.select()} />
                <CopyButton text={hook.url} label={t('flowManager.copyWebhookUrl')} aria-label={t('flowManager.copyWebhookUrlOf', { label: hook.label })} />
              </li>
            ))}
          </ul>
          <p id={hintId} className="weft-fm__muted">{t('flowManager.webhookHint')}</p>
        </>
      ))}
      <div className="weft-dialog__actions">
        <Button onClick={close}>{t('common.close')}</Button>
      </div>
    </Dialog>
  );
}
