/** @module Webhook URL: where a webhook component answers, with a copy button; tells the host page too. */
import { useEffect, useId } from 'react';
import { CopyButton } from '@weft/ui-kit';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { webhookUrlOf } from '../store/webhook-urls.ts';

export function WebhookUrl({ id, label }: { id: string; label: string }) {
  const { t, emit } = useDesignerServices();
  const urlId = useId();
  const hintId = useId();
  const flowId = useDesignerStore((s) => s.flowId);
  const url = useDesignerStore((s) => webhookUrlOf(s, id));
  // Once per selection (and when the address changes), not on every keystroke of a rename: label is not a dependency.
  useEffect(() => {
    if (url !== undefined) emit({ type: 'webhook:url', flowId, componentId: id, label, url });
  }, [emit, flowId, id, url]);

  return (
    <fieldset className="wd-section wd-webhook-url">
      <legend>{t('designer.webhook.url')}</legend>
      {url === undefined ? <p className="wd-hint">{t('designer.webhook.unknown')}</p> : (
        <>
          <div className="wd-webhook-url__row">
            {/* A textarea, so the whole URL wraps into view; read-only, selected on focus for a manual copy. */}
            <textarea id={urlId} className="wd-input wd-webhook-url__value" readOnly rows={Math.min(5, Math.ceil(url.length / 36))} value={url} aria-label={t('designer.webhook.url')} aria-describedby={hintId} onFocus={(event) => event.currentTarget.select()} />
            <CopyButton text={url} label={t('designer.webhook.copy')} />
          </div>
          <p id={hintId} className="wd-hint">{t('designer.webhook.hint')}</p>
        </>
      )}
    </fieldset>
  );
}
