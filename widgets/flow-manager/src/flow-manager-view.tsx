/** @module FlowManagerView: toolbar, then the state of the list (loading, error, empty, table), pager and dialogs. */
import { useEffect } from 'react';
import { Button, EmptyState, ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from './hooks/use-flow-manager-store.ts';
import { FlowToolbar } from './components/flow-toolbar.tsx';
import { FlowTable } from './components/flow-table.tsx';
import { Pager } from './components/pager.tsx';
import { FlowDialogs } from './components/flow-dialogs.tsx';
import { NoticeRegion } from './components/notice-region.tsx';

function FlowListBody() {
  const t = useStrings();
  const status = useFlowManagerStore((s) => s.status);
  const error = useFlowManagerStore((s) => s.error);
  const isEmpty = useFlowManagerStore((s) => s.items.length === 0);
  const search = useFlowManagerStore((s) => s.search);
  const isFiltered = useFlowManagerStore((s) => s.search.trim() !== '' || s.stage !== 'all');
  const load = useFlowManagerStore((s) => s.load);
  const openDialog = useFlowManagerStore((s) => s.openDialog);

  if (status === 'loading' && isEmpty) return <Spinner />;
  if (status === 'error') return <ErrorState title={t('flowManager.loadFailed')} error={error} onRetry={() => void load()} />;
  if (isEmpty && isFiltered) return <EmptyState title={search.trim() ? t('flowManager.noMatch', { search: search.trim() }) : t('flowManager.empty')} />;
  if (isEmpty) {
    return (
      <EmptyState title={t('flowManager.empty')} action={<Button variant="primary" onClick={() => openDialog({ kind: 'create' })}>{t('flowManager.create')}</Button>}>
        {t('flowManager.emptyHint')}
      </EmptyState>
    );
  }
  return (
    <>
      <FlowTable />
      <Pager />
    </>
  );
}

export function FlowManagerView() {
  const t = useStrings();
  const load = useFlowManagerStore((s) => s.load);
  useEffect(() => void load(), [load]);
  return (
    <section className="weft-fm" aria-label={t('flowManager.title')}>
      <FlowToolbar />
      <NoticeRegion />
      <FlowListBody />
      <FlowDialogs />
    </section>
  );
}
