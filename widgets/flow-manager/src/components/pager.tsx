/** @module Pager: previous / next with "page x of y"; hidden when everything fits on one page. */
import { Button, useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';

export function Pager() {
  const t = useStrings();
  const page = useFlowManagerStore((s) => s.page);
  const pageSize = useFlowManagerStore((s) => s.pageSize);
  const total = useFlowManagerStore((s) => s.total);
  const setQuery = useFlowManagerStore((s) => s.setQuery);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="weft-fm__pager" aria-label={t('flowManager.pagination')}>
      <span className="weft-fm__muted">{t('flowManager.count', { count: total })}</span>
      {pages > 1 ? (
        <>
          <Button size="small" disabled={page === 0} onClick={() => setQuery({ page: page - 1 })}>{t('common.previous')}</Button>
          <span aria-live="polite">{t('common.pageOf', { page: page + 1, pages })}</span>
          <Button size="small" disabled={page >= pages - 1} onClick={() => setQuery({ page: page + 1 })}>{t('common.next')}</Button>
        </>
      ) : null}
    </nav>
  );
}
