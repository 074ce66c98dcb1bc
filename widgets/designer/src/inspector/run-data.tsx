/** @module Run data: what one component received and sent in the last test run. */
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function RunData({ id }: { id: string }) {
  const t = useT();
  const records = useDesignerStore(useShallow((s) => s.run.records.filter((record) => record.componentId === id)));
  if (records.length === 0) return <p className="wd-hint">{t('designer.runData.none')}</p>;
  return (
    <div className="wd-run-data">
      {records.map((record) => (
        <section key={record.id} data-direction={record.direction}>
          <h4>{t(record.direction === 'in' ? 'designer.runData.in' : 'designer.runData.out')} · {record.port}{record.error ? ` · ${record.error.message}` : ''}</h4>
          <pre className="wd-code">{JSON.stringify(record.payload, null, 2)}</pre>
        </section>
      ))}
    </div>
  );
}
