/** @module Pager: previous / next over an offset-paged list, with the visible range announced. */
import { Button, useStrings } from '@weft/ui-kit';

export interface PagerProps {
  label: string;
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
}

export function Pager({ label, offset, limit, total, onPage }: PagerProps) {
  const t = useStrings();
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="bo-pager" aria-label={label}>
      <Button size="small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>{t('common.previous')}</Button>
      <span aria-live="polite">{t('paging.range', { from, to, total })}</span>
      <Button size="small" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>{t('common.next')}</Button>
    </nav>
  );
}
