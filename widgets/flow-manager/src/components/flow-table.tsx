/** @module FlowTable: the page of flows as a table; the sortable columns say how they are sorted. */
import { useShallow } from 'zustand/react/shallow';
import { useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';
import { FlowRow } from './flow-row.tsx';

export function FlowTable() {
  const t = useStrings();
  const items = useFlowManagerStore((s) => s.items);
  const { sort, order } = useFlowManagerStore(useShallow((s) => ({ sort: s.sort, order: s.order })));
  const ariaSort = (key: string) => (sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined);
  const now = Date.now();

  return (
    <table className="weft-fm__table">
      <caption className="weft-visually-hidden">{t('flowManager.title')}</caption>
      <thead>
        <tr>
          <th scope="col" aria-sort={ariaSort('name')}>{t('flowManager.column.name')}</th>
          <th scope="col">{t('flowManager.column.stage')}</th>
          <th scope="col" aria-sort={ariaSort('updatedAt')}>{t('flowManager.column.updatedAt')}</th>
          <th scope="col">{t('flowManager.column.lastRun')}</th>
          <th scope="col">{t('flowManager.column.errors')}</th>
          <th scope="col"><span className="weft-visually-hidden">{t('flowManager.column.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((flow) => <FlowRow key={flow.flowId} flow={flow} now={now} />)}
      </tbody>
    </table>
  );
}
