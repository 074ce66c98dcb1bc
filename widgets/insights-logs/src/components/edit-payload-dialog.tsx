/** @module EditPayloadDialog: edit an unprocessed message's content as JSON, validated as you type, then retry with it. */
import { useState } from 'react';
import { Button, Dialog, TextArea, useStrings } from '@weft/ui-kit';
import type { UnprocessedMessage } from '@weft/api-client';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentText } from '../store/component-names.ts';

/** What the component received: the message's `content`, or the whole message when it has none. */
export function contentOf(message: UnprocessedMessage): unknown {
  return 'content' in message.message ? message.message.content : message.message;
}

export type PayloadCheck = { ok: true; value: Record<string, unknown> } | { ok: false; error: { key: string; params: Record<string, string> } };

export function parsePayload(text: string): PayloadCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { key: 'insights.unprocessed.invalidJson', params: { message: error instanceof Error ? error.message : String(error) } } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: { key: 'insights.unprocessed.notObject', params: {} } };
  return { ok: true, value: value as Record<string, unknown> };
}

export function EditPayloadDialog({ message }: { message: UnprocessedMessage }) {
  const t = useStrings();
  const close = useInsightsStore((s) => s.editUnprocessed);
  const retry = useInsightsStore((s) => s.retryUnprocessed);
  const component = useInsightsStore((s) => componentText(s, message.flowId, message.componentId));
  const [text, setText] = useState(() => JSON.stringify(contentOf(message), null, 2) ?? '{}');
  const [isBusy, setBusy] = useState(false);
  const check = parsePayload(text);
  const submit = () => {
    if (!check.ok) return;
    setBusy(true);
    void retry(message, check.value).finally(() => setBusy(false));
  };
  return (
    <Dialog
      title={t('insights.unprocessed.editTitle', { component })}
      onClose={() => close(null)}
      initialFocus="textarea"
      actions={
        <>
          <Button onClick={() => close(null)}>{t('common.cancel')}</Button>
          <Button variant="primary" disabled={!check.ok || isBusy} onClick={submit}>{t('insights.unprocessed.retryEdited')}</Button>
        </>
      }
    >
      <TextArea
        label={t('insights.unprocessed.payload')}
        value={text}
        rows={14}
        spellCheck={false}
        error={check.ok ? undefined : t(check.error.key, check.error.params)}
        onChange={setText}
        className="weft-il__payload-editor"
      />
    </Dialog>
  );
}
