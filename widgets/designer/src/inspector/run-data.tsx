/** @module Run data: what one component received and sent in the last test run. */
import { useShallow } from 'zustand/react/shallow';
import type { LogRecord } from '@weft/api-client';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

const HEADING = { in: 'designer.runData.in', out: 'designer.runData.out', error: 'designer.runData.out', log: 'designer.runData.log' } as const satisfies Record<LogRecord['direction'], string>;

export function RunData({ id }: { id: string }) {
  const t = useT();
  const records = useDesignerStore(useShallow((s) => s.run.records.filter((record) => record.componentId === id)));
  if (records.length === 0) return <p className="wd-hint">{t('designer.runData.none')}</p>;
  return (
    <div className="wd-run-data">
      {records.map((record) => (
        <section key={record.id} data-direction={record.direction}>
          <h4>{t(HEADING[record.direction])} · {record.port}{record.error ? ` · ${record.error.message}` : ''}</h4>
          <pre className="wd-code">{JSON.stringify(record.payload, null, 2)}</pre>
        </section>
      ))}
    </div>
  );
}
