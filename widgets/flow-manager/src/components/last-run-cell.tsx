/** @module LastRunCell: the status and age of a flow's latest run; a click opens its logs in insights. */
import { Badge, formatRelativeTime, useEmitter, useStrings, useWidgetRoot } from '@weft/ui-kit';
import type { FlowSummary } from '@weft/api-client';

type RunStatus = NonNullable<FlowSummary['lastRun']>['status'];

export const RUN_TONE: Record<RunStatus, 'success' | 'danger' | 'warning' | 'muted'> = {
  succeeded: 'success', failed: 'danger', running: 'warning', waiting: 'muted', cancelled: 'muted',
};

export function LastRunCell({ flow, now }: { flow: FlowSummary; now: number }) {
  const t = useStrings();
  const { locale } = useWidgetRoot();
  const emitter = useEmitter();
  const run = flow.lastRun;
  if (!run) return <span className="weft-fm__muted">{t('flowManager.noRuns')}</span>;
  const status = t(`flowManager.run.${run.status}`);
  const when = formatRelativeTime(run.startedAt, now, locale);
  return (
    <button
      type="button"
      className="weft-fm__last-run"
      data-status={run.status}
      aria-label={t('flowManager.lastRunOf', { name: flow.name, status, when })}
      onClick={() => emitter.emit('flow:insights', { flowId: flow.flowId, name: flow.name, correlationId: run.correlationId })}
    >
      <Badge tone={RUN_TONE[run.status]}>{status}</Badge>{' '}
      <time dateTime={new Date(run.startedAt).toISOString()} title={new Date(run.startedAt).toLocaleString(locale)}>{when}</time>
    </button>
  );
}
