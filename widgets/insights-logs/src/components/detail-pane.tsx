/** @module DetailPane: the selected record: its fields, its error, its payload as a tree, copy, and its correlation. */
import { Badge, Button, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { JsonTree } from './json-tree.tsx';
import { CopyButton } from './copy-button.tsx';
import { formatTimestamp, logLine } from './format.ts';

export function DetailPane() {
  const t = useStrings();
  const record = useInsightsStore((s) => s.selected);
  const openCorrelation = useInsightsStore((s) => s.openCorrelation);
  const correlationId = useInsightsStore((s) => s.correlation?.correlationId);

  if (!record) {
    return <aside className="weft-il__detail weft-il__detail--empty" aria-label={t('insights.detail')}><p>{t('insights.detailEmpty')}</p></aside>;
  }
  const line = logLine(record);
  const fields: [string, string][] = [
    ['time', formatTimestamp(record.time)],
    ['flow', record.flowId],
    ['component', record.componentId],
    ['type', record.componentType],
    ['port', `${record.port} (${t(`insights.direction.${record.direction}`)})`],
    ['message', record.messageId],
    ...(record.durationMs === undefined ? [] : [['duration', `${record.durationMs} ms`] as [string, string]]),
    ...(line ? [['level', line.level], ['line', line.message]] as [string, string][] : []),
  ];
  const json = JSON.stringify(record.payload, null, 2) ?? 'undefined';

  return (
    <aside className="weft-il__detail" aria-label={t('insights.detail')}>
      <dl className="weft-il__fields">
        {fields.map(([key, value]) => (
          <div key={key}><dt>{t(`insights.field.${key}`)}</dt><dd className="weft-mono">{value}</dd></div>
        ))}
        <div>
          <dt>{t('insights.correlation')}</dt>
          <dd>
            <span className="weft-mono">{record.correlationId}</span>{' '}
            {correlationId === record.correlationId ? null : (
              <Button size="small" onClick={() => void openCorrelation(record.correlationId)}>{t('insights.showCorrelation')}</Button>
            )}
          </dd>
        </div>
        {record.error ? (
          <div><dt>{t('insights.field.error')}</dt><dd><Badge tone="danger">{record.error.code}</Badge> {record.error.message}</dd></div>
        ) : null}
      </dl>
      <div className="weft-il__payload-head">
        <h3>{t('insights.payload')}</h3>
        <CopyButton text={json} />
      </div>
      {record.truncated ? <p className="weft-il__note">{t('insights.truncated')}</p> : null}
      <div className="weft-il__json weft-mono"><JsonTree value={record.payload} /></div>
    </aside>
  );
}
