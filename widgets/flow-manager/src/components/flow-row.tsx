/** @module FlowRow: one flow: open, stage (and unpublished changes), last change, last run, errors in 24 h, and its actions. */
import { Badge, Button, formatRelativeTime, useEmitter, useStrings, useWidgetRoot } from '@weft/ui-kit';
import type { FlowSummary } from '@weft/api-client';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';
import { LastRunCell } from './last-run-cell.tsx';

export function FlowRow({ flow, now }: { flow: FlowSummary; now: number }) {
  const t = useStrings();
  const { locale } = useWidgetRoot();
  const emitter = useEmitter();
  const pending = useFlowManagerStore((s) => s.pending[flow.flowId]);
  const start = useFlowManagerStore((s) => s.start);
  const stop = useFlowManagerStore((s) => s.stop);
  const clone = useFlowManagerStore((s) => s.clone);
  const openDialog = useFlowManagerStore((s) => s.openDialog);
  const showWebhooks = useFlowManagerStore((s) => s.showWebhooks);
  const isBusy = pending !== undefined;
  const errors = flow.errors24h ?? 0;
  const isRunning = flow.stage === 'running';
  const insights = () => emitter.emit('flow:insights', { flowId: flow.flowId, name: flow.name });

  return (
    <tr aria-busy={isBusy || undefined}>
      <th scope="row">
        <button type="button" className="weft-fm__open" aria-label={t('flowManager.open', { name: flow.name })} onClick={() => emitter.emit('flow:open', { flowId: flow.flowId, name: flow.name })}>
          {flow.name}
        </button>
      </th>
      <td>
        <Badge tone={isRunning ? 'success' : 'muted'}>{t(`flowManager.stage.${flow.stage}`)}</Badge>
        {/* A flow published before whose draft moved on: what runs is not what the designer shows. */}
        {flow.publishedVersion !== undefined && flow.hasUnpublishedChanges === true && (
          <span className="weft-fm__unpublished" title={t('flowManager.unpublished.title', { version: flow.publishedVersion })}>
            <Badge tone="warning">{t('flowManager.unpublished')}</Badge>
          </span>
        )}
      </td>
      <td>
        <time dateTime={new Date(flow.updatedAt).toISOString()} title={new Date(flow.updatedAt).toLocaleString(locale)}>
          {formatRelativeTime(flow.updatedAt, now, locale)}
        </time>
      </td>
      <td>
        <LastRunCell flow={flow} now={now} />
      </td>
      <td>
        {errors > 0 ? (
          <button type="button" className="weft-fm__errors" aria-label={`${t('flowManager.errors', { count: errors })}, ${t('flowManager.insightsOf', { name: flow.name })}`} onClick={insights}>
            <Badge tone="danger">{t('flowManager.errors', { count: errors })}</Badge>
          </button>
        ) : (
          <span className="weft-fm__muted">{t('flowManager.noErrors')}</span>
        )}
      </td>
      <td>
        <div className="weft-fm__actions" role="group" aria-label={t('flowManager.actionsOf', { name: flow.name })}>
          {isRunning ? (
            <Button size="small" disabled={isBusy} onClick={() => void stop(flow)}>{t('flowManager.stop')}</Button>
          ) : (
            <Button size="small" variant="primary" disabled={isBusy} onClick={() => void start(flow)}>{t('flowManager.start')}</Button>
          )}
          <Button size="small" disabled={isBusy} onClick={() => openDialog({ kind: 'rename', flow })}>{t('flowManager.rename')}</Button>
          <Button size="small" disabled={isBusy} onClick={() => void clone(flow, t('flowManager.cloneName', { name: flow.name }))}>{t('flowManager.clone')}</Button>
          <Button size="small" onClick={() => void showWebhooks(flow)} aria-label={t('flowManager.webhooksOf', { name: flow.name })} aria-haspopup="dialog">{t('flowManager.webhooks')}</Button>
          <Button size="small" onClick={insights} aria-label={t('flowManager.insightsOf', { name: flow.name })}>{t('flowManager.insights')}</Button>
          <Button size="small" variant="ghost" className="weft-fm__delete" disabled={isBusy} onClick={() => openDialog({ kind: 'remove', flow })}>{t('flowManager.delete')}</Button>
        </div>
      </td>
    </tr>
  );
}
