/** @module UnprocessedList: the dead letters of a flow (or all flows): inspect, retry, edit and retry, delete. */
import type { UnprocessedMessage } from '@weft/api-client';
import { Badge, Button, ConfirmDialog, EmptyState, ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentText } from '../store/component-names.ts';
import { EditPayloadDialog, contentOf } from './edit-payload-dialog.tsx';
import { JsonTree } from './json-tree.tsx';
import { formatTimestamp } from './format.ts';

function UnprocessedDialogs() {
  const t = useStrings();
  const editing = useInsightsStore((s) => s.editing);
  const removing = useInsightsStore((s) => s.removing);
  const confirmRemove = useInsightsStore((s) => s.confirmRemoveUnprocessed);
  const remove = useInsightsStore((s) => s.removeUnprocessed);
  const component = useInsightsStore((s) => (removing ? componentText(s, removing.flowId, removing.componentId) : ''));
  if (editing) return <EditPayloadDialog message={editing} />;
  if (!removing) return null;
  return (
    <ConfirmDialog
      title={t('insights.unprocessed.deleteTitle')}
      message={t('insights.unprocessed.deleteMessage', { component })}
      confirmLabel={t('common.delete')}
      onConfirm={() => void remove(removing)}
      onCancel={() => confirmRemove(null)}
    />
  );
}

export function UnprocessedList() {
  const t = useStrings();
  const { status, items, error } = useInsightsStore((s) => s.unprocessed);
  const notice = useInsightsStore((s) => s.unprocessedNotice);
  const load = useInsightsStore((s) => s.loadUnprocessed);
  const retry = useInsightsStore((s) => s.retryUnprocessed);
  const edit = useInsightsStore((s) => s.editUnprocessed);
  const confirmRemove = useInsightsStore((s) => s.confirmRemoveUnprocessed);
  const flowComponents = useInsightsStore((s) => s.flowComponents);
  const typeLabels = useInsightsStore((s) => s.typeLabels);
  const nameOf = (message: UnprocessedMessage) => componentText({ flowComponents, typeLabels }, message.flowId, message.componentId);

  return (
    <section className="weft-il__unprocessed" aria-label={t('insights.tab.unprocessed')}>
      <p className="weft-il__summary" role="status" aria-live="polite" data-tone={notice?.tone}>
        {notice ? t(notice.key, notice.params) : null}
      </p>
      {status === 'loading' || status === 'idle' ? <Spinner /> : null}
      {status === 'error' ? <ErrorState title={t('insights.unprocessed.loadFailed')} error={error} onRetry={() => void load()} /> : null}
      {status === 'ready' && items.length === 0 ? <EmptyState title={t('insights.unprocessed.empty')}>{t('insights.unprocessed.emptyHint')}</EmptyState> : null}
      {status === 'ready' && items.length > 0 ? (
        <ul className="weft-il__dead-letters">
          {items.map((message) => (
            <li key={message.id} className="weft-il__dead-letter">
              <div className="weft-il__bar-line">
                <strong title={message.componentId}>{nameOf(message)}</strong>
                <span className="weft-il__muted">{message.componentType}</span>
                <Badge tone="danger">{message.error.code}</Badge>
                <span className="weft-il__muted">{t('insights.unprocessed.attempts', { count: message.attempts })}</span>
                <time className="weft-il__muted weft-mono" dateTime={new Date(message.updatedAt).toISOString()}>{formatTimestamp(message.updatedAt)}</time>
              </div>
              <p className="weft-il__error-text">{message.error.message}</p>
              <div className="weft-il__json weft-mono"><JsonTree value={contentOf(message)} /></div>
              <div className="weft-il__bar-line" role="group" aria-label={t('insights.unprocessed.actionsOf', { component: nameOf(message) })}>
                <Button size="small" variant="primary" onClick={() => void retry(message)}>{t('insights.unprocessed.retry')}</Button>
                <Button size="small" onClick={() => edit(message)}>{t('insights.unprocessed.edit')}</Button>
                <Button size="small" variant="ghost" onClick={() => confirmRemove(message)}>{t('common.delete')}</Button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <UnprocessedDialogs />
    </section>
  );
}
