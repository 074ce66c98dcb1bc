/** @module DetailPane: the selected record: its fields, its error, its payload as a tree, copy, and its correlation. */
import type { ReactNode } from 'react';
import { Badge, Button, CopyButton, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentName } from '../store/component-names.ts';
import { JsonTree } from './json-tree.tsx';
import { formatTimestamp, logLine } from './format.ts';

function Field({ name, isMono = true, children }: { name: string; isMono?: boolean; children: ReactNode }) {
  const t = useStrings();
  return <div><dt>{t(`insights.field.${name}`)}</dt><dd className={isMono ? 'weft-mono' : undefined}>{children}</dd></div>;
}

/** A name with its id below; the id alone while the name is unknown, with `missingKey`'s note when the thing is gone (`name` null). */
function NamedValue({ id, name, missingKey }: { id: string; name: string | null | undefined; missingKey: string }) {
  const t = useStrings();
  if (typeof name === 'string') {
    return <>{name}<span className="weft-il__secondary weft-mono">{id}</span></>;
  }
  return (
    <>
      <span className="weft-mono">{id}</span>
      {name === null ? <span className="weft-il__secondary">{t(missingKey)}</span> : null}
    </>
  );
}

export function DetailPane() {
  const t = useStrings();
  const record = useInsightsStore((s) => s.selected);
  const openCorrelation = useInsightsStore((s) => s.openCorrelation);
  const correlationId = useInsightsStore((s) => s.correlation?.correlationId);
  const flowName = useInsightsStore((s) => (s.selected ? s.flowNames[s.selected.flowId] : undefined));
  const componentLabel = useInsightsStore((s) => (s.selected ? componentName(s.flowComponents[s.selected.flowId], s.selected.componentId, s.typeLabels) : undefined));

  if (!record) {
    return <aside className="weft-il__detail weft-il__detail--empty" aria-label={t('insights.detail')}><p>{t('insights.detailEmpty')}</p></aside>;
  }
  const line = logLine(record);
  const json = JSON.stringify(record.payload, null, 2) ?? 'undefined';

  return (
    <aside className="weft-il__detail" aria-label={t('insights.detail')}>
      <dl className="weft-il__fields">
        <Field name="time">{formatTimestamp(record.time)}</Field>
        <Field name="flow" isMono={false}><NamedValue id={record.flowId} name={flowName} missingKey="insights.flowNotFound" /></Field>
        <Field name="component" isMono={false}><NamedValue id={record.componentId} name={componentLabel} missingKey="insights.componentNotFound" /></Field>
        <Field name="type">{record.componentType}</Field>
        <Field name="port">{`${record.port} (${t(`insights.direction.${record.direction}`)})`}</Field>
        <Field name="message">{record.messageId}</Field>
        {record.durationMs === undefined ? null : <Field name="duration">{`${record.durationMs} ms`}</Field>}
        {line ? <Field name="level">{line.level}</Field> : null}
        {line ? <Field name="line">{line.message}</Field> : null}
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
