/** @module MessageInspector: one message's error and JSON content; edit the content (validated), retry it or delete it. */
import { useState } from 'react';
import type { AdminUnprocessedMessage } from '@weft/api-client';
import { Button, ConfirmDialog, ErrorState, IconButton, Spinner, TextArea, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';

export function MessageInspector() {
  const t = useStrings();
  const selected = useBackofficeStore((s) => s.selectedMessage);
  const selectMessage = useBackofficeStore((s) => s.selectMessage);

  return (
    <aside className="bo-card bo-inspector" aria-label={selected.status === 'ready' ? t('messages.detail', { id: selected.data.id }) : t('messages.none')}>
      <IconButton className="bo-inspector__close" label={t('messages.close')} icon="×" onClick={() => void selectMessage(undefined)} />
      {selected.status === 'loading' ? <Spinner /> : null}
      {selected.status === 'failed' ? <ErrorState error={selected.error} /> : null}
      {/* Keyed by id so the draft resets when another message opens. */}
      {selected.status === 'ready' ? <MessageDetail key={selected.data.id + String(selected.data.updatedAt)} message={selected.data} /> : null}
    </aside>
  );
}

function parseObject(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'object' };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function MessageDetail({ message }: { message: AdminUnprocessedMessage }) {
  const t = useStrings();
  const isBusy = useBackofficeStore((s) => s.isMessageBusy);
  const saveMessage = useBackofficeStore((s) => s.saveMessage);
  const retryMessage = useBackofficeStore((s) => s.retryMessage);
  const deleteMessage = useBackofficeStore((s) => s.deleteMessage);
  const original = JSON.stringify(message.message, null, 2);
  const [text, setText] = useState(original);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const parsed = parseObject(text);
  const error = parsed.error === undefined ? undefined : parsed.error === 'object' ? t('messages.notObject') : t('test.invalidJson', { message: parsed.error });
  const isEdited = text !== original;

  return (
    <>
      <h2>{t('messages.detail', { id: message.id })}</h2>
      <dl className="bo-facts">
        <dt>{t('messages.col.user')}</dt><dd className="weft-mono">{message.userId}</dd>
        <dt>{t('messages.col.flow')}</dt><dd>{message.flowName ? <>{message.flowName} </> : null}<span className="weft-mono bo-muted">{message.flowId}</span></dd>
        <dt>{t('messages.col.component')}</dt><dd>{message.componentLabel ? <>{message.componentLabel} </> : null}<span className="weft-mono bo-muted">{message.componentId}</span> ({message.componentType})</dd>
        <dt>{t('messages.col.attempts')}</dt><dd>{message.attempts}</dd>
        <dt>{t('messages.col.error')}</dt><dd><code>{message.error.code}</code>: {message.error.message}</dd>
      </dl>
      <TextArea label={t('messages.content')} value={text} rows={14} spellCheck={false} wrap="off" error={error} onChange={setText} />
      <div className="bo-row">
        <Button disabled={!isEdited || parsed.value === undefined || isBusy} onClick={() => parsed.value && void saveMessage(message.id, parsed.value)}>{t('messages.saveContent')}</Button>
        <Button variant="primary" disabled={isEdited || isBusy} onClick={() => void retryMessage(message.id)}>{t('messages.retry')}</Button>
        <Button variant="danger" disabled={isBusy} onClick={() => setConfirmingDelete(true)}>{t('messages.delete')}</Button>
      </div>
      {isConfirmingDelete ? (
        <ConfirmDialog
          title={t('messages.deleteTitle')}
          message={t('messages.deleteBody', { id: message.id, flowId: message.flowId })}
          confirmLabel={t('messages.delete')}
          onConfirm={() => { setConfirmingDelete(false); void deleteMessage(message.id); }}
          onCancel={() => setConfirmingDelete(false)}
        />
      ) : null}
    </>
  );
}
